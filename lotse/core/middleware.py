"""Request middleware: second-factor enforcement and the row-level-security tenant context."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from lotse.core import tenancy
from lotse.core.models import User
from lotse.core.twofactor import needs_second_factor

# Pages a logged-in user who still owes the second factor may open.
_OPEN_PREFIXES = (
    "/anmelden/",
    "/abmelden/",
    "/static/",
    "/i18n/",
    "/barrierefreiheit/",
    "/leichte-sprache/",
    "/api/",
)


class SecondFactorMiddleware:
    """A password alone opens nothing but the second-factor pages (django-otp verifies)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and needs_second_factor(user)
            and not user.is_verified()  # type: ignore[attr-defined]  # set by OTPMiddleware
        ):
            return redirect(f"{reverse('core:second_factor')}")
        return self.get_response(request)


class TenantContextMiddleware:
    """Sets the PostgreSQL session setting that the row-level-security policies read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if isinstance(user, User):
            tenancy.set_kommune(user.kommune_id)
        # Anonymous requests (the booking portal) start from the cleared context every request
        # ends with; the portal sets the Kommune of the location itself where it needs one.
        try:
            return self.get_response(request)
        finally:
            # Connections are reused: never leave one tenant's context for the next request.
            tenancy.clear()


class StaffLanguageMiddleware:
    """Staff pages speak German or English only; the other portal languages (Arabic, Farsi,
    Ukrainian, ...) apply under the multilingual public paths. Without this, a browser asking for
    Arabic would get German staff pages laid out right-to-left."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        multilingual = request.path.startswith(tuple(settings.LOTSE_MULTILINGUAL_PATHS))
        if not multilingual and translation.get_language() not in settings.STAFF_LANGUAGES:
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
