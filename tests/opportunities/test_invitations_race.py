"""More people saying yes at once than there are places: nobody is overbooked. Each
acceptance locks the session's row and counts the places inside its transaction."""

import threading
import time

import pytest
from django.db import connection, connections

from coproduce.opportunities import answer_links
from coproduce.opportunities.models import Invitation
from coproduce.opportunities.services import invitations as services
from tests.factories import InvitationFactory, OpportunityFactory, SessionFactory

PLACES = 2
PEOPLE = 6


@pytest.fixture
def slow_count(monkeypatch):
    """Widens the gap between counting the places and taking one, so that without the lock
    every thread would count the same free places and the session would be overbooked."""
    real = services.places_taken

    def counted_slowly(session):
        taken = real(session)
        time.sleep(0.05)
        return taken

    monkeypatch.setattr(services, "places_taken", counted_slowly)


@pytest.mark.django_db(transaction=True)
def test_people_accepting_at_the_same_moment_never_overbook_a_session(slow_count):
    if connection.vendor == "sqlite":
        reason = (
            "The race needs two database connections writing at once; SQLite lets one write "
            "at a time (transactions begin IMMEDIATE), so it cannot overbook. Run the suite "
            "with DATABASE_URL set to PostgreSQL to test the lock."
        )
        print(reason)
        pytest.skip(reason)
    session = SessionFactory(opportunity=OpportunityFactory(places=PLACES))
    invitations = InvitationFactory.create_batch(PEOPLE, session=session)
    start = threading.Barrier(PEOPLE)
    errors: list[BaseException] = []

    def accept(invitation):
        try:
            start.wait()
            services.accept_invitation(invitation=invitation)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(i,)) for i in invitations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors
    statuses = list(Invitation.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count("accepted") == PLACES
    assert statuses.count("waiting") == PEOPLE - PLACES


@pytest.mark.django_db
def test_more_acceptances_than_places_fill_the_places_and_the_rest_wait(slow_count, client):
    """The same, one after another, on any database: through answer links opened by different
    people, and through the service, the places are filled exactly and the rest wait."""
    from django.urls import reverse

    session = SessionFactory(opportunity=OpportunityFactory(places=PLACES))
    invitations = InvitationFactory.create_batch(PEOPLE, session=session)
    for invitation in invitations[: PEOPLE // 2]:
        token = answer_links.issue_answer_link(invitation=invitation)
        client.post(reverse("opportunities:invitation_answer", args=[token]), {"answer": "accept"})
    for invitation in invitations[PEOPLE // 2 :]:
        services.accept_invitation(invitation=invitation)

    statuses = list(Invitation.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count("accepted") == PLACES
    assert statuses.count("waiting") == PEOPLE - PLACES
