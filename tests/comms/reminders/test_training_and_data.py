"""Training's own reminder asks the switches here (training sits below comms): the
organisation's switch stops it all, a person's switch stops theirs. And an expert's reminders are
in their subject access export and go when they are erased."""

from datetime import date, timedelta

import pytest
import time_machine

from coproduce.comms.reminders import personal_data, services
from coproduce.comms.reminders.models import ExpertReminderOff, Kind, SentReminder
from coproduce.comms.reminders.tasks import send_session_reminders
from coproduce.training.tasks import send_training_reminders
from tests.comms.reminders.helpers import days_ahead, place_at, set_settings
from tests.factories import ExpertFactory
from tests.training.helpers import make_course, make_record

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today(settings):
    settings.TRAINING_REMINDER_DAYS = 30
    with time_machine.travel("2026-06-15 08:00 +01:00", tick=False):
        yield


def _expiring(expert, course=None):
    return make_record(
        course=course or make_course(name="Safeguarding adults", valid_for_months=None),
        expert=expert,
        completed_on=TODAY - timedelta(days=300),
        expires_on=TODAY + timedelta(days=20),
    )


def test_the_organisation_turns_training_reminders_off(mailoutbox, involvement_lead):
    set_settings(involvement_lead, training_on=False)
    _expiring(ExpertFactory(email="rosa@example.net"))
    assert send_training_reminders.call() == 0
    assert mailoutbox == []


def test_an_expert_who_turned_training_reminders_off_is_not_emailed(mailoutbox):
    expert = ExpertFactory(email="rosa@example.net")
    services.set_expert_reminders(actor=None, expert=expert, kinds_on=set(), kinds=(Kind.TRAINING,))
    record = _expiring(expert)
    other = ExpertFactory(email="other@example.net")
    _expiring(other, record.course)
    send_training_reminders.call()
    to = [m.to for m in mailoutbox]
    assert ["rosa@example.net"] not in to
    assert ["other@example.net"] in to


def test_an_experts_reminders_are_in_their_export_and_erased(mailoutbox):
    expert = ExpertFactory(email="rosa@example.net")
    place_at(days_ahead(7), expert=expert)
    send_session_reminders.call()
    services.set_expert_reminders(
        actor=None, expert=expert, kinds_on=set(), kinds=(Kind.AGREEMENT,)
    )
    section = personal_data.collect(expert)
    assert section.data["reminders_turned_off"] == ["Agreements to sign"]
    (sent,) = section.data["reminders_sent"]
    assert sent["kind"] == "Sessions coming up"
    assert sent["how"] == "email"
    assert personal_data.erase(expert) == ["reminder choices", "reminders sent"]
    assert not SentReminder.objects.filter(expert=expert).exists()
    assert not ExpertReminderOff.objects.filter(expert=expert).exists()
