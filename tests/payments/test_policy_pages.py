"""The payment policy pages: the policy in force in full with those to come and those past, the
involvement lead's form for new rates from a date, and the summary experts read."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.opportunities.choices import Kind
from coproduce.payments.choices import ExpenseCategory, RateUnit
from coproduce.payments.forms.policy import PolicyForm
from coproduce.payments.models import Policy
from coproduce.payments.queries.fees import current_policy
from coproduce.payments.services.policy import PolicyError
from tests.dates import date_boxes
from tests.payments.helpers import make_policy

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 6, 15)
POLICY_URL = "/payments/policy/"
NEW_URL = "/payments/policy/new/"


@pytest.fixture(autouse=True)
def _fixed_clock():
    with time_machine.travel(datetime(2026, 6, 15, 10, 0, tzinfo=LONDON), tick=False):
        yield


def text(response) -> str:
    return " ".join(response.content.decode().split())


def row(page: str, heading: str) -> list[str]:
    """The cells of the table row headed `heading`."""
    start = page.index(f'<th scope="row" class="nhsuk-table__header">{heading}</th>')
    cells = page[start : page.index("</tr>", start)].split('<td class="nhsuk-table__cell">')[1:]
    return [cell.split("</td>")[0] for cell in cells]


def form_data(policy=None, *, starts: date | None = None, **changes) -> dict:
    """What the form posts when the lead changes nothing but the date (and `changes`)."""
    data = {}
    for name, value in PolicyForm.initial_from(policy).items():
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    day = starts or TODAY + timedelta(days=10)
    data.update(date_boxes("effective_from", f"{day.day}/{day.month}/{day.year}"))
    data["summary"] = data.get("summary") or "We pay for your time and your travel."
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


# The policy page ---------------------------------------------------------------------------


def test_policy_page_shows_the_policy_in_force_in_full(lead_client):
    make_policy(hourly=Decimal("15.00"), kind=Kind.WORKSHOP)
    page = text(lead_client.get(POLICY_URL))
    assert "In force today" in page
    assert "From Wednesday 1 April 2020 onwards" in page
    assert (
        'Workshop</th> <td class="nhsuk-table__cell nhsuk-table__cell--numeric">£15.00 per hour'
        in page
    )
    assert "£0.45 a mile" in page
    assert "90 days after the meeting" in page
    # Each expense with its limit, its receipt rule and whether it must be agreed first.
    assert row(page, "Public transport (bus, train, tram)") == [
        "£60.00",
        "Over £10.00",
        "Not needed",
    ]
    assert row(page, "Mileage in your own vehicle") == ["200 miles", "Never", "Not needed"]
    assert row(page, "Taxi (where agreed beforehand)") == ["£50.00", "Always", "Must be agreed"]
    assert "We pay £15 an hour and your travel. Keep your receipts." in page
    assert "Set new rates from a date" in page


def test_policy_page_lists_policies_to_come_and_past_ones_with_their_dates(lead_client):
    make_policy(effective_from=date(2024, 4, 1), hourly=Decimal("12.00"))
    make_policy(effective_from=date(2025, 4, 1), hourly=Decimal("14.00"))
    make_policy(effective_from=date(2026, 9, 1), hourly=Decimal("16.00"))
    page = text(lead_client.get(POLICY_URL))
    now_part, rest = page.split("Coming up")
    coming, past = rest.split("Past policies")
    assert "From Tuesday 1 April 2025 to Monday 31 August 2026" in now_part
    assert "£14.00 per hour" in now_part
    assert "From Tuesday 1 September 2026 onwards" in coming
    assert "£16.00 per hour" in coming
    assert "Monday 1 April 2024 to Monday 31 March 2025" in past
    assert "£12.00 per hour" in past


def test_policy_page_says_when_no_policy_is_in_force(lead_client):
    response = lead_client.get(POLICY_URL)
    assert response.status_code == 200
    assert "No payment policy is in force today" in text(response)


@pytest.mark.parametrize("client_name", ["coordinator_client", "finance_client"])
def test_coordinators_and_finance_see_the_policy_but_cannot_set_rates(request, client_name):
    make_policy()
    client = request.getfixturevalue(client_name)
    page = text(client.get(POLICY_URL))
    assert "£15.00 per hour" in page
    assert "Set new rates from a date" not in page
    assert client.get(NEW_URL).status_code == 403
    assert client.post(NEW_URL, form_data()).status_code == 403
    assert Policy.objects.count() == 1


def test_policy_page_queries_do_not_grow_with_policies(lead_client):
    make_policy(effective_from=date(2024, 4, 1))
    lead_client.get(POLICY_URL)  # the first request after signing in also saves the session
    with CaptureQueriesContext(connection) as few:
        assert lead_client.get(POLICY_URL).status_code == 200
    for year in range(2018, 2024):
        make_policy(effective_from=date(year, 4, 1))
    make_policy(effective_from=date(2026, 9, 1))
    with CaptureQueriesContext(connection) as many:
        assert lead_client.get(POLICY_URL).status_code == 200
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)


# Setting new rates ------------------------------------------------------------------------


def test_the_form_starts_from_the_policy_in_force(lead_client):
    make_policy(hourly=Decimal("15.00"), kind=Kind.WORKSHOP, unit=RateUnit.HALF_DAY)
    page = text(lead_client.get(NEW_URL))
    assert 'name="rate_workshop_amount" type="text" value="15.00"' in page
    assert '<option value="half_day" selected >Per half day</option>' in page
    assert 'name="rate_committee_amount" type="text" value=""' in page
    assert 'name="mileage_rate" type="text" value="0.45"' in page
    assert 'name="expense_taxi_agreed" type="checkbox" value="on" checked' in page
    assert 'name="expense_public_transport_receipt_over" type="text" value="10.00"' in page
    assert "We pay £15 an hour and your travel." in page


def test_the_lead_sets_new_rates_from_a_date(lead_client, involvement_lead):
    old = make_policy(hourly=Decimal("15.00"))
    starts = TODAY + timedelta(days=30)
    data = form_data(
        old,
        starts=starts,
        rate_workshop_amount="18.50",
        rate_interview_panel_amount="£60",
        rate_interview_panel_unit=RateUnit.HALF_DAY,
        mileage_rate="0.50",
        claim_deadline_days="60",
        summary="We pay £18.50 an hour.\n\nKeep your receipts.",
        expense_parking_limit="25",
        expense_parking_receipt="over",
        expense_parking_receipt_over="5.00",
        expense_subsistence_claimable=None,  # unticked: no longer claimable
        expense_care_receipt="never",
    )
    response = lead_client.post(NEW_URL, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("payments:policy")
    new = Policy.objects.get(effective_from=starts)
    assert new.created_by == involvement_lead
    assert (new.mileage_rate, new.claim_deadline_days) == (Decimal("0.50"), 60)
    assert new.summary == "We pay £18.50 an hour.\n\nKeep your receipts."
    rates = {r.kind: (r.unit, r.amount) for r in new.rates.all()}
    assert rates == {
        Kind.WORKSHOP: (RateUnit.HOUR, Decimal("18.50")),
        Kind.INTERVIEW_PANEL: (RateUnit.HALF_DAY, Decimal("60.00")),
    }
    rules = {r.category: r for r in new.expense_rules.all()}
    assert ExpenseCategory.SUBSISTENCE not in rules
    assert (rules["parking"].limit, rules["parking"].receipt_over) == (Decimal("25"), Decimal("5"))
    assert rules["care"].receipt_over is None
    assert rules["taxi"].receipt_over == Decimal("0") and rules["taxi"].needs_agreement
    # The old policy is untouched and still in force until the new one starts.
    assert current_policy() == old
    assert old.rates.get().amount == Decimal("15.00")
    page = text(lead_client.get(POLICY_URL))
    assert "The new rates start on Wednesday 15 July 2026." in page


def test_the_first_policy_can_start_today(lead_client):
    response = lead_client.post(NEW_URL, form_data(starts=TODAY, rate_workshop_amount="15"))
    assert response.status_code == 302
    assert current_policy().effective_from == TODAY


def test_new_rates_cannot_start_in_the_past(lead_client):
    make_policy()
    response = lead_client.post(NEW_URL, form_data(starts=TODAY - timedelta(days=1)))
    assert response.status_code == 400
    assert "The date the new rates start must be today or in the future" in text(response)
    assert Policy.objects.count() == 1


def test_new_rates_cannot_start_today_when_a_policy_already_starts_today(lead_client):
    make_policy(effective_from=TODAY)
    response = lead_client.post(NEW_URL, form_data(starts=TODAY))
    assert response.status_code == 400
    assert "A policy already starts today. Choose tomorrow or a later date" in text(response)


def test_rates_set_for_a_later_day_can_be_replaced_before_they_start(lead_client):
    make_policy()
    later = TODAY + timedelta(days=20)
    lead_client.post(NEW_URL, form_data(starts=later, rate_workshop_amount="20.00"))
    response = lead_client.post(
        NEW_URL, form_data(starts=later, rate_workshop_amount="21.00"), follow=True
    )
    assert "They replace the rates you had set earlier for that day." in text(response)
    assert Policy.objects.get(effective_from=later).rates.get().amount == Decimal("21.00")


def test_a_refusal_from_the_service_is_shown_in_the_error_summary(lead_client, monkeypatch):
    from coproduce.payments.views import policy as views

    def refuse(**kwargs):
        raise PolicyError("A policy already starts on that day and is in force.")

    monkeypatch.setattr(views, "set_policy", refuse)
    response = lead_client.post(NEW_URL, form_data(rate_workshop_amount="19.99"))
    assert response.status_code == 400
    page = text(response)
    assert "<title>Error: Set new rates from a date" in page
    assert "nhsuk-error-summary" in page
    assert "A policy already starts on that day and is in force." in page
    assert 'name="rate_workshop_amount" type="text" value="19.99"' in page


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("rate_workshop_amount", "-5", "The rate for workshop cannot be negative"),
        (
            "rate_workshop_amount",
            "15.555",
            "Enter the rate for workshop with no more than 2 numbers after the point",
        ),
        ("rate_workshop_amount", "15000", "The rate for workshop must be £10,000.00 or less"),
        ("rate_workshop_amount", "0", "must be more than £0.00: leave it empty instead"),
        ("rate_workshop_amount", "lots", "Enter the rate for workshop in pounds and pence"),
        ("mileage_rate", "-0.45", "The mileage rate cannot be negative"),
        ("mileage_rate", "45", "The mileage rate must be £10.00 or less"),
        ("expense_parking_limit", "-1", "The limit for parking cannot be negative"),
        ("expense_parking_limit", "99999", "The limit for parking must be £10,000.00 or less"),
        ("expense_mileage_limit", "20000", "The most miles for mileage in your own vehicle"),
        (
            "expense_public_transport_receipt_over",
            "10.001",
            "no more than 2 numbers after the point",
        ),
        ("claim_deadline_days", "0", "Experts must have at least 1 day to claim"),
        ("claim_deadline_days", "ninety", "Enter the days to claim as a whole number"),
    ],
)
def test_bad_amounts_get_a_message_beside_the_field_and_keep_what_was_typed(
    lead_client, field, typed, message
):
    make_policy()
    response = lead_client.post(NEW_URL, form_data(**{field: typed}))
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert f'href="#id_{field}"' in page  # the error summary links to the field
    assert f'id="id_{field}-error"' in page  # and the message sits beside it
    assert f'name="{field}" type="text" value="{typed}"' in page
    assert Policy.objects.count() == 1


def test_a_receipt_over_an_amount_needs_the_amount(lead_client):
    response = lead_client.post(
        NEW_URL,
        form_data(expense_parking_receipt="over", expense_parking_receipt_over=None),
    )
    assert response.status_code == 400
    assert "Enter the amount over which parking needs a receipt" in text(response)


def test_an_expense_no_longer_claimable_ignores_the_rest_of_its_row(lead_client):
    response = lead_client.post(
        NEW_URL,
        form_data(
            expense_taxi_claimable=None,
            expense_taxi_receipt="over",
            expense_taxi_receipt_over=None,
        ),
    )
    assert response.status_code == 302
    assert not Policy.objects.get().expense_rules.filter(category="taxi").exists()


def test_the_date_is_needed(lead_client):
    data = form_data()
    data.update(date_boxes("effective_from", ""))
    response = lead_client.post(NEW_URL, data)
    assert response.status_code == 400
    assert "Enter the date the new rates start" in text(response)
    assert 'href="#id_effective_from-day"' in text(response)


# What experts read ------------------------------------------------------------------------


def render_summary(policy, **context) -> str:
    template = engines["jinja2"].env.get_template("payments/_policy_summary.jinja")
    return " ".join(template.render(policy=policy, **context).split())


def test_experts_read_the_policy_in_short_sentences():
    policy = make_policy(hourly=Decimal("15.00"))
    html = render_summary(policy)
    assert "<h2>Money for your time and travel</h2>" in html
    assert "We pay £15 an hour and your travel. Keep your receipts." in html
    assert "Workshop: £15.00 for each hour." in html
    assert "Mileage in your own vehicle: we pay £0.45 for each mile. Up to 200 miles." in html
    assert "Parking: up to £20.00. You need a receipt." in html
    assert (
        "Public transport (bus, train, tram): up to £60.00. You need a receipt if it costs "
        "more than £10.00." in html
    )
    assert "Taxi (where agreed beforehand): up to £50.00. You need a receipt. Ask us before" in html
    assert "Send your claim within 90 days of the meeting." in html
    # Listed in the order of the choices, public transport first.
    assert html.index("Public transport") < html.index("Parking") < html.index("Carer")


def test_the_experts_summary_takes_a_heading_level_and_copes_with_no_policy():
    html = render_summary(None, policy_heading_level=3)
    assert "<h3>Money for your time and travel</h3>" in html
    assert "We have not set our rates yet." in html


def test_the_experts_summary_escapes_what_the_lead_wrote():
    policy = make_policy()
    Policy.objects.filter(pk=policy.pk).update(summary="<b>Bold</b> claims")
    html = render_summary(Policy.objects.get(pk=policy.pk))
    assert "&lt;b&gt;Bold&lt;/b&gt; claims" in html


def test_the_lead_chooses_whether_work_can_have_its_own_agreed_rate(lead_client):
    old = make_policy(hourly=Decimal("15.00"))
    assert form_data(old)["allows_agreed_rates"] == "no"
    starts = TODAY + timedelta(days=20)
    response = lead_client.post(NEW_URL, form_data(old, starts=starts, allows_agreed_rates="yes"))
    assert response.status_code == 302
    assert Policy.objects.get(effective_from=starts).allows_agreed_rates
    assert not old.allows_agreed_rates
    page = text(lead_client.get(POLICY_URL))
    assert "A piece of work may have its own hourly rate" in page


def test_the_agreed_rate_choice_must_be_made(lead_client):
    response = lead_client.post(NEW_URL, form_data(allows_agreed_rates=None))
    assert response.status_code == 400
    assert "Choose whether a piece of work can have its own rate" in text(response)
