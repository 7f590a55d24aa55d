"""Who gets a message, how and in which version, and who does not and why: the database's
answer (the check before sending, for any number of members) and Python's (checked again as
each copy goes) are the same for every kind of person."""

import pytest
from django.utils import timezone

from coproduce.comms.lists import audience, queries
from coproduce.comms.lists.models import Member
from coproduce.people.choices import Status
from tests.comms.lists.helpers import consenting, draft, mailing_list

pytestmark = pytest.mark.django_db


def people():
    return {
        "plain": consenting(full_name="Ann Plain"),
        "easy": consenting(full_name="Eve Easy", communication_needs=["easy_read"]),
        "large": consenting(full_name="Len Large", communication_needs=["large_print"]),
        "both": consenting(full_name="Bea Both", communication_needs=["large_print", "easy_read"]),
        "carer": consenting(
            full_name="Cal Carer", communication_needs=["carer_copy"], carer_email="sam@example.net"
        ),
        "carer_no_email": consenting(full_name="Cid Nocarer", communication_needs=["carer_copy"]),
        "texter": consenting(full_name="Tia Text", preferred_channel="text"),
        "texter_no_phone": consenting(full_name="Tom Nophone", preferred_channel="text", phone=""),
        "phone": consenting(full_name="Pat Phone", preferred_channel="phone"),
        "post": consenting(full_name="Pip Post", preferred_channel="post"),
        "no_email": consenting(full_name="Ned Noemail", email=""),
        "no_consent": consenting(full_name="Nia Noconsent", consent_given_at=None),
        "left": consenting(full_name="Lee Left", status=Status.LEFT),
        "restricted": consenting(full_name="Rae Restricted", restricted_at=timezone.now()),
        "audio": consenting(full_name="Ava Audio", communication_needs=["audio", "bsl"]),
    }


def _by_name(message):
    rows = audience.annotate(Member.objects.filter(mailing_list=message.mailing_list), message)
    return {
        r["expert__full_name"]: r
        for r in rows.values("expert__full_name", "reason", "channel", "version", "carer")
    }


@pytest.mark.parametrize("with_versions", [True, False])
def test_the_database_and_python_give_the_same_answer_for_everyone(with_versions):
    found = people()
    # Restricted people are never added to a list; one restricted afterwards stays on it.
    restricted = found.pop("restricted")
    made = mailing_list(*found.values())
    Member.objects.create(mailing_list=made, expert=restricted)
    found["restricted"] = restricted
    extra = {"easy_read_body": "Easy words.", "text_body": "Short words."} if with_versions else {}
    message = draft(made, **extra)
    rows = _by_name(message)
    for expert in found.values():
        row = rows[expert.full_name]
        assert row["reason"] == audience.reason_for(expert, message), expert.full_name
        assert row["carer"] == audience.carer_copied(expert), expert.full_name
        if row["channel"] == "email":
            assert row["version"] == audience.email_version_for(expert, message)


def test_each_reason_and_version_is_the_one_expected():
    found = people()
    restricted = found.pop("restricted")
    made = mailing_list(*found.values())
    Member.objects.create(mailing_list=made, expert=restricted)
    rows = _by_name(draft(made, easy_read_body="Easy words."))
    reason = {name: row["reason"] for name, row in rows.items()}
    assert reason["Rae Restricted"] == audience.RESTRICTED
    assert reason["Lee Left"] == audience.DO_NOT_CONTACT
    assert reason["Nia Noconsent"] == audience.NO_CONSENT
    assert reason["Pat Phone"] == audience.PREFERS_PHONE
    assert reason["Pip Post"] == audience.PREFERS_POST
    assert reason["Tia Text"] == audience.PREFERS_TEXT  # no text version written
    assert reason["Ned Noemail"] == audience.NO_EMAIL
    version = {name: row["version"] for name, row in rows.items() if not row["reason"]}
    assert version == {
        "Ann Plain": "standard",
        "Eve Easy": "easy_read",
        "Len Large": "large_print",
        "Bea Both": "easy_read",
        "Cal Carer": "standard",
        "Cid Nocarer": "standard",
        "Ava Audio": "standard",
    }
    assert {n for n, row in rows.items() if row["carer"]} == {"Cal Carer"}


def test_with_a_text_version_texters_get_it_and_one_with_no_number_is_named():
    found = people()
    made = mailing_list(found["texter"], found["texter_no_phone"], found["easy"])
    rows = _by_name(draft(made, text_body="Café on Tuesday."))
    assert (rows["Tia Text"]["reason"], rows["Tia Text"]["version"]) == ("", "text")
    assert rows["Tom Nophone"]["reason"] == audience.NO_PHONE
    # Without an Easy Read version, the person who needs it gets the standard words.
    assert rows["Eve Easy"]["version"] == "standard"


def test_the_check_before_sending_counts_versions_reasons_carers_and_needs():
    found = people()
    found.pop("restricted")
    message = draft(mailing_list(*found.values()), easy_read_body="Easy words.")
    p = queries.preview(message)
    assert p.members == 14
    assert p.by_version == {"standard": 4, "easy_read": 2, "large_print": 1}
    assert p.getting == 7
    assert p.carers == 1
    assert p.by_reason == {
        audience.DO_NOT_CONTACT: 1,
        audience.NO_CONSENT: 1,
        audience.PREFERS_PHONE: 1,
        audience.PREFERS_POST: 1,
        audience.PREFERS_TEXT: 2,
        audience.NO_EMAIL: 1,
    }
    assert [r.name for r in p.recipients][:3] == ["Ann Plain", "Ava Audio", "Bea Both"]
    assert {r.name: r.reason_words for r in p.not_getting}["Pip Post"] == (
        "Prefers letters: post them a copy"
    )
    assert [r.name for r in p.audio] == [r.name for r in p.bsl] == ["Ava Audio"]
    assert (p.audio_count, p.bsl_count) == (1, 1)


def test_the_check_before_sending_reads_a_fixed_number_of_queries(django_assert_num_queries):
    found = people()
    found.pop("restricted")
    message = draft(mailing_list(*found.values()))
    with django_assert_num_queries(5):
        queries.preview(message)
    bigger = draft(mailing_list(*[consenting() for _ in range(30)], name="Bigger"))
    with django_assert_num_queries(3):  # nobody needs audio or BSL: two fewer
        assert queries.preview(bigger).getting == 30
