"""Documents are served only through Wagtail's view, which honours collection privacy."""

import pytest
from django.conf import settings
from wagtail.models import Collection, CollectionViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.4 rahasia-negara"


@pytest.fixture
def private_document(db):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Internal")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document = factories.document(name="internal.pdf", content=SECRET)
    document.collection = private
    document.save()
    return document


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_document_links_point_at_the_checked_view_not_at_media(private_document):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert not private_document.url.startswith(settings.MEDIA_URL)
    assert private_document.url.startswith("/dokumen/")


def test_anonymous_visitor_gets_no_private_document(client, private_document):
    response = client.get(private_document.url)
    assert response.status_code == 302
    assert "/masuk/" in response["Location"]
    assert SECRET not in body(response)


def test_raw_media_path_of_a_document_is_not_served(client, private_document):
    response = client.get(settings.MEDIA_URL + private_document.file.name)
    assert response.status_code == 404
    assert SECRET not in body(response)


def test_signed_in_person_gets_the_private_document(client, learner, private_document):
    client.force_login(learner)
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert body(response) == SECRET
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_password_protected_collection_refuses_without_the_password(client, learner):
    root = Collection.get_first_root_node()
    locked = root.add_child(name="Panitia")
    CollectionViewRestriction.objects.create(
        collection=locked, restriction_type=CollectionViewRestriction.PASSWORD, password="sandi-panitia"
    )
    document = factories.document(name="panitia.pdf", content=SECRET)
    document.collection = locked
    document.save()
    client.force_login(learner)
    response = client.get(document.url)
    assert SECRET not in body(response)
    assert response.status_code == 200  # the password form, not the file
    assert b"password" in response.content.lower()
