"""API endpoints of the screening (mounted at /api/v1/screening)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Body, Router

from lotse.core import policy
from lotse.pathways import engine, services
from lotse.people import selectors as people_selectors

router = Router(tags=["Bleibeperspektiven"])


@router.post("", summary="Ein Dokument im Format screening-input prüfen (nichts wird gespeichert)")
def screen(
    request: HttpRequest,
    document: dict[str, Any] = Body(...),  # type: ignore[type-arg]
    as_of: dt.date | None = None,
) -> Any:
    policy.staff_user(request)
    try:
        return engine.screen_document(document, as_of or services.today())
    except ValueError as exc:
        # The engine names every invalid field (FieldError: path, message).
        errors = getattr(exc, "errors", None) or [str(exc)]
        raise ValidationError(
            {getattr(e, "path", ""): [getattr(e, "message", str(e))] for e in errors}
        ) from exc


@router.get("/persons/{person_id}", summary="Ergebnisse einer Person aus dem Register")
def person_results(request: HttpRequest, person_id: int, as_of: dt.date | None = None) -> Any:
    """The person's registry facts evaluated for `as_of` (default today), in the full output
    format. The stored rows behind the worklist are a slim copy of the same evaluation."""
    user = policy.staff_user(request)
    person = people_selectors.person_for_user(user=user, pk=person_id, purpose="api")
    as_of = as_of or services.today()
    output = services.evaluate([person], as_of)[0]
    return {
        "format": "lotse.screening-output/1",
        "as_of": as_of.isoformat(),
        "rule_base": engine.RULE_BASE_VERSION,
        "persons": [output],
    }
