"""An English translation of one demo module, so the /en/ tree and the language switch have something to show."""

from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from courses.models import LessonPage, ModulePage

MODULE_SLUG = "perilaku-pelayanan-prima"
MODULE = {
    "title": "Service Orientation: Excellent Service Behaviour",
    "summary": "The everyday behaviour of front-line staff that makes citizens feel respected: responding quickly, "
    "being friendly and patient, keeping to the service standard, offering further help, listening, and saying "
    "sorry and thank you.",
}
LESSONS = {
    "senyum-sapa-salam": (
        "Smile, Greet, Welcome: Receiving Service Users",
        "<h2>First impressions count</h2><p>Service users judge us in the first few seconds. Welcome everyone with "
        "a <b>smile</b>, a <b>greeting</b> and a <b>welcome</b>, then ask what they need.</p><ul><li>Make eye "
        "contact and smile before you speak.</li><li>Greet politely: “Good morning. How can we help you?”</li>"
        "<li><b>Respond quickly</b>: never leave someone waiting without knowing; if you are serving someone "
        "else, signal that you have seen them.</li></ul>",
    ),
    "sabar-dan-mendengarkan": (
        "Patience and Listening",
        "<h2>Listen to the end</h2><p>Many complaints calm down once the person feels heard. <b>Listen</b> "
        "without interrupting, repeat the core of the complaint, and check that you understand the need.</p>"
        "<p>Being <b>patient</b> is not being passive: stay calm, explain the procedure in plain words and offer "
        "choices. When our service was late or wrong, <b>apologise</b> sincerely and explain how it will be put "
        "right. End every service with <b>thank you</b>.</p>",
    ),
    "disiplin-tulus-bantuan-lanjutan": (
        "Discipline, Sincerity and Offering Further Help",
        "<h2>Service people can rely on</h2><p><b>Discipline</b>: the counter opens on time, the service "
        "standard is followed and promises are kept.</p><p><b>Sincerity</b>: serving without expecting anything "
        "in return, never asking for or accepting gifts.</p><p><b>Further help</b>: before the person leaves, "
        "ask whether there is anything else and point them to the next step.</p>",
    ),
}


def _translation(page: Page, locale: Locale) -> Page:
    existing = page.get_translation_or_none(locale)
    return existing.specific if existing else page.copy_for_translation(locale, copy_parents=True)


def demo_translate_module(*, catalogue: Page) -> ModulePage | None:
    """English copies of the catalogue and one module with its lessons (idempotent); None without that module."""
    module = ModulePage.objects.descendant_of(catalogue).filter(slug=MODULE_SLUG, locale=catalogue.locale).first()
    if module is None:
        return None
    english, _created = Locale.objects.get_or_create(language_code="en")
    english_catalogue = _translation(catalogue, english)
    english_catalogue.title = "Melayani"
    english_catalogue.save_revision().publish()
    english_module = _translation(module, english)
    english_module.title, english_module.summary = MODULE["title"], MODULE["summary"]
    english_module.save_revision().publish()
    for lesson in LessonPage.objects.child_of(module):
        if lesson.slug not in LESSONS:
            continue
        english_lesson = _translation(lesson, english)
        english_lesson.title, body = LESSONS[lesson.slug]
        english_lesson.body = [("text", RichText(body))]
        english_lesson.save_revision().publish()
    return english_module
