"""API endpoints of the person registry (mounted at /api/v1/persons)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from lotse.core import policy
from lotse.people import selectors, services, transfer
from lotse.people.countries import is_country
from lotse.people.models import Person

router = Router(tags=["Personen"])


class StatusPeriodOut(Schema):
    type: str
    legal_basis: str
    valid_from: dt.date
    valid_to: dt.date | None


class PersonOut(Schema):
    id: int
    family_name: str
    given_names: str
    birth_year: int | None
    birth_month: int | None
    birth_day: int | None
    sex: str
    nationalities: list[str]
    languages: list[str]
    interpreter_needed: bool
    phone: str
    email: str
    street: str
    postcode: str
    city: str
    azr_number: str
    reference: str
    status_periods: list[StatusPeriodOut] = []
    facts: dict[str, Any]

    @staticmethod
    def resolve_status_periods(obj: Person) -> list[Any]:
        return list(obj.status_periods.all())


class PersonListItem(Schema):
    id: int
    family_name: str
    given_names: str
    birth_year: int | None
    nationalities: list[str]
    reference: str


class PersonPage(Schema):
    items: list[PersonListItem]
    next_cursor: int | None


class SearchIn(Schema):
    q: str = Field("", max_length=200, description="Name(n) und/oder Geburtsdatum")
    after: int | None = None


class PersonIn(Schema):
    family_name: str = Field(..., min_length=1, max_length=120)
    given_names: str = Field("", max_length=160)
    birth_year: int | None = Field(None, ge=1900, le=2100)
    birth_month: int | None = Field(None, ge=1, le=12)
    birth_day: int | None = Field(None, ge=1, le=31)
    sex: Literal["F", "M", "D", "U"] = "U"
    nationalities: list[str] = Field([], max_length=10)
    languages: list[str] = Field([], max_length=20)
    interpreter_needed: bool = False
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    street: str = Field("", max_length=160)
    postcode: str = Field("", pattern=r"^(\d{5})?$")
    city: str = Field("", max_length=100)
    azr_number: str = Field("", pattern=r"^(\d{12})?$")
    reference: str = Field("", max_length=40)
    facts: dict[str, Any] = {}

    def to_data(self) -> services.PersonData:
        bad = [c for c in self.nationalities if not is_country(c)]
        if bad:
            raise HttpError(422, f"Ungültige Ländercodes: {', '.join(bad)}")
        return services.PersonData(**self.model_dump())


class ImportOut(Schema):
    created: int
    updated: int


class ImportProblem(Schema):
    title: str
    status: int
    errors: list[dict[str, Any]]


def _page_size() -> int:
    return int(settings.LOTSE_PAGE_SIZE)


@router.get("", response=PersonPage, summary="Personen der eigenen Organisation (seitenweise)")
def list_persons(request: HttpRequest, after: int | None = None) -> Any:
    policy.require_may(policy.staff_user(request), "view", Person)
    return selectors.person_page(user=policy.staff_user(request), after=after, size=_page_size())


@router.post(
    "/search", response=PersonPage, summary="Personen suchen (Suchbegriff im Body, nie in der URL)"
)
def search_persons(request: HttpRequest, body: SearchIn) -> Any:
    policy.require_may(policy.staff_user(request), "view", Person)
    return selectors.person_page(
        user=policy.staff_user(request), text=body.q, after=body.after, size=_page_size()
    )


@router.get("/export", summary="Alle Personen im Format screening-input")
def export_persons(request: HttpRequest) -> Any:
    policy.require_may(policy.staff_user(request), "import", Person)
    return transfer.screening_document(
        selectors.screening_inputs_for(user=policy.staff_user(request))
    )


@router.post(
    "/import",
    response={200: ImportOut, 422: ImportProblem},
    summary="Personen importieren (CSV oder screening-input JSON, alles oder nichts)",
)
def import_persons(
    request: HttpRequest, kind: Form[Literal["csv", "json"]], file: File[UploadedFile]
) -> Any:
    policy.require_may(policy.staff_user(request), "import", Person)
    if file.size and file.size > settings.LOTSE_IMPORT_MAX_BYTES:
        raise HttpError(413, "Die Datei ist zu groß.")
    raw = file.read()
    if kind == "json":
        result = transfer.parse_screening_json(
            raw, existing=selectors.export_ids_for(user=policy.staff_user(request))
        )
    else:
        result = transfer.parse_csv(raw)
    if not result.ok:
        errors = [{"line": e.line, "field": e.column, "message": e.message} for e in result.errors]
        return Status(
            422,
            {
                "title": "Die Datei enthält Fehler; nichts wurde importiert.",
                "status": 422,
                "errors": errors,
            },
        )
    created, updated = services.persons_import(
        by=policy.staff_user(request),
        rows=result.rows,
        updates=result.updates,
        source=kind,
    )
    return {"created": created, "updated": updated}


@router.get("/{person_id}", response=PersonOut, summary="Eine Person lesen")
def read_person(request: HttpRequest, person_id: int) -> Any:
    return selectors.person_for_user(user=policy.staff_user(request), pk=person_id, purpose="api")


@router.get("/{person_id}/screening-input", summary="Eine Person im Format screening-input")
def person_screening_input(request: HttpRequest, person_id: int) -> Any:
    person = selectors.person_for_user(
        user=policy.staff_user(request), pk=person_id, purpose="export"
    )
    return selectors.screening_input_of(person)


@router.post("", response={201: PersonOut}, summary="Person anlegen")
def create_person(request: HttpRequest, body: PersonIn) -> Any:
    return Status(201, services.person_create(by=policy.staff_user(request), data=body.to_data()))


@router.put("/{person_id}", response=PersonOut, summary="Person ändern (alle Stammdaten)")
def update_person(request: HttpRequest, person_id: int, body: PersonIn) -> Any:
    person = selectors.person_for_user(
        user=policy.staff_user(request), pk=person_id, action="change", purpose="api"
    )
    return services.person_update(by=policy.staff_user(request), person=person, data=body.to_data())
