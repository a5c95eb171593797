"""axe-core in the journeys' pages: every page a journey visits is checked at desktop and at 360 px width.

axe-core comes from the pinned PyPI package axe-playwright-python (it bundles Deque's axe.min.js; see
ARCHITECTURE.md, "Libraries"); we only take its script and run axe ourselves so the arguments go to the page
as JSON, not as Python text pasted into JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from axe_playwright_python.base import AXE_SCRIPT

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
WIDTHS = (DESKTOP, PHONE)
# WCAG 2.0, 2.1 and 2.2, levels A and AA: what Indonesian government sites are held to (and what axe can test).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}

RUN_AXE = """async ([context, options]) => {
  if (!window.axe) { throw new Error("axe-core was not injected"); }
  const results = await window.axe.run(context || document, options);
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target, impact: n.impact, summary: n.failureSummary}))
  }));
}"""


FITS = "() => document.documentElement.scrollWidth <= window.innerWidth + 1"
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(-5).map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''))"""


@dataclass(frozen=True)
class Exclusion:
    """One rule switched off on one selector, with the upstream cause we cannot change (never a blanket off)."""

    rule: str
    selector: str
    why: str


@dataclass
class AxeLog:
    """What was checked in one test, so a journey can assert it really visited and checked its pages."""

    checked: list[str] = field(default_factory=list)


def _excluded(violation_id: str, target: list, exclusions: tuple[Exclusion, ...]) -> bool:
    """Only the exact rule on the exact element axe names: anything else on the page still fails."""
    text = " ".join(str(part) for part in target)
    return any(violation_id == ex.rule and ex.selector == text for ex in exclusions)


def axe_violations(page, *, exclusions: tuple[Exclusion, ...] = ()) -> list[dict]:
    """Serious and critical WCAG A/AA violations on the page as it is now, minus the named exclusions."""
    if not page.evaluate("() => Boolean(window.axe)"):
        page.evaluate(AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    found = []
    for violation in page.evaluate(RUN_AXE, [None, options]):
        nodes = [
            node
            for node in violation["nodes"]
            if (node["impact"] or violation["impact"]) in FAILING_IMPACTS
            and not _excluded(violation["id"], node["target"], exclusions)
        ]
        if nodes:
            found.append({**violation, "nodes": nodes})
    return found


def format_violations(violations: list[dict], where: str) -> str:
    lines = [f"axe-core: {len(violations)} serious/critical violation(s) on {where}"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            summary = (node["summary"] or "").replace("\n", " ")[:300]
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


def assert_accessible(
    page, *, exclusions: tuple[Exclusion, ...] = (), fits_phone: bool = True, log: AxeLog | None = None
) -> None:
    """Check the current page at 1280 px and at 360 px wide; fail listing each violation and its targets.

    fits_phone also fails a page that scrolls sideways at 360 px (our pages; Wagtail's admin lays out its own).
    """
    original = page.viewport_size
    problems = []
    try:
        for size in WIDTHS:
            page.set_viewport_size(size)
            page.wait_for_load_state()
            violations = axe_violations(page, exclusions=exclusions)
            if violations:
                problems.append(format_violations(violations, f"{page.url} at {size['width']} px"))
            if fits_phone and size is PHONE and not page.evaluate(FITS):
                wide = page.evaluate(WIDEST)
                problems.append(f"{page.url} scrolls sideways at 360 px; widest elements: {wide}")
            if log is not None:
                log.checked.append(f"{page.url}@{size['width']}")
    finally:
        if original:
            page.set_viewport_size(original)
    assert not problems, "\n".join(problems)


# Violations inside Wagtail's own admin markup, which our templates cannot change; each names its upstream cause.
WAGTAIL_EXCLUSIONS: tuple[Exclusion, ...] = (
    Exclusion(
        rule="color-contrast",
        selector=".success",
        why="Wagtail 8.0 core.css: `.messages .success` is white on --w-color-positive-100 (#238a6b), 4.26:1 "
        "at 13.6 px; Wagtail's own success message after a POST, not our markup",
    ),
    Exclusion(
        rule="aria-input-field-name",
        selector=".notranslate",
        why="Draftail's contenteditable (role=textbox) gets no name: Wagtail labels the hidden input it replaces "
        "(wagtail/wagtail#14205, open)",
    ),
    Exclusion(
        rule="scrollable-region-focusable",
        selector=".DraftEditor-root",
        why="Draft.js's editor root scrolls at narrow widths and only its contenteditable child takes focus; "
        "same Draftail markup as wagtail/wagtail#14205",
    ),
)
