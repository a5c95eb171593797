import pytest


@pytest.fixture
def english(signed_in, settings):
    """The signed-in learner's client, in English, so assertions can use the source strings."""
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return signed_in
