"""A coordinator keeps the register: finds people, changes their status, adds and edits them."""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from coproduce.people.choices import Status
from coproduce.people.models import Expert, LivedExperienceArea
from coproduce.people.services import add_expert
from tests.browser.checks import assert_error_summary, check_page, open_from_all_pages, visit
from tests.browser.conftest import new_context
from tests.factories import (
    AccessNeedFactory,
    ExpertFactory,
    LivedExperienceAreaFactory,
    LocalityFactory,
    SkillFactory,
)

pytestmark = pytest.mark.browser


def _register_rows(page) -> list[str]:
    return [
        " ".join(t.split())
        for t in page.locator("table tbody tr td:first-child a").all_inner_texts()
    ]


def test_coordinator_finds_an_expert_and_pauses_them_with_a_reason(
    coordinator_page, transactional_db
):
    page = coordinator_page
    dementia = LivedExperienceAreaFactory(name="Dementia")
    autism = LivedExperienceAreaFactory(name="Autism")
    for i in range(1, 31):
        ExpertFactory(full_name=f"Morgan {i:02d}", lived_experience=[dementia])
    ExpertFactory.create_batch(3, status=Status.PAUSED, lived_experience=[dementia])
    ExpertFactory.create_batch(2, lived_experience=[autism])
    jo = ExpertFactory(full_name="Jo Bloggs", lived_experience=[dementia])

    visit(page, "/overview/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
    check_page(page)
    page.get_by_role("navigation").get_by_role("link", name="Register").click()
    expect(page.get_by_role("status")).to_contain_text("36 experts found")
    check_page(page, small_screen=True)

    page.get_by_label("Name, email or phone number").fill("bloggs")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_contain_text("1 expert found")
    assert _register_rows(page) == ["Jo Bloggs"]
    check_page(page)
    page.get_by_role("link", name="Clear filters").click()
    expect(page.get_by_role("status")).to_contain_text("36 experts found")

    page.get_by_text("More filters").click()
    page.get_by_role("group", name="Status").get_by_label("Active").check()
    page.get_by_role("group", name="Lived experience").get_by_label("Dementia").check()
    page.get_by_label("Sort by").select_option(label="Name (Z to A)")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_contain_text("31 experts found")
    expect(page.get_by_role("status")).to_contain_text("Showing 1 to 25")
    rows = _register_rows(page)
    assert rows[:2] == ["Morgan 30", "Morgan 29"]
    # What was chosen stays chosen, so the person can see why these are the results.
    expect(page.get_by_role("group", name="Status").get_by_label("Active")).to_be_checked()
    expect(page.get_by_label("Sort by")).to_have_value("-name")
    check_page(page, small_screen=True)

    page.get_by_role("link", name=re.compile("Next")).click()
    expect(page.get_by_role("status")).to_contain_text("Showing 26 to 31")
    assert _register_rows(page)[-1] == "Jo Bloggs"
    check_page(page)

    page.get_by_role("link", name="Jo Bloggs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jo Bloggs")
    check_page(page, small_screen=True)

    page.get_by_role("group", name="New status").get_by_label("Paused").check()
    page.get_by_label("Reason (optional)").fill("Taking a break until the spring")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_role("alert").first).to_contain_text("Status is now Paused")
    history = page.get_by_role("table", name="Status history")
    expect(history).to_contain_text("Active to Paused")
    expect(history).to_contain_text("Taking a break until the spring")
    check_page(page)
    jo.refresh_from_db()
    assert jo.status == Status.PAUSED

    page.get_by_role("link", name="Audit history").click()
    changes = page.get_by_role("table", name="Changes to this record, newest first")
    expect(changes.locator("tbody tr").first).to_contain_text("Status: Active → Paused")
    expect(changes.locator("tbody tr").first).to_contain_text("Taking a break until the spring")
    expect(page.get_by_text("Cora Coordinator on")).not_to_have_count(0)
    check_page(page, small_screen=True)


def test_coordinator_adds_an_expert_and_nothing_typed_is_lost_when_the_email_is_wrong(
    coordinator_page, transactional_db
):
    page = coordinator_page
    LivedExperienceAreaFactory(name="Dementia")
    autism = LivedExperienceAreaFactory(name="Autism")
    SkillFactory(name="Interview panels")
    AccessNeedFactory(name="Easy read")
    LocalityFactory(name="Shrewsbury")
    LocalityFactory(name="Telford")

    visit(page, "/register/")
    open_from_all_pages(page, "Add an expert")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an expert")
    check_page(page, small_screen=True)

    texts = {
        "Full name": "Sam Okafor",
        "Preferred name": "Sam",
        "Pronouns": "they/them",
        "Short biography": "Cared for my dad for ten years.\nHappy to read <papers> & notes.",
        "Email address": "sam.okafor.example.net",
        "Phone number": "07700 900456",
        "Address": "1 High Street\nShrewsbury",
        "Postcode": "SY1 1AA",
        "Anything else about support needed": "A quiet room, please",
        "Days' notice needed": "14",
        "Earnings limit in pounds": "195.00",
        "Payee reference": "FIN-0042",
        "Internal notes": "Met at the carers' café",
    }
    for label, value in texts.items():
        page.get_by_label(label, exact=True).fill(value)
    consent = {"Day": "15", "Month": "3", "Year": "2026"}
    consent_date = page.get_by_role("group", name="Date they agreed we can keep their data")
    for label, value in consent.items():
        consent_date.get_by_label(label, exact=True).fill(value)
    choices = [
        ("Perspective", "Service user and carer"),
        ("Lived experience", "Dementia"),
        ("Lived experience", "Autism"),
        ("Skills", "Interview panels"),
        ("How do they prefer to be contacted?", "Text message"),
        ("Access and communication needs", "Easy read"),
        ("Days usually available", "Tuesday"),
        ("Days usually available", "Thursday"),
        ("Times usually available", "Mornings"),
        ("Payment preference", "Paid for my time"),
        ("Benefits declaration", "Earnings limit each week (Monday to Sunday)"),
    ]
    for group, label in choices:
        page.get_by_role("group", name=group).get_by_label(label, exact=True).check()
    page.get_by_label("Locality").select_option(label="Shrewsbury")
    # While the form is open, someone else stops offering one of the ticked choices.
    LivedExperienceArea.objects.filter(pk=autism.pk).update(active=False)
    page.get_by_role("button", name="Add to the register").click()

    assert_error_summary(
        page,
        {
            "id_email": "Enter an email address in the correct format, like name@example.com",
            "id_lived_experience": "no longer available",
        },
    )
    check_page(page, small_screen=True)
    for label, value in texts.items():
        expect(page.get_by_label(label, exact=True)).to_have_value(value)
    for label, value in consent.items():
        expect(consent_date.get_by_label(label, exact=True)).to_have_value(value)
    for group, label in choices:
        if label != "Autism":
            expect(
                page.get_by_role("group", name=group).get_by_label(label, exact=True)
            ).to_be_checked()
    expect(page.get_by_label("Locality").locator("option:checked")).to_have_text("Shrewsbury")

    page.get_by_label("Email address", exact=True).fill("Sam.Okafor@example.net")
    page.get_by_role("button", name="Add to the register").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Okafor")
    expect(page.get_by_role("alert").first).to_contain_text(
        "Sam Okafor has been added to the register"
    )
    # What was typed shows as typed: line breaks kept, nothing read as HTML.
    biography = page.get_by_role("definition").filter(has_text="Cared for my dad")
    assert biography.inner_text().splitlines() == [
        "Cared for my dad for ten years.",
        "Happy to read <papers> & notes.",
    ]
    address = page.get_by_role("definition").filter(has_text="1 High Street")
    assert address.inner_text().splitlines() == ["1 High Street", "Shrewsbury"]
    check_page(page, small_screen=True)
    sam = Expert.objects.get(full_name="Sam Okafor")
    assert sam.email == "sam.okafor@example.net"
    assert sam.address.splitlines() == ["1 High Street", "Shrewsbury"]
    assert sam.available_days == ["tue", "thu"]
    assert sam.consent_given_at.date().isoformat() == "2026-03-15"
    assert [a.name for a in sam.lived_experience.all()] == ["Dementia"]
    assert sam.locality.name == "Shrewsbury"
    assert str(sam.earnings_limit) == "195.00"


def test_coordinator_edits_an_expert_adds_a_photo_and_reads_the_old_and_new_values(
    coordinator_page, browser, app_server, transactional_db, tmp_path
):
    page = coordinator_page
    jo = ExpertFactory(full_name="Jo Bloggs", preferred_name="", pronouns="")
    png = tmp_path / "jo.png"
    Image.new("RGB", (120, 160), (0, 94, 184)).save(png)

    visit(page, f"/experts/{jo.pk}/")
    page.get_by_role("link", name="Change details").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change details")
    expect(page.get_by_label("Full name")).to_have_value("Jo Bloggs")
    check_page(page, small_screen=True)

    page.get_by_label("Preferred name").fill("Jo")
    page.get_by_label("Pronouns").fill("she/her")
    page.get_by_label("Photo").set_input_files(str(png))
    page.get_by_role("button", name="Save changes").click()

    expect(page.get_by_role("alert").first).to_contain_text("Changes saved")
    photo = page.get_by_role("img", name="Photo of Jo")
    expect(photo).to_be_visible()
    # Visible is not loaded: wait for the image itself before measuring it.
    loaded = page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0 && img.naturalWidth",
        arg=photo.element_handle(),
    )
    assert loaded.json_value() == 120
    photo_url = f"/experts/{jo.pk}/photo/"
    assert photo.get_attribute("src") == photo_url
    check_page(page, small_screen=True)

    # The photo is private: the coordinator's session gets it, a stranger does not.
    answer = page.request.get(photo_url)
    assert answer.status == 200 and answer.headers["content-type"] == "image/jpeg"
    stranger = new_context(browser, app_server)
    try:
        assert stranger.request.get(photo_url, max_redirects=0).status == 302
    finally:
        stranger.close()

    page.get_by_role("link", name="Audit history").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Audit history")
    changes = page.get_by_role("table", name="Changes to this record, newest first")
    expect(changes).to_contain_text("Preferred name: Not given → Jo")
    expect(changes).to_contain_text("Pronouns: Not given → she/her")
    expect(changes).to_contain_text("Photo: Not given → A new photo")
    check_page(page, small_screen=True)


def test_coordinator_adding_someone_already_on_the_register_is_shown_them_first(
    coordinator_page, transactional_db
):
    page = coordinator_page
    existing = add_expert(
        actor=None, values={"full_name": "Sam Okafor", "email": "sam@example.net", "phone": ""}
    )

    visit(page, "/experts/add/")
    page.get_by_label("Full name", exact=True).fill("Sam Okafor")
    page.get_by_label("Email address", exact=True).fill("sam@example.net")
    page.get_by_role("group", name="Perspective").get_by_label("Carer", exact=True).check()
    page.get_by_role("group", name="Payment preference").get_by_label(
        "Paid for my time", exact=True
    ).check()
    page.get_by_role("button", name="Add to the register").click()

    assert_error_summary(page, {"id_different_person": "already on the register"})
    matches = page.locator("#likely-matches")
    expect(matches).to_contain_text("Same email")
    expect(matches).to_contain_text("Only one person can sign in with an email address")
    expect(matches.get_by_role("link", name="Sam Okafor (opens in a new tab)")).to_have_attribute(
        "href", f"/experts/{existing.pk}/"
    )
    expect(page.get_by_label("Email address", exact=True)).to_have_value("sam@example.net")
    check_page(page, small_screen=True)

    page.get_by_label("This is a different person — add them anyway").check()
    page.get_by_role("button", name="Add to the register").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Okafor")
    assert Expert.objects.filter(full_name="Sam Okafor").count() == 2
    sign_in = page.get_by_role("definition").filter(has_text="already how Sam Okafor signs in")
    expect(sign_in).to_contain_text("change their email address to one of their own")
    expect(sign_in.get_by_role("link", name="See Sam Okafor's profile")).to_have_attribute(
        "href", f"/experts/{existing.pk}/"
    )
    check_page(page, small_screen=True)
