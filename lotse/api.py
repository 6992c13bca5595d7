"""The REST API under /api/v1/ (django-ninja; OpenAPI at /api/v1/openapi.json).

Token auth with personal API tokens; the same policy and services as the web UI; every error is
an RFC 9457 problem document, never a 500 for bad input.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from lotse.appointments.api import router as appointments_router
from lotse.cases.api import router as cases_router
from lotse.consent.api import router as consent_router
from lotse.core import tenancy
from lotse.core.services import api_token_user
from lotse.network.api import router as network_router
from lotse.pathways.api import router as screening_router
from lotse.people.api import router as people_router


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is None:
            return None
        request.user = user
        tenancy.set_kommune(user.kommune_id)
        return user


api = NinjaAPI(
    title="Lotse API",
    version="1",
    description="Personenregister und weitere Fachdaten des Kommunalen Integrationsmanagements.",
    auth=TokenAuth(),
    urls_namespace="api",
)
api.add_router("/persons", people_router)
api.add_router("/screening", screening_router)
api.add_router("/consents", consent_router)
api.add_router("/cases", cases_router)
api.add_router("/referrals", network_router)
api.add_router("/appointments", appointments_router)


def problem(
    request: HttpRequest,
    status: int,
    title: str,
    detail: str = "",
    errors: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = "application/problem+json"
    return response


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [
        {"field": ".".join(str(p) for p in e.get("loc", [])[1:]), "message": e.get("msg", "")}
        for e in exc.errors
    ]
    return problem(request, 422, "Ungültige Eingabe", errors=errors)


@api.exception_handler(DjangoValidationError)
def _invalid_domain(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [{"field": f, "message": m} for f, msgs in exc.message_dict.items() for m in msgs]
    else:
        errors = [{"field": "", "message": m} for m in exc.messages]
    return problem(request, 422, "Ungültige Eingabe", errors=errors)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(request, 404, "Nicht gefunden")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem(request, 403, "Keine Berechtigung")


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem(
        request, 401, "Nicht angemeldet", "Bitte einen gültigen API-Token als Bearer senden."
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem(request, exc.status_code, str(exc))
