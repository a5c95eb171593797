"""A person's own page: who looked at or exported records that include them (from Wagtail's audit log)."""

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from ..selectors import accesses_to


@login_required
def my_record_access(request):
    return TemplateResponse(request, "reports/record_access.html", {"entries": accesses_to(person=request.user)})
