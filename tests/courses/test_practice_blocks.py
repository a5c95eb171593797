"""The learner-facing exercise blocks: they work without JavaScript and grade nothing."""

import pytest
from wagtail.blocks import StructBlockValidationError

from courses.blocks import CaseBlock, ChecklistBlock, KnowledgeCheckBlock, VideoFileBlock
from courses.values import ServiceBehaviour
from tests import factories


def test_a_case_hides_the_model_answer_in_a_details_element():
    block = CaseBlock()
    html = block.render(block.to_python(block.meta.preview_value))
    before, details = html.split("<details", 1)
    assert "Sambut dengan ramah" in details
    assert "Sambut dengan ramah" not in before
    assert "<textarea" in before


def test_a_checklist_shows_only_the_chosen_behaviours_in_the_canonical_order():
    block = ChecklistBlock()
    html = block.render(block.to_python({"title": "Cek", "behaviours": ["sabar", "cepat"]}))
    assert html.count('type="checkbox"') == 2
    assert html.index('value="cepat"') < html.index('value="sabar"')


def test_a_checklist_offers_every_service_behaviour_by_default():
    assert ChecklistBlock().child_blocks["behaviours"].get_default() == list(ServiceBehaviour.values)


def test_a_knowledge_check_needs_exactly_one_correct_answer():
    block = KnowledgeCheckBlock()
    value = block.to_python(
        {
            "question": "Q?",
            "choices": [
                {"text": "A", "correct": True, "feedback": ""},
                {"text": "B", "correct": True, "feedback": ""},
            ],
            "explanation": "",
        }
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_a_knowledge_check_renders_feedback_per_answer_and_the_answer_behind_details():
    block = KnowledgeCheckBlock()
    value = block.to_python(block.meta.preview_value)
    block.clean(value)
    html = block.render(value)
    assert html.count('type="radio"') == 2
    assert 'data-correct="1"' in html and 'data-correct="0"' in html
    assert html.count('class="kc-feedback" hidden') == 2
    assert "<details" in html


@pytest.mark.django_db
def test_an_uploaded_video_plays_in_a_video_element():
    video = factories.document(title="Simulasi", name="simulasi.mp4", content=b"\x00\x00\x00\x18ftypmp42")
    block = VideoFileBlock()
    html = block.render(block.to_python({"file": video.pk, "caption": "Simulasi", "transcript": "Halo."}))
    assert "<video controls" in html
    assert f'<source src="{video.url}" type="video/mp4">' in html
    assert "<details" in html


@pytest.mark.django_db
def test_a_video_file_block_refuses_a_document_that_is_not_a_video():
    document = factories.document(name="panduan.pdf")
    block = VideoFileBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"file": document.pk, "caption": "", "transcript": ""}))
