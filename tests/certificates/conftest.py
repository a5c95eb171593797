"""Fixtures shared by the certificate tests."""

import pytest

from certificates import signing

from .helpers import self_signed_pkcs12


@pytest.fixture
def signing_key(tmp_path, settings):
    cert = self_signed_pkcs12(tmp_path / "kunci.p12", b"rahasia-uji")
    settings.MELAYANI_SIGNING_PKCS12 = str(tmp_path / "kunci.p12")
    settings.MELAYANI_SIGNING_PASSPHRASE = "rahasia-uji"
    signing.configured_signer.cache_clear()
    yield cert
    signing.configured_signer.cache_clear()
