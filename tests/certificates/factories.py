"""Certificate templates for tests, built the way the admin saves them."""

from certificates.models import CertificateSignatory, CertificateTemplate, CertificateTemplatePage


def template(*, signatories=1, pages=(), **fields) -> CertificateTemplate:
    fields.setdefault("name", f"Templat {CertificateTemplate.objects.count() + 1}")
    instance = CertificateTemplate.objects.create(**fields)
    for index in range(signatories):
        CertificateSignatory.objects.create(
            template=instance,
            name=f"Dr. Penandatangan {index + 1}, M.Si.",
            nip=f"19700101199503100{index + 1}",
            position=f"Kepala Bidang {index + 1}",
            sort_order=index,
        )
    for page in pages:
        CertificateTemplatePage.objects.create(template=instance, page=page)
    return instance
