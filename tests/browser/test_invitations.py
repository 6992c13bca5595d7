"""Journey of proactive invitations: an ABH case worker selects persons whose title expires in
eight weeks, creates the invitations, fetches the batch PDF and tracks one acceptance and one
refusal. Every page is scanned with axe. Dates are relative to today."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lotse.appointments.models import Booking, Channel, Location, Service, Slot
from lotse.appointments.models_invitations import Invitation
from lotse.appointments.slots import BERLIN
from lotse.core import tenancy
from lotse.people.models import Person, StatusPeriod, StatusType

NAMES = [("Haddad", "Amina", ["ar"]), ("Kovalenko", "Olena", ["uk"]), ("Demir", "Mehmet", ["de"])]


@pytest.fixture
def abh_setup(orgs) -> Location:
    abh = orgs["abh_a"]
    today = timezone.localdate()
    with tenancy.system_context():
        location = Location.objects.create(
            kommune=abh.kommune,
            organisation=abh,
            name="Kreishaus Musterstadt",
            street="Kreishausstraße 1",
            postcode="12345",
            city="Musterstadt",
            phone="0000 123456",
            slot_minutes=10,
        )
        service = Service.objects.create(
            organisation=abh,
            name="Aufenthaltserlaubnis verlängern",
            documents="Pass\nBiometrisches Foto",
            duration_minutes=10,
        )
        service.locations.add(location)
        start = dt.datetime.combine(today + dt.timedelta(weeks=3), dt.time(9), tzinfo=BERLIN)
        for i in range(4):
            Slot.objects.create(
                location=location,
                starts_at=start + dt.timedelta(minutes=10 * i),
                ends_at=start + dt.timedelta(minutes=10 * (i + 1)),
                channel=Channel.INTERNAL,
                capacity=1,
            )
        for i, (family, given, languages) in enumerate(NAMES):
            person = Person.objects.create(
                kommune=abh.kommune,
                organisation=abh,
                family_name=family,
                given_names=given,
                sort_name=family.lower(),
                languages=languages,
                street="Weg 1",
                postcode="12345",
                city="Musterstadt",
            )
            StatusPeriod.objects.create(
                kommune=abh.kommune,
                person=person,
                type=StatusType.AE,
                valid_from=today - dt.timedelta(days=400),
                valid_to=today + dt.timedelta(weeks=7, days=i),
            )
    return location


def _message(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text).first).to_be_visible()


@pytest.mark.browser
def test_select_invite_print_and_track(
    page: Page, personas, abh_setup, log_in, axe_check: Callable[[Page], None], screenshot
):
    log_in(page, "abh_a")
    page.locator("header").get_by_role("link", name="Einladungen").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text("Einladungen")
    axe_check(page)

    page.get_by_role("link", name="Neue Einladungen").click()
    page.wait_for_load_state("load")
    axe_check(page)
    page.get_by_label("Läuft ab innerhalb von Wochen").fill("8")
    page.get_by_role("button", name="Personen anzeigen").click()
    page.wait_for_load_state("load")
    table = page.locator("main table")
    for family, given, _languages in NAMES:
        expect(table.get_by_role("link", name=f"{family}, {given}")).to_be_visible()
    axe_check(page)
    screenshot(page, "einladungen-auswahl")

    page.get_by_role("button", name="3 Einladungen erstellen").click()
    page.wait_for_load_state("load")
    _message(page, "3 Einladungen mit Termin wurden angelegt.")
    axe_check(page)
    screenshot(page, "einladungen-lauf")

    pdf_link = page.get_by_role("link", name="Alle Briefe als PDF (zum Drucken)")
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    page.get_by_role("button", name="Briefe sind versandt").click()
    page.wait_for_load_state("load")
    _message(page, "3 Einladungen sind als versandt vermerkt.")
    axe_check(page)

    page.get_by_label("Neuer Stand Haddad").select_option(label="angenommen")
    page.get_by_role("button", name="Speichern Haddad").click()
    page.wait_for_load_state("load")
    _message(page, "Der Stand ist gespeichert.")
    axe_check(page)

    row = page.locator("tr", has_text="Kovalenko")
    page.get_by_label("Neuer Stand Kovalenko").select_option(label="abgelehnt")
    row.get_by_label("Grund der Absage").select_option(label="weggezogen")
    page.get_by_role("button", name="Speichern Kovalenko").click()
    page.wait_for_load_state("load")
    _message(page, "Der Stand ist gespeichert.")
    expect(page.locator("tr", has_text="Kovalenko")).to_contain_text(re.compile("abgelehnt"))
    axe_check(page)

    with tenancy.system_context():
        states = dict(Invitation.objects.values_list("person__family_name", "status"))
        cancelled = Booking.objects.get(person__family_name="Kovalenko").status
    assert states == {"Haddad": "ACCEPTED", "Kovalenko": "DECLINED", "Demir": "SENT"}
    assert cancelled == Booking.Status.CANCELLED
