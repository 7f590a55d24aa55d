"""The ambitions pages: the lead adds, changes, orders and retires ambitions; the lead and
coordinators find work and link it; staff read the ambitions and progress only; confidential
work is linked but never named to anyone not on it; the progress table downloads as CSV;
each page reads with a fixed number of queries however many rows."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.impact.ambitions.models import Ambition, AmbitionLink
from tests.factories import OpportunityFactory, TeamFactory
from tests.impact.ambitions.data import NOW, known
from tests.impact.ambitions.helpers import ambition, link

pytestmark = pytest.mark.django_db

ADD = {
    "title": "Experts are involved before decisions are made",
    "meaning": "People who use services help shape them from the start.",
    "judged_by": "The work linked to it is at the planning stage.",
    "measure": "",
    "target": "",
}


def test_the_lead_adds_an_ambition_with_a_yearly_target(lead_client):
    response = lead_client.post(
        reverse("ambitions:add"), {**ADD, "measure": "hours", "target": "500"}
    )
    assert response.status_code == 302
    one = Ambition.objects.get()
    assert response["Location"] == reverse("ambitions:detail", args=[one.pk])
    page = lead_client.get(response["Location"]).content.decode()
    assert "500 hours of involvement a year" in page
    assert "Ambition added" in page  # its history
    listing = lead_client.get(reverse("ambitions:list")).content.decode()
    assert "1. Experts are involved before decisions are made" in listing


def test_the_form_says_what_is_missing_and_keeps_what_was_typed(lead_client):
    url = reverse("ambitions:add")
    response = lead_client.post(url, {**ADD, "title": "", "target": "40"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a short title for the ambition" in page
    assert "Choose what the target counts, or delete the target" in page
    assert "People who use services help shape them from the start." in page
    page = lead_client.post(url, {**ADD, "measure": "sessions"}).content.decode()
    assert "Enter the target for a year, or choose ‘No target’" in page
    page = lead_client.post(url, {**ADD, "measure": "sessions", "target": "lots"}).content.decode()
    assert "Enter the target as a whole number, like 40" in page
    assert not Ambition.objects.exists()


def test_the_lead_changes_moves_and_retires_an_ambition(lead_client):
    first, second = ambition("First"), ambition("Second")
    response = lead_client.post(
        reverse("ambitions:change", args=[first.pk]),
        {
            "title": "First, in plain words",
            "meaning": first.meaning,
            "judged_by": first.judged_by,
            "measure": "",
            "target": "",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.title == "First, in plain words"
    lead_client.post(reverse("ambitions:move", args=[second.pk]), {"direction": "up"})
    page = lead_client.get(reverse("ambitions:list")).content.decode()
    assert page.index("1. Second") < page.index("2. First, in plain words")
    assert "Are you sure" not in page
    confirm = lead_client.get(reverse("ambitions:retire", args=[second.pk])).content.decode()
    assert "Retire the ambition?" in confirm
    lead_client.post(reverse("ambitions:retire", args=[second.pk]))
    page = lead_client.get(reverse("ambitions:list")).content.decode()
    assert "Retired ambitions" in page
    assert "1. First, in plain words" in page
    retired = lead_client.get(reverse("ambitions:detail", args=[second.pk])).content.decode()
    assert "This ambition was retired on" in retired
    assert reverse("ambitions:link", args=[second.pk]) not in retired


def test_a_coordinator_finds_work_by_title_or_team_and_links_it(coordinator_client):
    one = ambition()
    team = TeamFactory(name="Adult Mental Health")
    work = OpportunityFactory(title="Crisis line menu", team=team)
    OpportunityFactory(title="Something else")
    url = reverse("ambitions:link", args=[one.pk])
    page = coordinator_client.get(url, {"q": "mental health"}).content.decode()
    assert "Crisis line menu" in page
    assert "Something else" not in page
    response = coordinator_client.post(url, {"opportunity": work.pk})
    assert response["Location"] == reverse("ambitions:detail", args=[one.pk])
    assert AmbitionLink.objects.filter(ambition=one, opportunity=work).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.AMBITION_LINKED).count() == 1
    assert "Crisis line menu" in coordinator_client.get(response["Location"]).content.decode()
    # Linked work is no longer offered.
    assert "Crisis line menu" not in coordinator_client.get(url, {"q": "crisis"}).content.decode()
    link_pk = AmbitionLink.objects.get().pk
    coordinator_client.post(reverse("ambitions:unlink", args=[one.pk, link_pk]))
    assert not AmbitionLink.objects.exists()


def test_confidential_work_is_found_and_named_only_by_those_on_it(
    coordinator_client, lead_client, involvement_lead, staff_client
):
    one = ambition()
    work = OpportunityFactory(title="Death on Ward 9", confidential=True)
    work.named_staff.add(involvement_lead)
    url = reverse("ambitions:link", args=[one.pk])
    assert "Death on Ward 9" not in coordinator_client.get(url, {"q": "ward"}).content.decode()
    assert coordinator_client.post(url, {"opportunity": work.pk}).status_code == 404
    assert "Death on Ward 9" in lead_client.get(url, {"q": "ward"}).content.decode()
    lead_client.post(url, {"opportunity": work.pk})
    detail = reverse("ambitions:detail", args=[one.pk])
    assert "Death on Ward 9" in lead_client.get(detail).content.decode()
    for client in (coordinator_client, staff_client):
        page = client.get(detail).content.decode()
        assert "Death on Ward 9" not in page
        assert "Confidential work" in page
    # Nor can someone not on it take it off.
    link_pk = AmbitionLink.objects.get().pk
    response = coordinator_client.post(reverse("ambitions:unlink", args=[one.pk, link_pk]))
    assert response.status_code == 404
    assert AmbitionLink.objects.exists()


def test_staff_read_the_ambitions_and_progress_but_change_nothing(staff_client):
    one = ambition()
    page = staff_client.get(reverse("ambitions:list")).content.decode()
    assert one.title in page
    assert reverse("ambitions:add") not in page
    detail = staff_client.get(reverse("ambitions:detail", args=[one.pk])).content.decode()
    assert reverse("ambitions:link", args=[one.pk]) not in detail
    assert "History" not in detail
    assert staff_client.get(reverse("ambitions:add")).status_code == 403
    assert staff_client.get(reverse("ambitions:link", args=[one.pk])).status_code == 403


@time_machine.travel(NOW, tick=False)
def test_the_list_shows_progress_with_its_chart_and_table(lead_client):
    known()
    page = lead_client.get(reverse("ambitions:list"), {"year": "2025"}).content.decode()
    assert "April 2025 to March 2026" in page
    assert "<svg" in page and 'role="img"' in page
    assert "9 of 10 (90%)" in page
    assert "56%" in page
    assert "Serious incident review" not in page


@time_machine.travel(NOW, tick=False)
def test_the_progress_table_downloads_as_csv(lead_client):
    known()
    response = lead_client.get(reverse("ambitions:download"), {"year": "2025"})
    assert response["Content-Type"].startswith("text/csv")
    assert "ambitions-progress-2025.csv" in response["Content-Disposition"]
    lines = response.content.decode().splitlines()
    assert lines[1] == (
        "Ambition,Pieces of work,Sessions held,Hours of involvement,Different experts,"
        "Share of hours doing with,Outcomes recorded,Towards the yearly target"
    )
    assert lines[2] == "Experts are involved before decisions are made,2,2,9,3,56%,2,9 of 10 (90%)"


def test_an_unknown_year_or_ambition_is_not_found(lead_client):
    assert lead_client.get(reverse("ambitions:list"), {"year": "20x5"}).status_code == 404
    assert lead_client.get(reverse("ambitions:detail", args=[999])).status_code == 404


def _queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen.captured_queries)


def test_the_pages_read_with_a_fixed_number_of_queries(lead_client):
    first = ambition("First")
    link(first, OpportunityFactory())
    list_url = reverse("ambitions:list")
    detail_url = reverse("ambitions:detail", args=[first.pk])
    few = (_queries_for(lead_client, list_url), _queries_for(lead_client, detail_url))
    for n in range(6):
        more = ambition(f"Ambition {n}")
        link(more, OpportunityFactory(), OpportunityFactory(confidential=True))
        link(first, OpportunityFactory(), OpportunityFactory(confidential=True))
    many = (_queries_for(lead_client, list_url), _queries_for(lead_client, detail_url))
    assert many == few
