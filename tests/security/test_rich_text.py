"""Rich text is sanitised when saved, through the admin editor and through code (services, imports)."""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses.models import LessonPage, ModulePage
from people.models import User
from people.sanitize import rich_text_clean
from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p data-block-key="k1">Halo <script>alert("xss")</script>'
    '<a href="javascript:alert(1)" onclick="steal()">klik</a>'
    '<img src="x" onerror="alert(2)"><svg onload="alert(3)"></svg>'
    '<a href="https://layanan.go.id" onmouseover="x()">aman</a>'
    '<a linktype="page" id="3">halaman</a></p>'
    '<embed embedtype="image" id="7" format="left" alt="foto"/>'
    '<iframe src="https://evil.example"></iframe><style>body{display:none}</style>'
)


def assert_clean(html: str):
    lowered = html.lower()
    for needle in [
        "<script",
        "alert(",
        "javascript:",
        "onclick",
        "onerror",
        "onload",
        "onmouseover",
        "<iframe",
        "<svg",
    ]:
        assert needle not in lowered, needle
    assert "<style" not in lowered


def test_the_sanitiser_keeps_wagtail_markup_and_drops_script():
    cleaned = rich_text_clean(HOSTILE)
    assert_clean(cleaned)
    assert '<a href="https://layanan.go.id">aman</a>' in cleaned
    assert '<a linktype="page" id="3">halaman</a>' in cleaned
    assert '<embed embedtype="image" id="7" format="left" alt="foto"/>' in cleaned
    assert 'data-block-key="k1"' in cleaned


def test_richtextfield_written_by_code_is_clean_once_saved():
    module = factories.module(lessons=0)
    module.objectives = HOSTILE
    module.save()
    assert_clean(ModulePage.objects.get(pk=module.pk).objectives)


def test_rich_text_inside_a_streamfield_written_by_code_is_clean_once_saved():
    module = factories.module(lessons=0)
    lesson = factories.lesson(module=module, html=HOSTILE)
    stored = LessonPage.objects.get(pk=lesson.pk)
    raw = json.dumps(list(stored.body.raw_data))
    assert_clean(raw)
    assert "aman" in raw
    response_html = str(stored.body)
    assert_clean(response_html)


def test_knowledge_check_explanation_nested_in_a_struct_is_clean():
    module = factories.module(lessons=0)
    page = module.add_child(
        instance=LessonPage(
            title="Cek",
            slug="cek",
            body=[
                (
                    "knowledge_check",
                    {
                        "question": "Apa?",
                        "choices": [
                            {"text": "A", "correct": True, "feedback": ""},
                            {"text": "B", "correct": False, "feedback": ""},
                        ],
                        "explanation": HOSTILE,
                    },
                )
            ],
        )
    )
    assert_clean(json.dumps(list(LessonPage.objects.get(pk=page.pk).body.raw_data)))


def test_a_page_published_through_the_admin_with_hostile_contentstate_is_clean(client):
    client.force_login(User.objects.create_superuser("akar", "akar@example.go.id", factories.PASSWORD))
    module = factories.module(lessons=1)
    lesson = module.get_children().specific().first()
    contentstate = {
        "blocks": [
            {
                "key": "a1",
                "type": "unstyled",
                "depth": 0,
                "text": "<script>alert(1)</script> klik",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 26, "length": 4, "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}},
    }
    data = nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "body": streamfield([("text", json.dumps(contentstate))]),
            "action-publish": "publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[lesson.pk]), data)
    assert response.status_code == 302, response.content[:3000]
    stored = LessonPage.objects.get(pk=lesson.pk)
    raw = json.dumps(list(stored.body.raw_data))
    assert "javascript:" not in raw
    assert "klik" in raw
    # The text itself is kept as text: escaped, never markup.
    assert "<script" not in raw
    public = client.get(stored.url)
    assert b"<script>alert(1)</script>" not in public.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in public.content
