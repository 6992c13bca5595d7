"""The public booking portal: the journey, languages, links, enumeration, rate limits."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.appointments import services
from lotse.appointments.models import Booking, PortalThrottle, WaitingListEntry
from tests.appointments.conftest import book, first_free

pytestmark = pytest.mark.django_db


def link_in(body: str, name: str) -> str:
    match = re.search(rf"http://[^/]+(/termine/\d+/{name}/[^\s?]+/)", body)
    assert match, body
    return match.group(1)


def test_the_start_page_lists_locations_and_languages(client, location):
    response = client.get(reverse("portal:start"))
    assert response.status_code == 200
    html = response.content.decode()
    assert location.name in html
    assert '<html lang="de" dir="ltr"' in html
    for code in ["ar", "uk", "tr", "fa", "ru", "en"]:
        assert f'hreflang="{code}"' in html
    assert "Hauptnavigation" not in html  # no staff navigation


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("uk", "ltr")])
def test_portal_languages_set_lang_and_dir(client, location, service, lang, direction):
    response = client.get(reverse("portal:services", args=[location.pk]) + f"?lang={lang}")
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}"' in html
    if lang == "ar":
        assert "تمديد" in html  # the service name in Arabic (data)
    # The choice sticks for the next page (cookie).
    html = client.get(reverse("portal:start")).content.decode()
    assert f'<html lang="{lang}"' in html


def test_staff_pages_stay_german_for_a_portal_language(client, location):
    client.get(reverse("portal:start") + "?lang=ar")
    html = client.get(reverse("core:login")).content.decode()
    assert '<html lang="de"' in html


def test_times_page_shows_the_earliest_free_times(client, location, service):
    response = client.get(reverse("portal:times", args=[location.pk]) + f"?a={service.pk}")
    assert response.status_code == 200
    first = first_free(location, 20)
    assert f"slot={first.slot_id}" in response.content.decode()


def test_times_without_anliegen_go_back_with_a_message(client, location):
    response = client.get(reverse("portal:times", args=[location.pk]) + "?a=x")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Bitte wählen Sie mindestens ein Anliegen." in page.content.decode()


def test_the_whole_journey_with_double_opt_in(client, location, service):
    slot = first_free(location, 20)
    url = reverse("portal:book", args=[location.pk]) + f"?a={service.pk}&slot={slot.slot_id}"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"name": "Amina Haddad", "email": "amina@example.org", "consent": "on"}
    )
    assert response.status_code == 302
    # No personal data in the URL we send the browser to.
    assert "amina" not in response["Location"].lower()
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.PENDING
    confirm = link_in(mail.outbox[0].body, "bestaetigen")
    # Opening the link (a mail scanner, too) does not confirm ...
    assert "Termin bestätigen" in client.get(confirm).content.decode()
    assert Booking.objects.get().status == Booking.Status.PENDING
    # ... pressing the button does.
    response = client.post(confirm)
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    manage = client.get(response["Location"])
    html = manage.content.decode()
    assert booking.display_code in html
    assert "data:image/svg+xml;base64," in html
    assert "Reisepass" in html  # Mitbringliste
    assert manage["Cache-Control"] == "no-store"
    assert manage["Referrer-Policy"] == "same-origin"
    assert timezone.localtime(booking.booked_at).strftime("%Y") in html
    manage_path = link_in(mail.outbox[-1].body, "termin")
    assert manage_path == response["Location"].split("?")[0]
    ics = client.get(manage_path + "kalender.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in ics.content
    # Cancel.
    assert "wirklich absagen" in client.get(manage_path + "absagen/").content.decode()
    client.post(manage_path + "absagen/")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "abgesagt" in client.get(manage_path).content.decode()


def test_form_errors_are_shown_and_nothing_is_booked(client, location, service):
    slot = first_free(location, 20)
    url = reverse("portal:book", args=[location.pk]) + f"?a={service.pk}&slot={slot.slot_id}"
    response = client.post(url, {"name": "", "email": "kein-mail", "consent": ""})
    html = response.content.decode()
    assert "Bitte stimmen Sie zu" in html
    assert 'aria-invalid="true"' in html
    assert not Booking.objects.exists()


def test_a_taken_time_gives_a_clear_message(client, location, service):
    slot = first_free(location, 20)
    from lotse.appointments.models import Slot

    Slot.objects.filter(pk=slot.slot_id).update(booked=99)
    url = reverse("portal:book", args=[location.pk]) + f"?a={service.pk}&slot={slot.slot_id}"
    response = client.post(url, {"name": "A", "email": "a@example.org", "consent": "on"})
    assert response.status_code == 409
    assert str(services.SLOT_TAKEN) in response.content.decode()


def test_reschedule_through_the_manage_link(client, location, service):
    tokens = book(location, service, confirmed=True)
    path = reverse("portal:reschedule", args=[location.pk, tokens.manage_token])
    later = first_free(location, 20)
    from lotse.appointments import selectors

    later = selectors.free_times(
        location=location,
        duration=20,
        after=tokens.booking.ends_at + dt.timedelta(hours=2),
        limit=1,
    )[0]
    assert client.get(path).status_code == 200
    response = client.post(path, {"slot": str(later.slot_id)})
    assert response.status_code == 302
    assert Booking.objects.get().starts_at == later.starts_at
    assert client.post(path, {"slot": "x"}).status_code == 409


def test_unknown_expired_and_foreign_links_look_the_same(client, location, service, orgs):
    tokens = book(location, service)
    unknown = client.get(reverse("portal:manage", args=[location.pk, "x" * 43]))
    pending_token = client.get(reverse("portal:manage", args=[location.pk, tokens.confirm_token]))
    Booking.objects.update(confirm_expires_at=timezone.now() - dt.timedelta(minutes=1))
    expired = client.post(reverse("portal:confirm", args=[location.pk, tokens.confirm_token]))
    bad_confirm = client.post(reverse("portal:confirm", args=[location.pk, "y" * 43]))
    from tests.appointments.conftest import make_location

    other = make_location(orgs["abh_b"], name="Anderer Standort")
    foreign = client.get(reverse("portal:manage", args=[other.pk, tokens.manage_token]))
    pages = [unknown, pending_token, expired, bad_confirm, foreign]
    assert {p.status_code for p in pages} == {404}
    # Only the language links (which point at the page itself) differ.
    bodies = {re.sub(r'href="/termine/[^"]*lang=[^"]*"', "", p.content.decode()) for p in pages}
    assert len(bodies) == 1


def test_guessing_links_is_rate_limited_per_ip(client, settings, location):
    settings.LOTSE_PORTAL_RATE_LIMITS = {"token-ip": (3, 600)}
    for _ in range(3):
        assert client.get(reverse("portal:manage", args=[location.pk, "z" * 43])).status_code == 404
    assert client.get(reverse("portal:manage", args=[location.pk, "z" * 43])).status_code == 429


def test_booking_attempts_are_rate_limited_per_ip_and_per_email(settings, location, service):
    settings.LOTSE_PORTAL_RATE_LIMITS = {"book-ip": (2, 3600), "book-email": (1, 3600)}
    url = reverse("portal:book", args=[location.pk]) + f"?a={service.pk}&slot="

    def attempt(client: Client, email: str) -> int:
        slot = first_free(location, 20).slot_id
        return client.post(
            url + str(slot), {"name": "A", "email": email, "consent": "on"}
        ).status_code

    one = Client(REMOTE_ADDR="10.0.0.1")
    assert attempt(one, "a@example.org") == 302
    assert attempt(one, "A@example.org") == 429  # same address, other spelling
    assert attempt(one, "b@example.org") == 302
    assert attempt(one, "c@example.org") == 429  # IP used up
    assert attempt(Client(REMOTE_ADDR="10.0.0.2"), "d@example.org") == 302
    # Keys are stored as digests only.
    assert not PortalThrottle.objects.filter(key_digest__contains="example").exists()


def test_the_waiting_list_offers_a_freed_slot(client, location, service, short_service):
    from lotse.appointments.models import Slot

    Slot.objects.filter(location=location, channel="ONLINE").update(booked=99)
    page = client.get(reverse("portal:times", args=[location.pk]) + f"?a={service.pk}")
    assert "Warteliste" in page.content.decode()
    url = reverse("portal:waitlist", args=[location.pk]) + f"?a={service.pk}"
    response = client.post(url, {"name": "Olena K", "email": "olena@example.org", "consent": "on"})
    assert response.status_code == 302
    entry = WaitingListEntry.objects.get()
    assert entry.status == WaitingListEntry.Status.PENDING
    confirm = link_in(mail.outbox[-1].body, "warteliste/bestaetigen")
    assert client.get(confirm).status_code == 200
    assert client.post(confirm).status_code == 200
    entry.refresh_from_db()
    assert entry.status == WaitingListEntry.Status.WAITING
    # Someone cancels: the slots free up and go to Olena first.
    Slot.objects.filter(location=location, channel="ONLINE").update(booked=0)
    other = book(location, short_service, email="x@example.org", confirmed=True)
    Slot.objects.filter(location=location, channel="ONLINE").exclude(bookings=other.booking).update(
        booked=99
    )
    # Make the slot after the cancelled one free too, so 20 minutes fit.
    nxt = Slot.objects.get(location=location, channel="ONLINE", starts_at=other.booking.ends_at)
    Slot.objects.filter(pk=nxt.pk).update(booked=0)
    mail.outbox.clear()
    services.booking_cancel(booking=other.booking)
    entry.refresh_from_db()
    assert entry.status == WaitingListEntry.Status.OFFERED
    offer = entry.offer
    assert offer.status == Booking.Status.PENDING and offer.source == Booking.Source.WAITING_LIST
    assert offer.starts_at == other.booking.starts_at
    assert "frei geworden" in mail.outbox[0].subject
    # The offer lapses: the slot goes back, the entry ends.
    services.bookings_expire(now=entry.offer_expires_at + dt.timedelta(seconds=1))
    entry.refresh_from_db()
    assert entry.status == WaitingListEntry.Status.EXPIRED


def test_taking_a_waiting_list_offer_books_it(client, location, service):
    from lotse.appointments.models import Slot

    Slot.objects.filter(location=location, channel="ONLINE").update(booked=99)
    entry, _token = services.waitlist_join(
        location=location,
        service_ids=[service.pk],
        name="R",
        email="r@example.org",
        language="fa",
    )
    confirm = link_in(mail.outbox[-1].body, "warteliste/bestaetigen")
    client.post(confirm)
    Slot.objects.filter(location=location, channel="ONLINE").update(booked=0)
    services.waitlist_offer(location=location)
    entry.refresh_from_db()
    assert entry.status == WaitingListEntry.Status.OFFERED
    take = link_in(mail.outbox[-1].body, "bestaetigen")
    assert client.post(take).status_code == 302
    entry.refresh_from_db()
    assert entry.status == WaitingListEntry.Status.BOOKED
    assert entry.offer.status == Booking.Status.CONFIRMED


def test_leaving_the_waiting_list(client, location, service):
    entry, token = services.waitlist_join(
        location=location,
        service_ids=[service.pk],
        name="R",
        email="r@example.org",
        language="de",
    )
    path = reverse("portal:waitlist_manage", args=[location.pk, token])
    assert "abmelden" in client.get(path).content.decode()
    client.post(path)
    entry.refresh_from_db()
    assert entry.status == WaitingListEntry.Status.WITHDRAWN


def test_demo_mailbox_shows_mails_only_in_the_demo(client, settings, tmp_path, location, service):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    settings.LOTSE_DEMO = True
    book(location, service, email="demo@example.org")
    response = client.post(reverse("portal:demo_mailbox"), {"email": "demo@example.org"})
    html = response.content.decode()
    assert "Bitte bestätigen Sie Ihren Termin" in html
    assert "/bestaetigen/" in html
    other = client.post(reverse("portal:demo_mailbox"), {"email": "nobody@example.org"})
    assert "Keine E-Mails" in other.content.decode()
    settings.LOTSE_DEMO = False
    assert client.get(reverse("portal:demo_mailbox")).status_code == 404


def test_privacy_and_check_mail_pages(client, location):
    assert "Datenschutz" in client.get(reverse("portal:privacy")).content.decode()
    assert client.get(reverse("portal:check_mail", args=[location.pk])).status_code == 200
    assert client.get(reverse("portal:services", args=[999999])).status_code == 404


def test_the_portal_sets_the_tenant_context_of_the_location(location, service, monkeypatch):
    from lotse.core import tenancy

    tokens = book(location, service, confirmed=True)
    seen: list[int | None] = []
    monkeypatch.setattr(tenancy, "set_kommune", lambda k: seen.append(k))
    Client().get(reverse("portal:manage", args=[location.pk, tokens.manage_token]))
    assert location.kommune_id in seen
    # Catalogue pages read public tables only and set no tenant.
    seen.clear()
    Client().get(reverse("portal:services", args=[location.pk]))
    assert location.kommune_id not in seen


def test_the_times_page_query_count_is_fixed(
    client, location, service, django_assert_max_num_queries
):
    url = reverse("portal:times", args=[location.pk]) + f"?a={service.pk}"
    with django_assert_max_num_queries(6):
        client.get(url)


def test_the_times_page_is_cached_and_a_booking_refreshes_it(client, location, short_service):
    from lotse.appointments.models import Slot

    url = reverse("portal:times", args=[location.pk]) + f"?a={short_service.pk}"
    first = first_free(location, 10)
    marker = f'slot={first.slot_id}"'
    assert marker in client.get(url).content.decode()
    # A change behind the cache's back is not seen yet (cached) ...
    Slot.objects.filter(pk=first.slot_id).update(booked=99)
    assert marker in client.get(url).content.decode()
    # ... a booking through the service invalidates the location's pages.
    book(location, short_service, slot_id=first_free(location, 10).slot_id)
    assert marker not in client.get(url).content.decode()


def test_offers_go_first_come_first_served_and_skip_what_cannot_fit(
    location, service, short_service, django_assert_max_num_queries
):
    from lotse.appointments.models import Slot

    Slot.objects.filter(location=location, channel="ONLINE").update(booked=99)
    entries = []
    for i, svc in enumerate([service, short_service, service, short_service]):
        entry, _token = services.waitlist_join(
            location=location,
            service_ids=[svc.pk],
            name=f"P{i}",
            email=f"p{i}@example.org",
            language="de",
        )
        WaitingListEntry.objects.filter(pk=entry.pk).update(
            status=WaitingListEntry.Status.WAITING,
            confirmed_at=timezone.now() + dt.timedelta(seconds=i),
        )
        entries.append(entry)
    # Nothing free: one search per distinct shortest duration, no offers.
    with django_assert_max_num_queries(8):
        assert services.waitlist_offer(location=location) == 0
    # One 10-minute slot frees up: the first short entry gets it, not the earlier long one.
    slot = Slot.objects.filter(location=location, channel="ONLINE").order_by("starts_at")[5]
    Slot.objects.filter(pk=slot.pk).update(booked=slot.capacity - 1)
    assert services.waitlist_offer(location=location) == 1
    states = [WaitingListEntry.objects.get(pk=e.pk).status for e in entries]
    assert states == ["WAITING", "OFFERED", "WAITING", "WAITING"]
