"""The axe check itself: it fails on a page with serious violations, and an exclusion removes only its own element."""

import pytest

from .accessibility import Exclusion, assert_accessible, axe_violations

pytestmark = pytest.mark.e2e

BROKEN = """<!DOCTYPE html><html lang="id"><head><title>Uji</title></head><body><main>
<h1>Uji</h1>
<p id="faint" style="color:#bbb;background:#fff">Teks pucat</p>
<input id="nameless" type="text">
<div style="width:900px">Terlalu lebar</div>
</main></body></html>"""


@pytest.fixture
def blank(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_a_page_with_serious_violations_fails_and_names_the_rules_and_elements(blank):
    blank.set_content(BROKEN)
    with pytest.raises(AssertionError) as failure:
        assert_accessible(blank)
    message = str(failure.value)
    assert "color-contrast (serious)" in message and "#faint" in message
    assert "label (critical)" in message and "#nameless" in message
    assert "at 1280 px" in message and "at 360 px" in message
    assert "scrolls sideways at 360 px" in message


def test_an_exclusion_removes_only_the_exact_rule_on_the_exact_element(blank):
    blank.set_content(BROKEN)
    excluded = (Exclusion(rule="color-contrast", selector="#faint", why="test"),)
    assert {v["id"] for v in axe_violations(blank, exclusions=excluded)} == {"label"}
    wrong_element = (Exclusion(rule="color-contrast", selector="#other", why="test"),)
    assert {v["id"] for v in axe_violations(blank, exclusions=wrong_element)} == {"color-contrast", "label"}
