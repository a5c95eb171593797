"""The signed-in person's row from the shared cache: fewer queries, and every change signs out at once (issue 7).

The suite's cache is process-local (LocMemCache), which is one shared cache for a single process: enough to test
the stamps. The setting is on here; it is off by default without a shared cache (config/settings/base.py).
"""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.importing import ROSTER_COLUMNS, roster_import
from people.models import User
from people.user_cache import user_cached, users_forget
from tests import factories

pytestmark = [pytest.mark.django_db]

MY_LEARNING = reverse("reports:my_learning")


@pytest.fixture(autouse=True)
def user_cache_on():
    with override_settings(MELAYANI_USER_CACHE_SECONDS=300):
        yield


@pytest.fixture
def signed_in_warm(client, learner):
    """A learner signed in through the form, with one page seen (so the row sits in the cache)."""
    signed_in = client.post(reverse("people:login"), {"username": learner.nip, "password": factories.PASSWORD})
    assert signed_in.status_code == 302
    assert client.get(MY_LEARNING).status_code == 200
    return client


def user_row_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum('FROM "people_user"' in query["sql"] for query in captured.captured_queries)


def is_signed_out(client) -> bool:
    response = client.get(MY_LEARNING)
    return response.status_code == 302 and response["Location"].startswith(reverse("people:login"))


def test_a_signed_in_page_reads_the_user_row_from_the_cache(signed_in_warm):
    assert user_row_queries(signed_in_warm, MY_LEARNING) == 0


def test_without_the_setting_the_row_comes_from_the_database(signed_in_warm):
    with override_settings(MELAYANI_USER_CACHE_SECONDS=0):
        assert user_row_queries(signed_in_warm, MY_LEARNING) == 1


def test_a_deactivated_person_is_signed_out_at_once(signed_in_warm, learner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        learner.is_active = False
        learner.save()
    assert is_signed_out(signed_in_warm)


def test_a_password_changed_elsewhere_signs_the_old_sessions_out(
    signed_in_warm, learner, django_capture_on_commit_callbacks
):
    other = Client()
    other.force_login(learner)
    assert other.get(MY_LEARNING).status_code == 200
    new = "Sandi-Baru#2027"
    with django_capture_on_commit_callbacks(execute=True):
        response = other.post(
            reverse("people:password_change"),
            {"old_password": factories.PASSWORD, "new_password1": new, "new_password2": new},
        )
    assert response.status_code == 302
    assert other.get(MY_LEARNING).status_code == 200  # the one who changed it stays signed in
    assert is_signed_out(signed_in_warm)


def test_a_deleted_person_is_signed_out(signed_in_warm, learner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        learner.delete()
    assert is_signed_out(signed_in_warm)


def test_a_roster_import_that_deactivates_someone_signs_them_out(
    signed_in_warm, learner, unit, django_capture_on_commit_callbacks
):
    """The import deactivates with QuerySet.update(), which sends no signal: it renews the stamps itself."""
    someone_else = f"198503122010012002,Siti,siti@pu.go.id,Analis,Penata,III/c,PNS,{unit.code}"
    data = ("\n".join([",".join(ROSTER_COLUMNS), someone_else]) + "\n").encode()
    with django_capture_on_commit_callbacks(execute=True):
        result = roster_import(data=data, filename="roster.csv")
    assert result.deactivated == 1
    assert is_signed_out(signed_in_warm)


def test_wagtails_bulk_deactivation_signs_them_out(signed_in_warm, learner, django_capture_on_commit_callbacks):
    """Wagtail's "set active state" bulk action writes with QuerySet.update(): people.wagtail_hooks renews stamps."""
    admin = User.objects.create_superuser("root", "root@example.go.id", factories.PASSWORD)
    admin_client = Client()
    admin_client.force_login(admin)
    url = reverse("wagtail_bulk_action", args=(User._meta.app_label, User._meta.model_name, "set_active_state"))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"{url}?id={learner.pk}", {"mark_as_active": False})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.is_active is False
    assert is_signed_out(signed_in_warm)


def test_a_change_is_not_visible_before_its_transaction_commits(learner):
    """The stamp is renewed after the commit: renewing before would let a request cache the old row anew."""
    load = lambda: type(learner).objects.get(pk=learner.pk)  # noqa: E731
    assert user_cached(user_id=learner.pk, load=load).is_active
    users_forget(user_ids=[learner.pk])  # inside the test's transaction: not committed, so nothing changes yet
    assert user_cached(user_id=learner.pk, load=lambda: pytest.fail("read the database")).is_active


def test_a_row_read_while_a_change_commits_is_never_used(learner, django_capture_on_commit_callbacks):
    """A request that read the row before another one committed a change stores it under the old stamp."""
    stale = type(learner).objects.get(pk=learner.pk)

    def load_during_a_commit():
        with django_capture_on_commit_callbacks(execute=True):
            learner.is_active = False
            learner.save()
        return stale  # what this request read just before the commit

    assert user_cached(user_id=learner.pk, load=load_during_a_commit).is_active
    fresh = user_cached(user_id=learner.pk, load=lambda: type(learner).objects.get(pk=learner.pk))
    assert fresh.is_active is False


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
)
def test_with_the_cache_down_the_row_comes_from_the_database(learner):
    user = user_cached(user_id=learner.pk, load=lambda: type(learner).objects.get(pk=learner.pk))
    assert user.pk == learner.pk
