"""Page links keep every filter, encoded: a hostile key or value never breaks out of the link."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def test_page_links_encode_keys_and_values_and_keep_repeated_filters():
    request = RequestFactory().get("/", {"unit": ["A&p=9", "B"], '"><script>': "x", "p": "2"})
    page = Paginator(range(120), 50).get_page(2)

    html = render_to_string("reports/includes/pagination.html", {"page_obj": page}, request=request)

    assert "<script>" not in html
    assert "%22%3E%3Cscript%3E=x" in html
    assert "unit=A%26p%3D9&amp;unit=B" in html
    assert "p=1" in html and "p=3" in html
