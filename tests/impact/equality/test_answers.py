"""The expert's own answers: why we ask, a consent question of its own, every question optional
with "Prefer not to say"; changing and removing them (audited without the answers); a
coordinator copying a paper form with consent, who never sees the answers afterwards; the
answers never on a profile or the register's export; in the expert's subject access export
only; gone on erasure."""

import json

import pytest
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.impact.equality.forms import NEED_CONSENT, NEED_PAPER_CONSENT
from coproduce.impact.equality.models import CONSENT_VERSION, EqualityAnswers
from coproduce.impact.equality.personal_data import collect
from coproduce.people.erasure import erase_person
from tests.factories import ExpertFactory
from tests.impact.equality.helpers import answered

pytestmark = pytest.mark.django_db

ANSWERS = {
    "consent": "on",
    "age_band": "45-54",
    "ethnic_group": "",
    "ethnic_detail": "caribbean",
    "disability": "a_little",
    "sex": "prefer_not",
    "sexual_orientation": "bisexual",
}


def _row(expert):
    return EqualityAnswers.objects.filter(expert=expert).first()


def test_the_page_says_why_we_ask_and_every_question_may_be_left(expert_client):
    html = expert_client.get(reverse("equality:mine")).content.decode()
    assert "Why we ask" in html
    assert "You may keep these answers to see whose voices are missing" in html
    assert html.count('value="prefer_not"') == 8
    assert "75 and over" in html and "Gypsy or Irish Traveller" in html


def test_answers_are_kept_only_with_consent(expert_client, expert):
    response = expert_client.post(reverse("equality:mine"), {**ANSWERS, "consent": ""})
    assert response.status_code == 400
    assert NEED_CONSENT in response.content.decode()
    assert _row(expert) is None


def test_the_expert_gives_answers_and_the_audit_says_only_that_they_did(expert_client, expert):
    response = expert_client.post(reverse("equality:mine"), ANSWERS)
    assert response.status_code == 302
    row = _row(expert)
    assert (row.age_band, row.ethnic_group, row.ethnic_detail) == ("45-54", "black", "caribbean")
    assert (row.disability, row.sex, row.sexual_orientation, row.religion) == (
        "a_little",
        "prefer_not",
        "bisexual",
        "",
    )
    assert row.consent_version == CONSENT_VERSION and row.recorded_by is None
    event = AuditEvent.objects.get(action=AuditEvent.Action.EQUALITY_ANSWERED)
    assert event.subject_id == str(expert.pk)
    written = json.dumps(event.changes) + event.summary
    for answer in ("45-54", "caribbean", "bisexual", "a_little", "Bisexual", "Caribbean"):
        assert answer not in written


def test_the_expert_sees_and_changes_their_answers(expert_client, expert):
    expert_client.post(reverse("equality:mine"), ANSWERS)
    html = expert_client.get(reverse("equality:mine")).content.decode()
    assert 'value="bisexual" checked' in html
    expert_client.post(reverse("equality:mine"), {**ANSWERS, "sexual_orientation": "straight"})
    assert _row(expert).sexual_orientation == "straight"
    assert EqualityAnswers.objects.count() == 1


def test_a_detailed_group_outside_the_group_chosen_is_refused(expert_client, expert):
    response = expert_client.post(reverse("equality:mine"), {**ANSWERS, "ethnic_group": "white"})
    assert response.status_code == 400
    assert "part of the ethnic group you chose" in response.content.decode()
    assert _row(expert) is None


def test_the_expert_removes_every_answer(expert_client, expert):
    expert_client.post(reverse("equality:mine"), ANSWERS)
    assert "Remove all my answers" in expert_client.get(reverse("equality:remove")).content.decode()
    response = expert_client.post(reverse("equality:remove"))
    assert response.status_code == 302
    assert _row(expert) is None
    event = AuditEvent.objects.get(action=AuditEvent.Action.EQUALITY_REMOVED)
    assert event.subject_id == str(expert.pk) and event.changes == {}


def test_a_coordinator_copies_a_paper_form_only_with_consent_confirmed(
    coordinator_client, coordinator
):
    person = ExpertFactory()
    url = reverse("equality:paper", args=[person.pk])
    refused = coordinator_client.post(url, {**ANSWERS, "consent": ""})
    assert refused.status_code == 400 and NEED_PAPER_CONSENT in refused.content.decode()
    assert coordinator_client.post(url, ANSWERS).status_code == 302
    row = _row(person)
    assert row.sexual_orientation == "bisexual" and row.recorded_by == coordinator


def test_the_team_never_sees_an_experts_answers_afterwards(coordinator_client, lead_client):
    person = ExpertFactory(full_name="Priya Patel")
    answered(expert=person, sexual_orientation="bisexual", religion="sikh", age_band="75+")
    private = ("Bisexual", "Sikh", "75 and over", 'value="bisexual" checked', "checked")
    paper = coordinator_client.get(reverse("equality:paper", args=[person.pk])).content.decode()
    profile = coordinator_client.get(
        reverse("people:expert_detail", args=[person.pk])
    ).content.decode()
    assert "Copy equality answers from Priya Patel" in profile
    for words in private[:3]:
        assert words not in profile
    for words in private[3:]:
        assert words not in paper
    export = lead_client.get(reverse("people:export", args=["csv"]))
    text = b"".join(export.streaming_content).decode()
    assert "Priya Patel" in text
    assert "Bisexual" not in text and "bisexual" not in text and "Sikh" not in text


def test_the_answers_are_in_the_experts_own_subject_access_export():
    row = answered(sexual_orientation="bisexual", ethnic_group="white", ethnic_detail="roma")
    data = collect(row.expert).data["equality_monitoring_answers"]
    assert data["answers"]["Sexual orientation"] == "Bisexual"
    assert data["answers"]["Ethnic group, in more detail"] == "Roma"
    assert data["answers"]["Religion"] == "Not answered"
    assert data["consent_version"] == CONSENT_VERSION


def test_erasure_removes_the_answers(involvement_lead):
    row = answered(sex="female")
    erase_person(actor=involvement_lead, expert=row.expert)
    assert not EqualityAnswers.objects.exists()


def test_the_subject_access_zip_carries_the_answers_and_an_empty_section_for_none():
    import io
    import zipfile

    from coproduce.core.subject_access import as_zip

    row = answered(sexual_orientation="bisexual")
    with zipfile.ZipFile(io.BytesIO(as_zip(row.expert))) as bundle:
        data = json.loads(bundle.read("data.json"))
    assert (
        data["equality_monitoring"]["equality_monitoring_answers"]["answers"]["Sexual orientation"]
        == "Bisexual"
    )
    nobody = ExpertFactory()
    with zipfile.ZipFile(io.BytesIO(as_zip(nobody))) as bundle:
        data = json.loads(bundle.read("data.json"))
    assert data["equality_monitoring"] == {"equality_monitoring_answers": None}
