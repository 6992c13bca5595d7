"""On-site pages: front desk check-in, clerk workplace, devices and settings, statistics, and
the device pages (kiosk, call display) opened by a secret per-location link without login.

Device pages have no logged-in user: like the portal, they set the tenant context from the
location of the device link (a public, non-personal table) before touching visits or bookings;
the middleware clears it after the request. The kiosk only ever checks in by Kennung at its own
location and answers every failure with the same "bitte am Empfang melden".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lotse.appointments import languages, throttle
from lotse.appointments import onsite_charts as charts
from lotse.appointments import onsite_reports as reports
from lotse.appointments import onsite_selectors as selectors
from lotse.appointments import onsite_services as onsite
from lotse.appointments.models import (
    Desk,
    DeviceLink,
    Location,
    ServiceDayStat,
    Visit,
    token_digest,
)
from lotse.appointments.onsite_forms import (
    CheckInForm,
    DeskForm,
    DeviceLinkForm,
    OnsiteSettingsForm,
    StatsFilterForm,
    TransferForm,
    WalkInForm,
)
from lotse.core import policy, tenancy

DISPLAY_CACHE_SECONDS = 2
# A kiosk is shared: without a touch or key for this long it goes back to the German start
# page (kiosk.js, with a warning 20 s before), so nobody finds the last person's number,
# language or half-typed Kennung. The ticket page goes back sooner.
KIOSK_IDLE_SECONDS = 90
KIOSK_TICKET_SECONDS = 60


def _kiosk_limited(link: DeviceLink, bucket: str, *, hit: bool) -> bool:
    """Whether this kiosk has used up its `kiosk-<bucket>` limit (config.RATE_LIMITS).

    Counted in the portal's database table, not in the per-process cache: with several
    server processes a cache counter would multiply the limit. With `hit` the request is
    counted, unless the limit was already reached."""
    key = str(link.pk)
    if hit:
        return not throttle.throttle_allow(f"kiosk-{bucket}", key)
    return throttle.throttle_exceeded(f"kiosk-{bucket}", key)


def navigation(user: Any) -> list[tuple[Any, str]]:
    if not (
        policy.may(user, "view", Visit)
        or policy.may(user, "view", ServiceDayStat)
        or policy.may(user, "view", DeviceLink)
    ):
        return []
    return [(gettext_lazy("Vor Ort"), reverse("onsite:home"))]


# --- overview --------------------------------------------------------------------------------


def _office_locations(user: Any) -> list[Location]:
    """Locations of the user's office for any on-site page (queue, devices, statistics)."""
    if not navigation(user):
        return []
    return list(Location.objects.filter(organisation_id=user.organisation_id, is_active=True))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = policy.staff_user(request)
    if not navigation(user):
        raise Http404
    may_work = policy.may(user, "view", Visit)
    may_devices = policy.may(user, "view", DeviceLink)
    locations = _office_locations(user) if may_work or may_devices else []
    return render(
        request,
        "appointments/onsite/home.html",
        {
            "locations": locations,
            "may_work": may_work,
            "may_devices": may_devices,
            "may_stats": policy.may(user, "view", ServiceDayStat),
        },
    )


# --- front desk ------------------------------------------------------------------------------


def _frontdesk_page(
    request: HttpRequest,
    location: Location,
    *,
    checkin: CheckInForm | None = None,
    walk_in: WalkInForm | None = None,
    status: int = 200,
) -> HttpResponse:
    walk_services = selectors.services_at(location, walk_in=True)
    return render(
        request,
        "appointments/onsite/frontdesk.html",
        {
            "location": location,
            "checkin_form": checkin or CheckInForm(),
            "walk_in_form": walk_in or WalkInForm(services=walk_services),
            "has_walk_ins": bool(walk_services),
            "recent": selectors.recent_visits(location),
        },
        status=status,
    )


@login_required
@require_GET
def frontdesk(request: HttpRequest, location_id: int) -> HttpResponse:
    user = policy.staff_user(request)
    return _frontdesk_page(request, selectors.work_location_or_404(user, location_id))


@login_required
@require_POST
def checkin(request: HttpRequest, location_id: int) -> HttpResponse:
    user = policy.staff_user(request)
    location = selectors.work_location_or_404(user, location_id)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            visit = onsite.visit_check_in(
                location=location, code=form.cleaned_data["code"], by=user
            )
        except onsite.OnsiteError as error:
            form.add_error("code", str(error.message))
        else:
            messages.success(
                request, _("Angemeldet. Wartenummer: %(number)s") % {"number": visit.number}
            )
            return redirect("onsite:ticket", pk=visit.pk)
    return _frontdesk_page(request, location, checkin=form, status=400)


@login_required
@require_POST
def walk_in(request: HttpRequest, location_id: int) -> HttpResponse:
    user = policy.staff_user(request)
    location = selectors.work_location_or_404(user, location_id)
    form = WalkInForm(request.POST, services=selectors.services_at(location, walk_in=True))
    if form.is_valid():
        try:
            visit = onsite.visit_walk_in(
                location=location, service_id=form.cleaned_data["service"], by=user
            )
        except onsite.OnsiteError as error:
            form.add_error("service", str(error.message))
        else:
            messages.success(
                request, _("Wartenummer ausgegeben: %(number)s") % {"number": visit.number}
            )
            return redirect("onsite:ticket", pk=visit.pk)
    return _frontdesk_page(request, location, walk_in=form, status=400)


@login_required
def ticket(request: HttpRequest, pk: int) -> HttpResponse:
    """The ticket to print or show: number, Anliegen, time; no name."""
    user = policy.staff_user(request)
    visit = policy.get_or_404(
        user, Visit, pk, query=lambda qs: qs.select_related("service", "location")
    )
    return render(request, "appointments/onsite/ticket.html", {"visit": visit})


# --- clerk workplace -------------------------------------------------------------------------


def _session_key(location: Location) -> str:
    return f"onsite_desk_{location.pk}"


def _current_desk(request: HttpRequest, location: Location, desks: list[Desk]) -> Desk | None:
    desk_id = request.session.get(_session_key(location))
    return next((d for d in desks if d.pk == desk_id), None)


@login_required
@require_GET
def workplace(request: HttpRequest, location_id: int) -> HttpResponse:
    user = policy.staff_user(request)
    location = selectors.work_location_or_404(user, location_id)
    desks = selectors.desks(location)
    desk = _current_desk(request, location, desks)
    services_ = selectors.services_at(location)
    current = selectors.desk_visits(location, desk)
    return render(
        request,
        "appointments/onsite/workplace.html",
        {
            "location": location,
            "desk": desk,
            "desk_form": DeskForm(desks=desks, initial={"desk": desk.pk if desk else None}),
            "current": [(v, TransferForm(services=services_, prefix=f"t{v.pk}")) for v in current],
            "parked": selectors.parked_visits(location),
            "queues": selectors.queue_overview(location),
            "waiting": selectors.waiting_visits(location, limit=20),
        },
    )


@login_required
@require_GET
def queues(request: HttpRequest, location_id: int) -> HttpResponse:
    """The queue overview alone (refreshed by htmx every few seconds on the clerk page)."""
    user = policy.staff_user(request)
    location = selectors.work_location_or_404(user, location_id)
    return render(
        request,
        "appointments/onsite/_queues.html",
        {
            "location": location,
            "queues": selectors.queue_overview(location),
            "waiting": selectors.waiting_visits(location, limit=20),
        },
    )


@login_required
@require_POST
def desk_choose(request: HttpRequest, location_id: int) -> HttpResponse:
    user = policy.staff_user(request)
    location = selectors.work_location_or_404(user, location_id)
    form = DeskForm(request.POST, desks=selectors.desks(location))
    if form.is_valid():
        request.session[_session_key(location)] = form.cleaned_data["desk"]
        messages.success(request, _("Ihr Schalter ist gespeichert."))
    else:
        messages.error(request, str(onsite.DESK_INVALID))
    return redirect("onsite:workplace", location_id=location.pk)


def _desk_or_message(request: HttpRequest, location: Location) -> Desk | None:
    desk = _current_desk(request, location, selectors.desks(location))
    if desk is None:
        messages.error(request, _("Bitte wählen Sie zuerst Ihren Schalter."))
    return desk


@login_required
@require_POST
def call_next(request: HttpRequest, location_id: int) -> HttpResponse:
    user = policy.staff_user(request)
    location = selectors.work_location_or_404(user, location_id)
    desk = _desk_or_message(request, location)
    if desk is not None:
        try:
            visit = onsite.visit_call_next(location=location, desk=desk, by=user)
        except onsite.OnsiteError as error:
            messages.info(request, str(error.message))
        else:
            messages.success(
                request,
                _("Aufgerufen: %(number)s an %(desk)s")
                % {"number": visit.number, "desk": desk.name},
            )
    return redirect("onsite:workplace", location_id=location.pk)


ACTIONS: dict[str, Callable[..., Visit]] = {
    "erneut": onsite.visit_recall,
    "beginnen": onsite.visit_start,
    "abschliessen": onsite.visit_finish,
    "nicht-erschienen": onsite.visit_no_show,
    "parken": onsite.visit_park,
}
ACTION_DONE = {
    "erneut": gettext_lazy("%(number)s wurde erneut aufgerufen."),
    "beginnen": gettext_lazy("Bearbeitung von %(number)s begonnen."),
    "abschliessen": gettext_lazy("%(number)s ist erledigt."),
    "nicht-erschienen": gettext_lazy("%(number)s ist als nicht erschienen vermerkt."),
    "parken": gettext_lazy("%(number)s ist geparkt."),
    "zurueckholen": gettext_lazy("%(number)s wurde aus dem Parkbereich aufgerufen."),
    "weiterleiten": gettext_lazy("%(number)s wurde weitergeleitet."),
}


@login_required
@require_POST
def visit_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = policy.staff_user(request)
    visit = policy.get_or_404(user, Visit, pk, action="change")
    location = visit.location
    if action not in ACTION_DONE:
        raise Http404
    try:
        if action in ACTIONS:
            visit = ACTIONS[action](visit=visit, by=user)
        elif action == "zurueckholen":
            desk = _desk_or_message(request, location)
            if desk is None:
                return redirect("onsite:workplace", location_id=location.pk)
            visit = onsite.visit_call_parked(visit=visit, desk=desk, by=user)
        else:
            form = TransferForm(
                request.POST, services=selectors.services_at(location), prefix=f"t{visit.pk}"
            )
            if not form.is_valid():
                raise onsite.OnsiteError(onsite.SERVICE_INVALID)
            visit = onsite.visit_transfer(
                visit=visit, service_id=form.cleaned_data["service"], by=user
            )
    except onsite.OnsiteError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, str(ACTION_DONE[action]) % {"number": visit.number})
    return redirect("onsite:workplace", location_id=location.pk)


# --- devices and settings --------------------------------------------------------------------


def _device_url(request: HttpRequest, key: str) -> str:
    return request.build_absolute_uri(reverse("onsite:device", args=[key]))


def demo_device_key(location: Location, kind: str) -> str:
    """Demo only: a predictable key, so the demo's settings page can show working links."""
    return f"demo-{location.pk}-{kind.lower()}"


def _devices_page(
    request: HttpRequest,
    location: Location,
    *,
    form: DeviceLinkForm | None = None,
    settings_form: OnsiteSettingsForm | None = None,
    new_url: str = "",
    status: int = 200,
) -> HttpResponse:
    links = list(DeviceLink.objects.filter(location=location).order_by("revoked_at", "kind"))
    demo_urls = {}
    if settings.LOTSE_DEMO:
        for link in links:
            key = demo_device_key(location, link.kind)
            if link.revoked_at is None and link.key_digest == token_digest(key):
                demo_urls[link.pk] = _device_url(request, key)
    return render(
        request,
        "appointments/onsite/devices.html",
        {
            "location": location,
            "links": [(link, demo_urls.get(link.pk, "")) for link in links],
            "form": form or DeviceLinkForm(),
            "settings_form": settings_form
            or OnsiteSettingsForm(instance=onsite.onsite_settings(location)),
            "new_url": new_url,
        },
        status=status,
    )


def _device_location(user: Any, location_id: int) -> Location:
    if not policy.may(user, "view", DeviceLink):
        raise Http404
    return policy.get_or_404(user, Location, location_id, action="change")


@login_required
@require_http_methods(["GET", "POST"])
def devices(request: HttpRequest, location_id: int) -> HttpResponse:
    user = policy.staff_user(request)
    location = _device_location(user, location_id)
    if request.method == "POST":
        form = DeviceLinkForm(request.POST)
        if form.is_valid():
            created = onsite.device_link_create(
                location=location,
                kind=form.cleaned_data["kind"],
                label=form.cleaned_data["label"],
                by=user,
            )
            response = _devices_page(request, location, new_url=_device_url(request, created.key))
            response["Cache-Control"] = "no-store"
            return response
        return _devices_page(request, location, form=form, status=400)
    return _devices_page(request, location)


@login_required
@require_POST
def device_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    link = policy.get_or_404(user, DeviceLink, pk, action="change")
    onsite.device_link_revoke(link=link, by=user)
    messages.success(request, _("Der Geräte-Link ist gesperrt. Das Gerät zeigt nichts mehr an."))
    return redirect("onsite:devices", location_id=link.location_id)


@login_required
@require_POST
def settings_save(request: HttpRequest, location_id: int) -> HttpResponse:
    user = policy.staff_user(request)
    location = _device_location(user, location_id)
    form = OnsiteSettingsForm(request.POST, instance=onsite.onsite_settings(location))
    if form.is_valid():
        onsite.onsite_settings_save(settings_=form.save(commit=False), by=user)
        messages.success(request, _("Die Einstellungen sind gespeichert."))
        return redirect("onsite:devices", location_id=location.pk)
    return _devices_page(request, location, settings_form=form, status=400)


# --- device pages (no login) -----------------------------------------------------------------


def device_view(kind: str | None = None) -> Callable[..., Callable[..., HttpResponse]]:
    """Resolve the device link from the URL (404 for unknown or revoked keys), set the tenant
    context from its location, and keep the secret URL out of caches and referrers."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, key: str) -> HttpResponse:
            # A device starts in German whatever its browser asks for (its error pages too).
            # The kiosk speaks another portal language only while its URL says so (?lang=, as
            # in the portal, but never remembered in a cookie: the next person starts in
            # German). The call display is for everybody: German, the headings in all languages.
            languages.activate(request, languages.SOURCE_LANGUAGE)
            link = onsite.device_by_key(key)
            if link is None or (kind and link.kind != kind) or not link.location.is_active:
                raise Http404
            tenancy.set_kommune(link.location.kommune_id)
            chosen = languages.requested(request) if link.kind == DeviceLink.Kind.KIOSK else None
            if chosen:
                languages.activate(request, chosen)
            response = view(request, link, key)
            response["Cache-Control"] = "no-store"
            # same-origin, not no-referrer: with no-referrer the browser sends "Origin: null"
            # and the CSRF check refuses the kiosk's forms. Other sites never see the key.
            response["Referrer-Policy"] = "same-origin"
            response["X-Robots-Tag"] = "noindex"
            return response

        return wrapper

    return decorator


def _kiosk_page(
    request: HttpRequest,
    link: DeviceLink,
    key: str,
    *,
    form: CheckInForm | None = None,
    error: str = "",
    visit: Visit | None = None,
    status: int = 200,
) -> HttpResponse:
    language = languages.current()
    start_url = reverse("onsite:device", args=[key])
    walk_in = onsite.onsite_settings(link.location).walk_ins_open
    return render(
        request,
        "appointments/onsite/kiosk.html",
        {
            "link": link,
            "location": link.location,
            "key": key,
            "form": form or CheckInForm(),
            "walk_services": [
                {"pk": s.pk, "name": s.localized(language).name}
                for s in selectors.services_at(link.location, walk_in=True)
            ]
            if walk_in
            else [],
            "error": error,
            "visit": visit,
            "language_links": languages.links(start_url, language),
            # The forms carry the language on to the answer page (and nothing else does).
            "lang_query": "" if language == languages.SOURCE_LANGUAGE else f"?lang={language}",
            "start_url": start_url,
            "idle_seconds": KIOSK_TICKET_SECONDS if visit else KIOSK_IDLE_SECONDS,
            # The untouched German start page has nothing to reset until someone uses it.
            "reset_now": bool(
                visit or error or form is not None or language != languages.SOURCE_LANGUAGE
            ),
        },
        status=status,
    )


@require_GET
@device_view()
def device(request: HttpRequest, link: DeviceLink, key: str) -> HttpResponse:
    if link.kind == DeviceLink.Kind.DISPLAY:
        return render(
            request,
            "appointments/onsite/display.html",
            {
                "link": link,
                "location": link.location,
                "key": key,
                "feed_html": _display_fragment(link.location),
            },
        )
    return _kiosk_page(request, link, key)


@require_POST
@device_view(DeviceLink.Kind.KIOSK)
def kiosk_checkin(request: HttpRequest, link: DeviceLink, key: str) -> HttpResponse:
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return _kiosk_page(request, link, key, form=form, status=400)
    if _kiosk_limited(link, "miss", hit=False):
        return _kiosk_page(request, link, key, error=str(onsite.KIOSK_DESK), status=429)
    try:
        visit = onsite.visit_check_in(
            location=link.location, code=form.cleaned_data["code"], by=None
        )
    except onsite.OnsiteError as error:
        _kiosk_limited(link, "miss", hit=True)
        return _kiosk_page(request, link, key, form=form, error=str(error.message), status=400)
    return _kiosk_page(request, link, key, visit=visit)


@require_POST
@device_view(DeviceLink.Kind.KIOSK)
def kiosk_walk_in(request: HttpRequest, link: DeviceLink, key: str) -> HttpResponse:
    if _kiosk_limited(link, "ticket", hit=True):
        return _kiosk_page(request, link, key, error=str(onsite.KIOSK_DESK), status=429)
    try:
        service_id = int(request.POST.get("service", ""))
        visit = onsite.visit_walk_in(location=link.location, service_id=service_id, by=None)
    except (ValueError, onsite.OnsiteError) as error:
        message = error.message if isinstance(error, onsite.OnsiteError) else onsite.KIOSK_DESK
        return _kiosk_page(request, link, key, error=str(message), status=400)
    return _kiosk_page(request, link, key, visit=visit)


def _display_headings() -> list[dict[str, str]]:
    """The column headings of the call display in the other portal languages. One screen
    serves everybody, so all languages are listed at once under the German heading: nobody
    waits for their language to come round, and nothing on the screen moves (WCAG 2.2.2)."""
    headings = []
    for code in languages.TRANSLATION_LANGUAGES:
        with translation.override(code):
            headings.append(
                {
                    "code": code,
                    "dir": languages.direction(code),
                    "number": pgettext("call display", "Nummer"),
                    "desk": pgettext("call display", "Schalter"),
                }
            )
    return headings


def _display_fragment(location: Location) -> str:
    """The rendered call list, cached for a moment: many screens poll the same location."""
    cache_key = f"onsite-display:{location.pk}"
    html = cache.get(cache_key)
    if html is None:
        html = render_to_string(
            "appointments/onsite/_display_feed.html",
            {"feed": selectors.display_feed(location), "headings": _display_headings()},
        )
        cache.set(cache_key, html, DISPLAY_CACHE_SECONDS)
    return str(html)


@require_GET
@device_view(DeviceLink.Kind.DISPLAY)
def display_feed(request: HttpRequest, link: DeviceLink, key: str) -> HttpResponse:
    return HttpResponse(_display_fragment(link.location))


# --- statistics ------------------------------------------------------------------------------


def _stats_form(request: HttpRequest, user: Any) -> StatsFilterForm:
    if not policy.may(user, "view", ServiceDayStat):
        raise Http404
    return StatsFilterForm(
        request.GET or None,
        locations=list(reports.stats_locations(user)),
        services=list(reports.stats_services(user)),
    )


def _report(user: Any, form: StatsFilterForm) -> reports.Report:
    import datetime as dt

    from django.utils import timezone

    if form.is_bound and form.is_valid():
        data = form.cleaned_data
    else:
        end = timezone.localdate()
        data = {"start": end - dt.timedelta(days=29), "end": end}
    return reports.stats_report(
        user=user,
        start=data["start"],
        end=data["end"],
        location_id=data.get("location") or None,
        service_id=data.get("service") or None,
    )


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


@login_required
@require_GET
def stats(request: HttpRequest) -> HttpResponse:
    user = policy.staff_user(request)
    form = _stats_form(request, user)
    report = _report(user, form)
    day_label = [d.strftime("%d.%m.") for d, _t in report.days]
    served = [
        (label, float(t.served)) for label, (_d, t) in zip(day_label, report.days, strict=True)
    ]
    waits = [
        (label, None if t.wait_mean_min is None else round(t.wait_mean_min, 1))
        for label, (_d, t) in zip(day_label, report.days, strict=True)
    ]
    lead = [(d.strftime("%d.%m."), None if v is None else round(v, 1)) for d, v in report.lead]
    service_times = [
        (name, None if t.service_mean_min is None else round(t.service_mean_min, 1))
        for name, t in report.services
    ]
    utilisation = [(row.desk, _pct(row.utilisation)) for row in report.desks]
    return render(
        request,
        "appointments/onsite/stats.html",
        {
            "form": form,
            "report": report,
            "query": request.GET.urlencode(),
            "served_chart": charts.bar_chart(served),
            "wait_chart": charts.line_chart(waits),
            "lead_chart": charts.line_chart(lead),
            "service_chart": charts.bar_chart(service_times),
            "desk_chart": charts.bar_chart(utilisation),
            "lead": lead,
            "waits": waits,
            "utilisation": list(zip(report.desks, [u for _n, u in utilisation], strict=True)),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
@require_GET
def stats_export(request: HttpRequest, fmt: str) -> HttpResponse:
    user = policy.staff_user(request)
    form = _stats_form(request, user)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = reports.export_rows(_report(user, form).rows, text=fmt == "csv")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(reports.EXPORT_HEADER)
        writer.writerows(rows)
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Statistik")
        sheet.append(reports.EXPORT_HEADER)
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        workbook.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="statistik-vor-ort.{fmt}"'
    return response
