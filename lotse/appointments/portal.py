"""The public booking portal at /termine/ (no account, seven languages).

Tenant context: the portal has no logged-in user, so TenantContextMiddleware sets no Kommune
and PostgreSQL row-level security would hide every booking. Each portal view that touches
bookings first loads the Location from the URL (a public, non-personal table) and sets the
tenant context to that location's Kommune. This is safe because (1) the Kommune is derived from
the public object being booked, not from user input about the tenant; (2) the views only ever
read a booking by the digest of a random 256-bit token (or create one at this location), never
list bookings, so a visitor cannot see more rows than the token already gives them;
(3) the middleware clears the context after every request.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email
import email.policy
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods

from lotse.appointments import cache as portal_cache
from lotse.appointments import languages, selectors, services, throttle
from lotse.appointments.forms import ContactForm, MailboxForm
from lotse.appointments.ics import booking_ics
from lotse.appointments.mail import qr_data_uri
from lotse.appointments.models import Booking, Location, WaitingListEntry
from lotse.core import tenancy

TOO_MANY = gettext_noop(
    "Zu viele Anfragen. Bitte warten Sie eine Stunde und versuchen Sie es dann noch einmal."
)


def _client_ip(request: HttpRequest) -> str:
    # Behind a reverse proxy, configure it to set REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Language from `?lang=` (kept in the language cookie), tenant context from the location,
    and no caching or referrers for pages reached by a secret link."""
    # Catalogue pages read only public tables and need no tenant context (one query less).
    needs_tenant = view.__name__ not in {"services_view", "times", "check_mail"}

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        lang = languages.requested(request)
        if lang is not None:
            languages.activate(request, lang)
        location_id = kwargs.pop("location_id", None)
        if location_id is not None:
            location = portal_cache.location(location_id) if not needs_tenant else None
            if location is None:
                location = (
                    Location.objects.filter(pk=location_id, is_active=True)
                    .select_related("organisation")
                    .first()
                )
                if location is not None and not needs_tenant:
                    portal_cache.remember_location(location)
            if location is None:
                raise Http404
            if needs_tenant:
                tenancy.set_kommune(location.kommune_id)
            kwargs["location"] = location
        response = view(request, *args, **kwargs)
        if lang is not None:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                lang,
                max_age=365 * 24 * 3600,
                samesite="Lax",
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=True,
            )
        if "token" in kwargs:
            response["Cache-Control"] = "no-store"
            # Never send the secret link to other sites. (Not "no-referrer": Chromium then sends
            # "Origin: null" with the page's forms and the CSRF check refuses them.)
            response["Referrer-Policy"] = "same-origin"
        return response

    return wrapper


def _language() -> str:
    return languages.current()


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    language = _language()
    context = {
        **context,
        "portal_language": language,
        "portal_dir": languages.direction(language),
        "portal_languages": languages.links(request.path, language, request.GET),
        "demo": settings.LOTSE_DEMO,
    }
    return render(request, f"appointments/portal/{template}", context, status=status)


def _invalid_link(request: HttpRequest) -> HttpResponse:
    """One answer for unknown, expired and mistyped links (nothing to enumerate)."""
    return _page(request, "invalid_link.html", {}, status=404)


def _token_guard(request: HttpRequest) -> HttpResponse | None:
    if throttle.throttle_exceeded("token-ip", _client_ip(request)):
        return _page(request, "too_many.html", {"message": _(TOO_MANY)}, status=429)
    return None


def _count_miss(request: HttpRequest) -> HttpResponse:
    throttle.throttle_hit("token-ip", _client_ip(request))
    return _invalid_link(request)


def _localized(services_: list[Any], language: str) -> list[dict[str, Any]]:
    return [
        {"service": s, "text": s.localized(language), "duration": s.duration_minutes}
        for s in services_
    ]


# --- choosing ----------------------------------------------------------------------------------


@portal_view
def start(request: HttpRequest) -> HttpResponse:
    key = portal_cache.start_key(_language(), request.GET.urlencode())
    return _cached_page(
        request,
        key,
        lambda: _page(request, "start.html", {"locations": list(selectors.locations_public())}),
    )


@portal_view
def services_view(request: HttpRequest, location: Location) -> HttpResponse:
    chosen = {str(i) for i in request.GET.getlist("a")}
    return _page(
        request,
        "services.html",
        {
            "location": location,
            "services": _localized(selectors.services_public(location), _language()),
            "chosen": chosen,
            "error": request.GET.get("fehler") == "1",
            "note": location.localized_note(_language()),
        },
    )


def _chosen(request: HttpRequest, location: Location) -> list[Any]:
    return selectors.services_chosen(location, request.GET.getlist("a"))


def _services_query(chosen: list[Any]) -> str:
    return "&".join(f"a={s.pk}" for s in chosen)


def _cached_page(
    request: HttpRequest, key: str, render_page: Callable[[], HttpResponse]
) -> HttpResponse:
    """Serve a public page from the per-process cache (see cache.py for the invalidation)."""
    content = cache.get(key)
    if content is not None:
        return HttpResponse(content)
    response = render_page()
    if response.status_code == 200:
        cache.set(key, response.content, portal_cache.SECONDS)
    return response


@portal_view
def times(request: HttpRequest, location: Location) -> HttpResponse:
    key = portal_cache.times_key(location.pk, _language(), request.GET.urlencode())
    return _cached_page(request, key, lambda: _times(request, location))


def _times(request: HttpRequest, location: Location) -> HttpResponse:
    chosen = _chosen(request, location)
    if not chosen:
        return redirect(reverse("portal:services", args=[location.pk]) + "?fehler=1")
    duration = sum(s.duration_minutes for s in chosen)
    context: dict[str, Any] = {
        "location": location,
        "chosen": _localized(chosen, _language()),
        "duration": duration,
        "query": _services_query(chosen),
    }
    if duration > location.max_booking_minutes:
        context["too_long"] = True
        return _page(request, "times.html", context)
    after = None
    if request.GET.get("ab"):
        try:
            after = dt.datetime.fromisoformat(request.GET["ab"])
            if timezone.is_naive(after):
                after = None
        except ValueError:
            after = None
    found = selectors.free_times(location=location, duration=duration, after=after, limit=40)
    context["days"] = selectors.free_days(found)
    if len(found) == 40:
        context["later"] = (found[-1].starts_at + dt.timedelta(minutes=1)).isoformat()
    return _page(request, "times.html", context)


@portal_view
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, location: Location) -> HttpResponse:
    chosen = _chosen(request, location)
    slot_id = request.GET.get("slot", "")
    if not chosen or not slot_id.isdigit():
        return redirect(reverse("portal:services", args=[location.pk]) + "?fehler=1")
    slot = location.slots.filter(pk=int(slot_id)).first()
    if slot is None:
        raise Http404
    form = ContactForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        ip = _client_ip(request)
        address = form.cleaned_data["email"]
        if not throttle.throttle_allow_all([("book-ip", ip), ("book-email", address)]):
            return _page(request, "too_many.html", {"message": _(TOO_MANY)}, status=429)
        try:
            services.booking_request(
                location=location,
                service_ids=[s.pk for s in chosen],
                slot_id=slot.pk,
                name=form.cleaned_data["name"],
                email=address,
                phone=form.cleaned_data.get("phone", ""),
                language=_language(),
                base_url=_base_url(request),
            )
        except services.BookingError as exc:
            error = str(exc.message)
        else:
            return redirect(
                reverse("portal:check_mail", args=[location.pk]) + f"?lang={_language()}"
            )
    return _page(
        request,
        "book.html",
        {
            "location": location,
            "chosen": _localized(chosen, _language()),
            "slot": slot,
            "form": form,
            "error": error,
            "query": _services_query(chosen),
        },
        status=409 if error else 200,
    )


@portal_view
def check_mail(request: HttpRequest, location: Location) -> HttpResponse:
    waitlist = request.GET.get("warteliste") == "1"
    return _page(request, "check_mail.html", {"location": location, "waitlist": waitlist})


# --- confirmation and managing --------------------------------------------------------------


@portal_view
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, location: Location, token: str) -> HttpResponse:
    """GET only shows a button: mail scanners that open links must not confirm bookings."""
    if request.method == "GET":
        return _page(request, "confirm.html", {"location": location})
    guard = _token_guard(request)
    if guard:
        return guard
    result = services.booking_confirm(token=token, base_url=_base_url(request))
    if result is None or result.booking.location_id != location.pk:
        return _count_miss(request)
    if result.manage_token is None:
        return _page(request, "already_confirmed.html", {"location": location})
    return redirect(reverse("portal:manage", args=[location.pk, result.manage_token]) + "?neu=1")


def _booking_or_none(request: HttpRequest, location: Location, token: str) -> Booking | None:
    return services.booking_by_manage_token(location=location, token=token)


@portal_view
def manage(request: HttpRequest, location: Location, token: str) -> HttpResponse:
    guard = _token_guard(request)
    if guard:
        return guard
    booking = _booking_or_none(request, location, token)
    if booking is None:
        return _count_miss(request)
    services_ = [bs.service for bs in booking.booking_services.all()]
    now = timezone.now()
    return _page(
        request,
        "manage.html",
        {
            "location": location,
            "booking": booking,
            "token": token,
            "services": _localized(services_, _language()),
            "qr": qr_data_uri(booking.code),
            "new": request.GET.get("neu") == "1",
            "changeable": booking.status in Booking.OPEN and booking.starts_at > now,
            "rescheduled": request.GET.get("verschoben") == "1",
        },
    )


@portal_view
def ics(request: HttpRequest, location: Location, token: str) -> HttpResponse:
    guard = _token_guard(request)
    if guard:
        return guard
    booking = _booking_or_none(request, location, token)
    if booking is None or booking.status not in Booking.HOLDING:
        return _count_miss(request)
    content = booking_ics(
        booking, [bs.service.localized(_language()) for bs in booking.booking_services.all()]
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="termin.ics"'
    return response


@portal_view
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, location: Location, token: str) -> HttpResponse:
    guard = _token_guard(request)
    if guard:
        return guard
    booking = _booking_or_none(request, location, token)
    if booking is None:
        return _count_miss(request)
    manage_url = reverse("portal:manage", args=[location.pk, token])
    if request.method == "POST":
        with contextlib.suppress(services.BookingError):
            services.booking_cancel(booking=booking, base_url=_base_url(request))
        return redirect(manage_url)
    return _page(
        request,
        "cancel.html",
        {"location": location, "booking": booking, "manage_url": manage_url},
    )


@portal_view
@require_http_methods(["GET", "POST"])
def reschedule(request: HttpRequest, location: Location, token: str) -> HttpResponse:
    guard = _token_guard(request)
    if guard:
        return guard
    booking = _booking_or_none(request, location, token)
    if booking is None:
        return _count_miss(request)
    manage_url = reverse("portal:manage", args=[location.pk, token])
    error = ""
    if request.method == "POST":
        slot_id = request.POST.get("slot", "")
        try:
            if not slot_id.isdigit():
                raise services.BookingError(services.SLOT_INVALID)
            services.booking_reschedule(
                booking=booking,
                slot_id=int(slot_id),
                manage_token=token,
                base_url=_base_url(request),
            )
        except services.BookingError as exc:
            error = str(exc.message)
        else:
            return redirect(manage_url + "?verschoben=1")
    duration = sum(bs.service.duration_minutes for bs in booking.booking_services.all())
    found = selectors.free_times(location=location, duration=duration, limit=30)
    return _page(
        request,
        "reschedule.html",
        {
            "location": location,
            "booking": booking,
            "days": selectors.free_days(found),
            "manage_url": manage_url,
            "error": error,
        },
        status=409 if error else 200,
    )


# --- waiting list ----------------------------------------------------------------------------


@portal_view
@require_http_methods(["GET", "POST"])
def waitlist(request: HttpRequest, location: Location) -> HttpResponse:
    chosen = _chosen(request, location)
    if not chosen:
        return redirect(reverse("portal:services", args=[location.pk]) + "?fehler=1")
    form = ContactForm(request.POST or None, with_phone=False)
    error = ""
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["email"]
        if not throttle.throttle_allow_all(
            [("waitlist-ip", _client_ip(request)), ("waitlist-email", address)]
        ):
            return _page(request, "too_many.html", {"message": _(TOO_MANY)}, status=429)
        try:
            services.waitlist_join(
                location=location,
                service_ids=[s.pk for s in chosen],
                name=form.cleaned_data["name"],
                email=address,
                language=_language(),
                base_url=_base_url(request),
            )
        except services.BookingError as exc:
            error = str(exc.message)
        else:
            return redirect(
                reverse("portal:check_mail", args=[location.pk])
                + f"?warteliste=1&lang={_language()}"
            )
    return _page(
        request,
        "waitlist.html",
        {
            "location": location,
            "chosen": _localized(chosen, _language()),
            "form": form,
            "error": error,
            "query": _services_query(chosen),
        },
    )


@portal_view
@require_http_methods(["GET", "POST"])
def waitlist_confirm(request: HttpRequest, location: Location, token: str) -> HttpResponse:
    if request.method == "GET":
        return _page(request, "waitlist_confirm.html", {"location": location})
    guard = _token_guard(request)
    if guard:
        return guard
    entry = services.waitlist_confirm(location=location, token=token, base_url=_base_url(request))
    if entry is None:
        return _count_miss(request)
    return _page(request, "waitlist_done.html", {"location": location, "entry": entry})


@portal_view
@require_http_methods(["GET", "POST"])
def waitlist_manage(request: HttpRequest, location: Location, token: str) -> HttpResponse:
    guard = _token_guard(request)
    if guard:
        return guard
    entry = services.waitlist_entry_by_manage_token(location=location, token=token)
    if entry is None:
        return _count_miss(request)
    if request.method == "POST":
        entry = services.waitlist_leave(entry=entry)
    return _page(
        request,
        "waitlist_manage.html",
        {
            "location": location,
            "entry": entry,
            "active": entry.status
            in {WaitingListEntry.Status.PENDING, WaitingListEntry.Status.WAITING},
        },
    )


# --- information -----------------------------------------------------------------------------


@portal_view
def privacy(request: HttpRequest) -> HttpResponse:
    return _page(request, "privacy.html", {"locations": list(selectors.locations_public())})


def _mails_for(address: str, limit: int = 20) -> list[dict[str, Any]]:
    folder = Path(settings.EMAIL_FILE_PATH)
    if not folder.is_dir():
        return []
    found: list[dict[str, Any]] = []
    files = sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)[:500]
    for path in files:
        for chunk in path.read_text(encoding="utf-8", errors="replace").split("-" * 79):
            if not chunk.strip():
                continue
            message = email.message_from_string(chunk.lstrip("\n"), policy=email.policy.default)
            if address.lower() not in str(message.get("To", "")).lower():
                continue
            body = message.get_body(preferencelist=("plain",))
            found.append(
                {
                    "subject": str(message.get("Subject", "")),
                    "date": str(message.get("Date", "")),
                    "body": body.get_content() if body is not None else "",
                    "mtime": path.stat().st_mtime,
                }
            )
    found.sort(key=lambda m: m["mtime"], reverse=True)
    return found[:limit]


@portal_view
@require_http_methods(["GET", "POST"])
def demo_mailbox(request: HttpRequest) -> HttpResponse:
    """Demo only: shows the e-mails the portal 'sent' (written to files) to one address, so a
    tester can click the confirmation link. Switched off unless settings.LOTSE_DEMO."""
    if not settings.LOTSE_DEMO:
        raise Http404
    form = MailboxForm(request.POST or None)
    mails = None
    if request.method == "POST" and form.is_valid():
        if not throttle.throttle_allow("mailbox-ip", _client_ip(request)):
            return _page(request, "too_many.html", {"message": _(TOO_MANY)}, status=429)
        mails = _mails_for(form.cleaned_data["email"])
    return _page(request, "demo_mailbox.html", {"form": form, "mails": mails})
