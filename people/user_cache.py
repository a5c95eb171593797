"""The signed-in person's row from the shared cache: one query fewer on every page, never a stale sign-in.

Django loads the user row on every request to check the session (active? password unchanged?). With a shared
cache (Redis, MELAYANI_USER_CACHE_SECONDS > 0) the row is kept next to a per-person stamp; any change to the row
gives the person a new stamp once the change is committed, so the next request reads the row from the database
again: a deactivation or a password change signs the person out at once, on every app server. Saves and deletes
change the stamp through signals; code that writes users with QuerySet.update() or bulk_update() (the roster
import; Wagtail's bulk "set active state", through people.wagtail_hooks) must call users_forget() itself. A
process-local cache cannot see other processes' stamps, so without a shared cache the setting is 0 and rows always
come from the database.
"""

import logging
import secrets
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)


def _seconds() -> int:
    return int(getattr(settings, "MELAYANI_USER_CACHE_SECONDS", 0) or 0)


def _row_key(user_id) -> str:
    return f"melayani:user:{user_id}"


def _stamp_key(user_id) -> str:
    return f"melayani:user-stamp:{user_id}"


def user_cached(*, user_id, load: Callable):
    """The user row from the cache when its stamp is current, else load() (stored for the next request)."""
    seconds = _seconds()
    if not seconds:
        return load()
    row_key, stamp_key = _row_key(user_id), _stamp_key(user_id)
    try:
        found = cache.get_many([row_key, stamp_key])
    except Exception:  # the cache is down: the database still answers
        logger.warning("user cache unavailable", exc_info=True)
        return load()
    stamp, entry = found.get(stamp_key), found.get(row_key)
    if stamp is not None and entry is not None and entry[0] == stamp:
        return entry[1]
    if stamp is None:
        candidate = secrets.token_hex(8)
        try:
            stamp = candidate if cache.add(stamp_key, candidate, seconds) else cache.get(stamp_key)
        except Exception:
            logger.warning("user cache unavailable", exc_info=True)
            return load()
    # The stamp is read before the row: a change committed in between gives a new stamp, so a row read too early
    # is stored under the old one and never used.
    user = load()
    if user is not None and stamp is not None:
        try:
            cache.set(row_key, (stamp, user), seconds)
        except Exception:
            logger.warning("user cache unavailable", exc_info=True)
    return user


def users_forget(*, user_ids: Iterable) -> None:
    """New stamps for these people once the current transaction commits: their cached rows are never used again."""
    if not _seconds():
        return
    ids = list(user_ids)
    if ids:
        transaction.on_commit(lambda: _stamps_renew(ids))


def _stamps_renew(ids: list) -> None:
    seconds = _seconds()
    try:
        for start in range(0, len(ids), 1000):
            chunk = ids[start : start + 1000]
            cache.set_many({_stamp_key(pk): secrets.token_hex(8) for pk in chunk}, seconds)
    except Exception:
        # Committed already; with the cache down nothing is read from it either, and rows expire after `seconds`.
        logger.exception("user cache: could not renew stamps for %d people", len(ids))


def _user_changed(sender, instance, **kwargs):
    users_forget(user_ids=[instance.pk])


def connect() -> None:
    """Every save or delete of a user renews the stamp (called from PeopleConfig.ready)."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, post_save

    user_model = get_user_model()
    post_save.connect(_user_changed, sender=user_model, dispatch_uid="people.user_cache.save")
    post_delete.connect(_user_changed, sender=user_model, dispatch_uid="people.user_cache.delete")
