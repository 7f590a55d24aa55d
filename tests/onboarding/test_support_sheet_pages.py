"""The support sheet pages: staff read theirs from the menu, experts theirs from their own
pages, each sheet ready to print; the involvement lead adds, changes, retires and brings back
sheets, and a form with a mistake keeps what was typed and says what to fix beside the field."""

import pytest
from django.urls import reverse

from coproduce.onboarding.models import SupportSheet
from tests.onboarding.sheet_helpers import make_sheet

pytestmark = pytest.mark.django_db

STAFF_CLIENTS = [
    "staff_client",
    "finance_client",
    "coordinator_client",
    "lead_client",
    "administrator_client",
]


def _form(**changes) -> dict:
    data = {
        "title": "Avoiding jargon",
        "audience": "staff",
        "summary": "Plain words help everyone.",
        "body": "## Say it plainly\n\n- short words\n",
        "position": "3",
    }
    return data | changes


@pytest.mark.parametrize("client_name", STAFF_CLIENTS)
def test_every_member_of_staff_finds_the_sheets_for_staff_in_the_menu(client_name, request):
    client = request.getfixturevalue(client_name)
    sheet = make_sheet(title="Inclusive meetings")
    make_sheet(title="Old guidance", retired=True)
    menu = client.get(reverse("all_pages")).content.decode()
    assert f'href="{reverse("onboarding:sheet_list")}"' in menu  # among the role's pages
    html = client.get(reverse("onboarding:sheet_list")).content.decode()
    assert f'href="{reverse("onboarding:sheet_detail", args=[sheet.pk])}"' in html
    assert "Simple steps so everyone can take part." in html
    assert "Old guidance" not in html


def test_the_involvement_team_also_sees_what_experts_read(coordinator_client, staff_client):
    make_sheet(title="What taking part involves", audience="experts")
    assert (
        "What taking part involves"
        in coordinator_client.get(reverse("onboarding:sheet_list")).content.decode()
    )
    assert (
        "What taking part involves"
        not in staff_client.get(reverse("onboarding:sheet_list")).content.decode()
    )


def test_an_expert_finds_their_sheets_in_their_own_pages(expert_client):
    sheet = make_sheet(title="What taking part involves", audience="experts")
    make_sheet(title="Avoiding jargon", audience="staff")
    menu = expert_client.get(reverse("all_pages")).content.decode()
    assert f'href="{reverse("onboarding:sheet_list_experts")}"' in menu  # among their pages
    html = expert_client.get(reverse("onboarding:sheet_list_experts")).content.decode()
    assert "What taking part involves" in html
    assert "Avoiding jargon" not in html
    page = expert_client.get(reverse("onboarding:sheet_detail", args=[sheet.pk]))
    assert page.status_code == 200
    assert f'href="{reverse("onboarding:sheet_list_experts")}"' in page.content.decode()


def test_a_sheet_page_shows_the_markdown_as_safe_html_ready_to_print(staff_client):
    sheet = make_sheet(
        body="# Before\n\n**Send papers early.** <script>alert(1)</script>\n\n"
        "[Guide](https://service-manual.nhs.uk) [Bad](javascript:alert(1))"
    )
    html = staff_client.get(reverse("onboarding:sheet_detail", args=[sheet.pk])).content.decode()
    assert "<h2>Before</h2>" in html
    assert "<strong>Send papers early.</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert '<a href="https://service-manual.nhs.uk" rel="noopener noreferrer">Guide</a>' in html
    # Printing needs no inline script: a button the print module shows, and words for
    # anyone without scripts.
    assert "data-app-print hidden" in html
    assert "use your browser's print option" in html
    assert "onclick" not in html


@pytest.mark.parametrize("client_name", ["expert_client", "staff_client", "finance_client"])
def test_a_sheet_for_someone_else_is_not_found(client_name, request):
    client = request.getfixturevalue(client_name)
    other = make_sheet(audience="staff" if client_name == "expert_client" else "experts")
    assert client.get(reverse("onboarding:sheet_detail", args=[other.pk])).status_code == 404


def test_a_retired_sheet_is_found_only_by_the_involvement_lead(lead_client, coordinator_client):
    sheet = make_sheet(retired=True)
    url = reverse("onboarding:sheet_detail", args=[sheet.pk])
    assert coordinator_client.get(url).status_code == 404
    page = lead_client.get(url)
    assert page.status_code == 200
    assert "Nobody else sees this sheet" in page.content.decode()


def test_the_lead_adds_a_sheet_and_it_is_shown_to_staff(lead_client, staff_client):
    response = lead_client.post(reverse("onboarding:sheet_new"), _form())
    sheet = SupportSheet.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("onboarding:sheet_detail", args=[sheet.pk])
    assert (sheet.title, sheet.position) == ("Avoiding jargon", 3)
    assert "Avoiding jargon" in staff_client.get(reverse("onboarding:sheet_list")).content.decode()


def test_the_lead_changes_a_sheet(lead_client):
    sheet = make_sheet()
    page = lead_client.get(reverse("onboarding:sheet_edit", args=[sheet.pk])).content.decode()
    assert "## Before the meeting" in page  # the Markdown, ready to change
    assert "How to add headings, lists, bold text and links" in page
    response = lead_client.post(
        reverse("onboarding:sheet_edit", args=[sheet.pk]), _form(title="Meetings for all")
    )
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.title == "Meetings for all"


def test_the_lead_retires_a_sheet_and_brings_it_back(lead_client, staff_client):
    sheet = make_sheet(title="Inclusive meetings")
    confirm = lead_client.get(reverse("onboarding:sheet_retire", args=[sheet.pk]))
    assert "Retire ‘Inclusive meetings’?" in confirm.content.decode()
    lead_client.post(reverse("onboarding:sheet_retire", args=[sheet.pk]))
    assert (
        "Inclusive meetings"
        not in staff_client.get(reverse("onboarding:sheet_list")).content.decode()
    )
    manage = lead_client.get(reverse("onboarding:sheet_manage")).content.decode()
    assert "Bring back" in manage
    lead_client.post(reverse("onboarding:sheet_restore", args=[sheet.pk]))
    assert (
        "Inclusive meetings" in staff_client.get(reverse("onboarding:sheet_list")).content.decode()
    )


def test_a_missing_title_keeps_what_was_typed_and_says_so_beside_the_field(lead_client):
    response = lead_client.post(
        reverse("onboarding:sheet_new"), _form(title="", body="## Kept\n\nMy careful words")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert SupportSheet.objects.count() == 0
    assert "<title>Error: " in html
    assert 'id="id_title-error"' in html
    assert '<span class="nhsuk-u-visually-hidden">Error: </span>Enter a title' in html
    assert "My careful words" in html
    assert "Plain words help everyone." in html


def test_a_body_too_long_keeps_what_was_typed_and_says_how_long_it_may_be(lead_client):
    long_body = "word " * 4001  # 20,005 characters
    response = lead_client.post(reverse("onboarding:sheet_new"), _form(body=long_body))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_body-error"' in html
    assert "Enter what the sheet says in 20,000 characters or fewer" in html
    assert long_body.strip() in html


def test_a_body_of_only_spaces_is_refused(lead_client):
    response = lead_client.post(reverse("onboarding:sheet_new"), _form(body="   \n  "))
    assert response.status_code == 400
    assert "Enter what the sheet says" in response.content.decode()


def _count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("client_name", "url_name"),
    [
        ("staff_client", "onboarding:sheet_list"),
        ("coordinator_client", "onboarding:sheet_list"),
        ("expert_client", "onboarding:sheet_list_experts"),
        ("lead_client", "onboarding:sheet_manage"),
    ],
)
def test_the_lists_of_sheets_take_the_same_queries_for_few_and_many(
    client_name, url_name, request, django_assert_num_queries
):
    client = request.getfixturevalue(client_name)
    url = reverse(url_name)
    for audience in ("staff", "experts"):
        make_sheet(title=f"First for {audience}", audience=audience)
    make_sheet(title="Retired", retired=True)
    few = _count(client, url)
    for n in range(15):
        make_sheet(title=f"Sheet {n}", audience="staff" if n % 2 else "experts")
        make_sheet(title=f"Retired {n}", retired=True)
    with django_assert_num_queries(few):
        client.get(url)


def test_every_mistake_in_the_sheet_form_gets_a_message_written_for_the_person():
    # The project-wide check (tests/core/test_form_messages.py) walks forms modules at the top
    # of each app; this form is in a subpackage, so it is put through the same probes here.
    from coproduce.onboarding.sheets.forms import SupportSheetForm
    from tests.core.test_form_messages import probes, problems_in

    found = []
    for name, field in SupportSheetForm().fields.items():
        for data, _files in probes(name, field):
            found += problems_in(SupportSheetForm(data=data))
    assert not found, found
