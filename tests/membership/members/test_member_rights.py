"""A member who is not an Expert by Experience asks what we hold about them, or to be erased:
the membership office downloads it as JSON (audited as a view), or erases it (anonymised
through members' one anonymising function, the audit trail scrubbed, elections' and surveys'
records kept as the law needs). A member who is an expert goes through their expert record."""

import json
from datetime import date

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent, RecordView
from coproduce.comms.lists.models import Delivery, MailingList, Message
from coproduce.membership.elections.choices import NominationStatus, Status
from coproduce.membership.elections.models import HasVoted, Nomination, Voter
from coproduce.membership.members import member_data, queries, services
from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.members.models import MemberCharacteristics
from coproduce.membership.surveys import services as surveys
from coproduce.membership.surveys.models import Response
from tests.factories import ExpertFactory
from tests.membership.elections import helpers_elections as elections
from tests.membership.members.helpers import make_member
from tests.membership.surveys.helpers import ids, survey_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def mo(constituencies):
    return make_member(constituencies["north"], phone="+447700900123")


@pytest.fixture
def member_with_history(mo, office_user):
    """Mo told us her sex when she joined, and later asked for post as well as email."""
    MemberCharacteristics.objects.create(member=mo, sex="female")
    return services.update_details(actor=office_user, member=mo, values={"by_post": True})


def _data_url(member) -> str:
    return reverse("members:member_data", args=[member.pk])


def _erase_url(member) -> str:
    return reverse("members:member_erase", args=[member.pk])


def _download(client, member) -> dict:
    response = client.post(_data_url(member))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="member-{member.pk}-data.json"'
    )
    return json.loads(response.content)


def _answered(office, member, text="Hot soup"):
    survey = surveys.open_survey(actor=office, survey=survey_with_questions(office))
    yes_no, meals, rating, words = ids(survey)
    given = {yes_no: "Yes", meals: ["Lunch"], rating: "4", words: text}
    surveys.answer_survey(survey=survey, member=member, given=given)
    return survey


def _voted(member):
    """An election whose list of voters holds the member, who has voted."""
    election = elections.election(member.constituency, title="Governors 2027", status=Status.POLL)
    voter = Voter.objects.create(election=election, member=member, delivery="email")
    HasVoted.objects.create(voter=voter)
    return election


def _nominated(member, *, status=Status.NOMINATIONS, title="Governors 2028"):
    election = elections.election(member.constituency, title=title, status=status)
    return Nomination.objects.create(
        election=election,
        member=member,
        statement="I will listen to patients.",
        declares_eligible=True,
        interests="Trustee of a local charity",
        status=NominationStatus.ACCEPTED,
    )


def _sent_news(member, *, subject="Our new ward opens", status=Delivery.Status.SENT, error=""):
    """A copy of the trust's news emailed to the member, from a list that goes to members."""
    news, _ = MailingList.objects.get_or_create(name="Trust news", defaults={"to_members": True})
    message = Message.objects.create(
        mailing_list=news,
        subject=subject,
        body="The new ward opens in May.",
        state=Message.State.SENT,
        queued_at=timezone.now(),
    )
    return Delivery.objects.create(
        message=message,
        member=member,
        channel=Delivery.Channel.EMAIL,
        version="standard",
        status=status,
        error=error,
        sent_at=timezone.now() if status == Delivery.Status.SENT else None,
    )


# Subject access -------------------------------------------------------------------------------


def test_the_download_holds_the_members_details_preferences_characteristics_and_linked_answers(
    office_client, office_user, member_with_history
):
    mo = member_with_history
    survey = _answered(office_user, mo)
    # A paper answer to the same survey is anonymous: it must not be counted as theirs.
    yes_no, _, rating, words = ids(survey)
    surveys.enter_paper_response(
        actor=office_user,
        survey=survey,
        constituency=None,
        given={yes_no: "No", rating: "1", words: "Paper words"},
    )
    _voted(mo)
    _nominated(mo)

    data = _download(office_client, mo)

    assert data["about"]["member_id"] == mo.pk
    member = data["foundation_trust_membership"]["member"]
    assert member["full_name"] == "Mo Member"
    assert member["email"] == "mo@example.org"
    assert member["constituency"] == "Leeds North"
    assert member["date_of_birth"] == "1970-05-01"
    assert member["for_the_regulators_report"]["Sex"] == "Female"
    preferences = data["consent_and_preferences"]
    assert preferences["by_post"] is True
    assert [c["changes"] for c in preferences["changes"]] == [{"By post": [False, True]}]
    (answered,) = data["members_surveys"]["answers"]
    assert answered["survey"] == "Our hospital food"
    assert {"question": "What would make it better?", "answer": "Hot soup"} in answered["answers"]
    assert "Paper words" not in json.dumps(data)
    (nomination,) = data["governor_elections"]["nominations"]
    assert nomination["statement"] == "I will listen to patients."
    assert nomination["interests"] == "Trustee of a local charity"
    (voter,) = data["governor_elections"]["lists_of_voters"]
    assert voter["election"] == "Governors 2027" and voter["voted"] is True
    assert "preferences" not in json.dumps(data["governor_elections"])
    assert [c["summary"] for c in data["audit"]["changes"]][:1] == ["Member's details changed"]


def test_the_download_is_recorded_as_a_view_and_an_export(office_client, office_user, mo):
    _download(office_client, mo)

    view = RecordView.objects.get(subject_model="members.member", subject_id=str(mo.pk))
    assert view.viewer == office_user and view.what == "all their data, downloaded"
    export = AuditEvent.objects.get(action=AuditEvent.Action.SUBJECT_ACCESS_EXPORTED)
    assert export.object_id == str(mo.pk) and export.changes == {"format": "json"}
    assert "mo@example.org" not in str(export.changes) + export.summary


def test_the_download_page_explains_the_file_and_records_nothing_until_it_is_downloaded(
    office_client, mo
):
    page = office_client.get(_data_url(mo))
    assert page.status_code == 200
    assert "never how they voted" in page.content.decode()
    assert not RecordView.objects.exists()


def test_the_download_reads_a_fixed_number_of_queries_however_many_answers(
    office_user, constituencies
):
    one = make_member(constituencies["north"])
    many = make_member(constituencies["north"], full_name="Max Many", email="max@example.org")
    _answered(office_user, one)
    for n in range(3):
        _answered(office_user, many, text=f"Answer {n}")
        _voted(many)

    def count(member) -> int:
        with CaptureQueriesContext(connection) as queries_made:
            member_data.as_json(member)
        return len(queries_made)

    assert count(one) == count(many)


def test_the_download_holds_the_copies_of_the_trusts_news_sent_to_them(office_client, mo):
    sent = _sent_news(mo)
    _sent_news(
        mo,
        subject="Governors' meeting in public",
        status=Delivery.Status.BOUNCED,
        error="Mailbox full",
    )
    someone_else = make_member(mo.constituency, full_name="Sam Other", email="sam@example.org")
    _sent_news(someone_else, subject="Not Mo's copy")

    data = _download(office_client, mo)

    first, second = data["news_by_email"]["copies_sent"]
    assert first == {
        "list": "Trust news",
        "subject": "Our new ward opens",
        "status": "Sent",
        "problem": "",
        "sent_at": DjangoJSONEncoder().default(sent.sent_at),
    }
    assert second["subject"] == "Governors' meeting in public"
    assert second["status"] == "Bounced" and second["sent_at"] is None
    assert second["problem"] == "Mailbox full"
    assert "Not Mo's copy" not in json.dumps(data)


def test_the_download_reads_a_fixed_number_of_queries_however_many_copies_of_news(
    constituencies,
):
    one = make_member(constituencies["north"])
    many = make_member(constituencies["north"], full_name="Max Many", email="max@example.org")
    _sent_news(one)
    for n in range(3):
        _sent_news(many, subject=f"News {n}")

    def count(member) -> int:
        with CaptureQueriesContext(connection) as queries_made:
            member_data.as_json(member)
        return len(queries_made)

    assert count(one) == count(many)


def test_a_member_who_is_an_expert_is_sent_to_their_expert_record_for_their_data(office_client, mo):
    expert = ExpertFactory()
    mo.expert = expert
    mo.save()

    page = office_client.post(_data_url(mo))

    assert page["Content-Type"].startswith("text/html")
    assert reverse("people:expert_detail", args=[expert.pk]) in page.content.decode()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.SUBJECT_ACCESS_EXPORTED)


# Erasure --------------------------------------------------------------------------------------


def test_erasing_a_member_removes_their_details_and_keeps_the_row_marked_left(
    office_client, member_with_history
):
    mo = member_with_history
    page = office_client.get(_erase_url(mo))
    assert "This cannot be undone" in page.content.decode()

    response = office_client.post(_erase_url(mo), {"understood": "on"})

    assert response["Location"] == reverse("members:member_detail", args=[mo.pk])
    mo.refresh_from_db()
    assert mo.full_name == "Erased member"
    assert (mo.email, mo.phone, mo.address, mo.postcode) == ("", "", "", "")
    assert mo.date_of_birth == date(1970, 1, 1)
    assert mo.status == MemberStatus.LEFT and mo.left_at is not None and mo.erased_at
    assert not MemberCharacteristics.objects.filter(member=mo).exists()
    assert mo not in queries.current_members()
    after = office_client.get(reverse("members:member_detail", args=[mo.pk])).content.decode()
    assert "personal data was erased" in after
    assert reverse("members:member_erase", args=[mo.pk]) not in after


def test_erasing_scrubs_the_audit_trail_and_records_the_erasure_without_old_values(
    office_user, member_with_history
):
    mo = member_with_history
    services.update_details(actor=office_user, member=mo, values={"email": "new@example.org"})

    services.erase_member(actor=office_user, member=mo)

    trail = str(list(AuditEvent.objects.values_list("summary", "changes", "actor_label")))
    for old in ("mo@example.org", "new@example.org", "Mo Member", "1 Street"):
        assert old not in trail
    erased = AuditEvent.objects.get(action=AuditEvent.Action.ERASED)
    assert erased.object_id == str(mo.pk) and erased.actor == office_user
    assert erased.changes["kept"] == member_data.KEPT
    changed = AuditEvent.objects.filter(summary="Details erased", action="updated").first()
    assert changed is not None and changed.changes["Email"] == ["erased", "erased"]


def test_erasure_needs_the_tick_and_saves_nothing_without_it(office_client, mo):
    response = office_client.post(_erase_url(mo), {})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Tick the box to say you understand this cannot be undone" in page
    assert page.count("Tick the box to say you understand") == 2  # the summary and the field
    mo.refresh_from_db()
    assert mo.full_name == "Mo Member" and mo.erased_at is None


def test_erasing_twice_says_it_was_done_already(office_client, office_user, mo):
    services.erase_member(actor=office_user, member=mo)

    response = office_client.post(_erase_url(mo), {"understood": "on"}, follow=True)

    assert "already been erased" in response.content.decode()
    with pytest.raises(services.AlreadyErased):
        services.erase_member(actor=office_user, member=mo)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ERASED).count() == 1


def test_a_member_who_is_an_expert_is_refused_and_pointed_to_their_expert_record(
    office_client, office_user, mo
):
    expert = ExpertFactory()
    mo.expert = expert
    mo.save()

    page = office_client.get(_erase_url(mo)).content.decode()
    response = office_client.post(_erase_url(mo), {"understood": "on"})

    assert reverse("people:expert_detail", args=[expert.pk]) in page
    assert 'name="understood"' not in page
    assert response.status_code == 200
    with pytest.raises(services.MembershipError, match="also an Expert by Experience"):
        services.erase_member(actor=office_user, member=mo)
    mo.refresh_from_db()
    assert mo.full_name == "Mo Member" and mo.erased_at is None


def test_a_candidate_in_an_election_under_way_is_erased_only_once_it_is_declared(
    office_client, office_user, mo
):
    nomination = _nominated(mo)

    page = office_client.post(_erase_url(mo), {"understood": "on"})

    assert "standing as a candidate in “Governors 2028”" in page.content.decode()
    with pytest.raises(services.ErasureWaits):
        services.erase_member(actor=office_user, member=mo)
    mo.refresh_from_db()
    assert mo.erased_at is None

    nomination.election.status = Status.DECLARED
    nomination.election.save()
    services.erase_member(actor=office_user, member=mo)
    # The nomination stays, for the published result, under the erased name.
    nomination.refresh_from_db()
    assert nomination.member.full_name == "Erased member"


def test_after_erasure_a_voter_and_survey_answers_stay_counted_without_their_details(
    office_user, mo
):
    survey = _answered(office_user, mo)
    election = _voted(mo)

    services.erase_member(actor=office_user, member=mo)

    voter = Voter.objects.get(election=election)
    assert voter.member.full_name == "Erased member" and hasattr(voter, "has_voted")
    assert Response.objects.filter(survey=survey).count() == 1


def test_after_erasure_the_copies_of_news_stay_linked_to_the_erased_membership(office_user, mo):
    # A copy holds no address or name: it stays, as a record of what was sent, with the row.
    copy = _sent_news(mo)

    services.erase_member(actor=office_user, member=mo)

    copy.refresh_from_db()
    assert copy.member.full_name == "Erased member" and copy.status == Delivery.Status.SENT


def test_erasure_deletes_why_a_copy_of_news_was_not_delivered(office_user, mo):
    # A mail server's reason, or one staff typed when recording a bounce, can quote the address.
    bounced = _sent_news(
        mo, status=Delivery.Status.BOUNCED, error="550 mo.member@example.org: no such user"
    )
    someone_else = make_member(mo.constituency, full_name="Sam Other", email="sam@example.org")
    theirs = _sent_news(someone_else, status=Delivery.Status.BOUNCED, error="Mailbox full")

    removed = services.erase_member(actor=office_user, member=mo)

    bounced.refresh_from_db()
    theirs.refresh_from_db()
    assert bounced.error == "" and bounced.status == Delivery.Status.BOUNCED
    assert theirs.error == "Mailbox full"
    assert "why 1 copy of the news could not be delivered" in removed


def test_an_expert_erased_on_the_register_has_their_membership_marked_erased(office_user, mo):
    from coproduce.people.erasure import erase_person

    expert = ExpertFactory()
    mo.expert = expert
    mo.save()
    bounced = _sent_news(mo, status=Delivery.Status.BOUNCED, error="Unknown user mo@example.org")

    erase_person(actor=office_user, expert=expert)

    mo.refresh_from_db()
    bounced.refresh_from_db()
    assert mo.full_name == "Erased member" and mo.erased_at is not None and mo.expert is None
    assert bounced.error == "" and bounced.status == Delivery.Status.BOUNCED
