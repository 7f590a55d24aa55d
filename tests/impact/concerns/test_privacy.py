"""Concerns in a subject access download, and emptied when a person is erased."""

import json
import zipfile
from io import BytesIO

import pytest

from coproduce.core.subject_access import as_zip
from coproduce.impact.concerns import services
from coproduce.impact.concerns.models import Concern, Step
from tests.factories import expert_with_account
from tests.impact.concerns.helpers import raised, triaged

pytestmark = pytest.mark.django_db


def test_a_subject_access_download_has_their_concerns_and_our_replies():
    expert = expert_with_account()
    concern = triaged(raised(expert, what_happened="The lift was broken."))
    services.respond(actor=concern.handler, concern=concern, text="We reported it.")
    data = json.loads(zipfile.ZipFile(BytesIO(as_zip(expert))).read("data.json"))
    [got] = data["concerns"]
    assert got["reference"] == concern.reference
    assert got["what_happened"] == "The lift was broken."
    assert [step["text"] for step in got["history"]] == ["", "We reported it."]


def test_erasing_a_person_empties_what_was_written_and_keeps_the_dates():
    from coproduce.impact.concerns.personal_data import erase

    expert = expert_with_account()
    concern = triaged(raised(expert, what_happened="Private words."))
    services.respond(actor=concern.handler, concern=concern, text="Private reply.")
    assert erase(expert)
    concern = Concern.objects.get(pk=concern.pk)
    assert concern.what_happened == ""
    assert concern.first_response_at is not None
    assert not Step.objects.exclude(text="").exists()
