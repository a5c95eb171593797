"""Private files on a real S3-compatible server (moto in server mode on 127.0.0.1), handed out as signed URLs."""

import urllib.error
import urllib.parse
import urllib.request
import uuid

import boto3
import pytest
from botocore.config import Config
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import certificate_issue
from operations.storage import PrivateS3Storage
from tests import factories

from .conftest import free_port

pytestmark = pytest.mark.django_db
KEY, SECRET = "melayani-test", "melayani-test-secret"  # moto accepts any; nothing real


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    port = free_port(8701, 8740)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def s3_options(endpoint: str, bucket: str, **extra) -> dict:
    return {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "access_key": KEY,
        "secret_key": SECRET,
        "region_name": "us-east-1",
        "signature_version": "s3v4",
        "addressing_style": "path",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 120,
        "file_overwrite": False,
        **extra,
    }


@pytest.fixture
def private_bucket(s3_server, monkeypatch, settings):
    """Certificates stored in a fresh private bucket, as S3_PRIVATE_BUCKET configures them."""
    bucket = "melayani-private-" + uuid.uuid4().hex[:8]
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="us-east-1",
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
        config=Config(signature_version="s3v4"),
    )
    client.create_bucket(Bucket=bucket)
    options = s3_options(s3_server, bucket)
    monkeypatch.setattr(Certificate._meta.get_field("pdf"), "storage", PrivateS3Storage(**options))
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "operations.storage.PrivateS3Storage", "OPTIONS": options},
    }
    return client, bucket


def fetch(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback test server)
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_an_issued_certificate_pdf_is_an_object_in_the_private_bucket(private_bucket, learner):
    client, bucket = private_bucket

    certificate = certificate_issue(completion=factories.completion(user=learner))

    stored = client.get_object(Bucket=bucket, Key=certificate.pdf.name)["Body"].read()
    assert stored.startswith(b"%PDF")
    status, _headers, _body = fetch(f"{client.meta.endpoint_url}/{bucket}/{certificate.pdf.name}")
    assert status == 403  # no signature, no file


def test_the_holder_is_sent_to_a_signed_expiring_url_that_serves_the_pdf(client, private_bucket, learner):
    _s3, bucket = private_bucket
    certificate = certificate_issue(completion=factories.completion(user=learner))
    client.force_login(learner)

    response = client.get(reverse("certificates:download", args=[certificate.pk]))

    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    location = response["Location"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
    assert location.startswith(f"http://127.0.0.1:{urllib.parse.urlsplit(location).port}/{bucket}/")
    assert query["X-Amz-Expires"] == ["120"]
    assert query["X-Amz-Signature"]
    status, headers, body = fetch(location)
    assert status == 200
    assert body.startswith(b"%PDF")
    assert body == certificate.pdf.open("rb").read()
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"].startswith("attachment;")
    assert "sertifikat-" in headers["content-disposition"]


def test_someone_else_gets_a_404_and_no_signed_url(client, private_bucket, learner, unit):
    certificate = certificate_issue(completion=factories.completion(user=learner))
    client.force_login(factories.UserFactory(unit=unit))

    response = client.get(reverse("certificates:download", args=[certificate.pk]))

    assert response.status_code == 404
    assert "X-Amz-Signature" not in response.get("Location", "")


def test_signed_urls_name_the_public_endpoint_when_the_app_uses_an_internal_one(s3_server, private_bucket):
    _s3, bucket = private_bucket
    internal = s3_server.replace("127.0.0.1", "localhost")
    storage = PrivateS3Storage(**s3_options(internal, bucket, public_endpoint_url=s3_server))
    storage.save("probe.txt", __import__("io").BytesIO(b"probe"))

    url = storage.url("probe.txt")

    assert url.startswith(s3_server + "/")
    assert fetch(url)[2] == b"probe"


def test_readyz_checks_the_bucket(client, private_bucket, settings):
    assert client.get("/readyz").json()["checks"]["storage"]["backend"] == "default=filesystem,private=s3"

    missing = {**settings.STORAGES["private"]["OPTIONS"], "bucket_name": "no-such-bucket-" + uuid.uuid4().hex[:6]}
    settings.STORAGES = {**settings.STORAGES, "private": {**settings.STORAGES["private"], "OPTIONS": missing}}

    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["ok"] is False


def test_a_background_export_is_handed_to_its_owner_only_as_a_signed_url(client, s3_server, private_bucket, unit):
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone
    from wagtail.models import ModelLogEntry

    from reports.models import ExportJob

    s3, bucket = private_bucket
    owner = factories.hr_user(units=[unit])
    storage = PrivateS3Storage(**s3_options(s3_server, bucket))
    field = ExportJob._meta.get_field("file")
    original = field.storage
    field.storage = storage
    try:
        job = ExportJob.objects.create(
            owner=owner,
            format="csv",
            status=ExportJob.Status.DONE,
            in_background=True,
            rows_total=1,
            rows_done=1,
            expires_at=timezone.now() + datetime.timedelta(days=1),
        )
        job.file.save("rekap.csv", ContentFile(b"nip;nama\n"))
        client.force_login(owner)

        response = client.get(f"/admin/rekap/ekspor/{job.pk}/unduh/")

        assert response.status_code == 302
        status, headers, body = fetch(response["Location"])
        assert (status, body) == (200, b"nip;nama\n")
        assert f"rekap-penyelesaian-{job.pk}.csv" in headers["content-disposition"]
        assert ModelLogEntry.objects.filter(action="melayani.export_download", object_id=str(job.pk)).count() == 1

        client.force_login(factories.hr_user(units=[unit]))  # another HR officer, same unit
        assert client.get(f"/admin/rekap/ekspor/{job.pk}/unduh/").status_code == 404
    finally:
        field.storage = original
