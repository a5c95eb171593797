"""Certificate models, split by concept: templates, issued certificates and their history, bulk runs."""

from .bulk import BulkRun
from .certificate import Certificate, CertificateSettings, CertificateVersion, _private_storage, _token
from .preferences import CertificateEmailPreference
from .template import CertificateSignatory, CertificateTemplate, CertificateTemplatePage

__all__ = [
    "BulkRun",
    "Certificate",
    "CertificateEmailPreference",
    "CertificateSettings",
    "CertificateSignatory",
    "CertificateTemplate",
    "CertificateTemplatePage",
    "CertificateVersion",
    "_private_storage",
    "_token",
]
