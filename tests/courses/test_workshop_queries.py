"""The workshop page costs a fixed number of queries, whatever the agenda, the registrations or the catalogue size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.services import attendance_record_participant_token, participant_token_make
from tests import factories
from tests.courses import workshop_factories as wf

pytestmark = pytest.mark.django_db


def page_queries(client, url) -> int:
    client.get(url)  # warm the per-publish page caches (site, routes), as a running server has them
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def build(*, sessions: int, participants: int, modules: int):
    trainer = wf.trainer()
    for _ in range(modules):
        factories.module(lessons=0)
    page = wf.workshop(sessions=sessions, capacity=participants + 1, facilitators=[trainer])
    registrations = [wf.confirmed(workshop_page=page) for _ in range(participants)]
    for session in wf.sessions_of(page):
        attendance_record_participant_token(
            trainer=trainer, session=session, code=participant_token_make(registration=registrations[0])
        )
    return page, registrations[0].user, trainer


def test_the_workshop_page_costs_the_same_queries_for_a_small_and_a_large_workshop(client):
    small, small_learner, small_trainer = build(sessions=2, participants=1, modules=1)
    large, large_learner, large_trainer = build(sessions=12, participants=15, modules=10)
    counts = {}
    for name, page, learner, trainer in (
        ("small", small, small_learner, small_trainer),
        ("large", large, large_learner, large_trainer),
    ):
        client.force_login(learner)
        counts[name, "learner"] = page_queries(client, page.url)
        client.force_login(trainer)
        counts[name, "trainer"] = page_queries(client, page.url)
    assert counts["small", "learner"] == counts["large", "learner"]
    assert counts["small", "trainer"] == counts["large", "trainer"]
    assert counts["large", "learner"] <= 20


def test_the_catalogue_lists_workshops_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    build(sessions=3, participants=1, modules=2)
    first = page_queries(client, factories.catalogue().url)
    for _ in range(5):
        wf.workshop()
    assert page_queries(client, factories.catalogue().url) == first
