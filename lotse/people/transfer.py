"""Import and export of persons: CSV with documented columns and the screening-input JSON.

Parsing is separate from saving: `parse_csv` and `parse_screening_json` return rows and a list
of errors per line in German; the caller imports only when there is no error at all, inside one
transaction (all or nothing). Columns: docs/import-format.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from lotse.contracts.screening_input import FORMAT, persons_of, validate_person
from lotse.people.countries import is_country
from lotse.people.models import Person, Sex, StatusType
from lotse.people.services import STRUCTURED_FACTS, PersonData

CSV_COLUMNS = (
    "familienname",
    "vornamen",
    "geburtsdatum",
    "geschlecht",
    "staatsangehoerigkeiten",
    "sprachen",
    "dolmetschbedarf",
    "telefon",
    "email",
    "strasse",
    "plz",
    "ort",
    "azr_nummer",
    "aktenzeichen",
    "aufenthaltsstatus",
    "status_rechtsgrundlage",
    "status_seit",
    "einreisedatum",
)
REQUIRED_COLUMNS = ("familienname",)
_SEX = {"w": Sex.FEMALE, "m": Sex.MALE, "d": Sex.DIVERSE, "u": Sex.UNKNOWN, "": Sex.UNKNOWN}
_YES = {"ja": True, "j": True, "1": True, "nein": False, "n": False, "0": False, "": False}
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_AZR = re.compile(r"^\d{12}$")
_PLZ = re.compile(r"^\d{5}$")


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


@dataclass
class ParseResult:
    rows: list[PersonData] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    updates: dict[int, int] = field(default_factory=dict)  # row index → existing person id

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def parse_birth(text: str) -> tuple[int | None, int | None, int | None]:
    """TT.MM.JJJJ, MM.JJJJ or JJJJ (partial dates of birth are common)."""
    text = text.strip()
    if not text:
        return None, None, None
    parts = text.split(".")
    if not all(p.isdigit() for p in parts) or len(parts) > 3 or len(parts[-1]) != 4:
        raise ValueError(_("Geburtsdatum bitte als TT.MM.JJJJ, MM.JJJJ oder JJJJ angeben."))
    numbers = [int(p) for p in parts]
    year = numbers[-1]
    month = numbers[-2] if len(numbers) >= 2 else None
    day = numbers[0] if len(numbers) == 3 else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(_("Der Monat muss zwischen 1 und 12 liegen."))
    if day is not None:
        try:
            dt.date(year, month or 1, day)
        except ValueError as exc:
            raise ValueError(_("Dieses Datum gibt es nicht.")) from exc
    return year, month, day


def parse_date(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text.strip(), "%d.%m.%Y").date()
    except ValueError as exc:
        raise ValueError(_("Datum bitte als TT.MM.JJJJ angeben.")) from exc


def is_language(code: str) -> bool:
    return bool(LANGUAGE_CODE.match(code))


def _codes(text: str, valid: Callable[[str], bool], upper: bool) -> list[str]:
    values = [v.strip() for v in text.split(";") if v.strip()]
    values = [v.upper() if upper else v.lower() for v in values]
    bad = [v for v in values if not valid(v)]
    if bad:
        raise ValueError(_("Ungültige Codes: %(codes)s") % {"codes": ", ".join(bad)})
    return values


def _row(record: dict[str, str]) -> tuple[PersonData, list[tuple[str, str]]]:
    """One CSV record to PersonData; problems as (column, message)."""
    problems: list[tuple[str, str]] = []

    def take(column: str, convert: Any, default: Any) -> Any:
        try:
            return convert(record.get(column, "") or "")
        except ValueError as exc:
            problems.append((column, str(exc)))
            return default

    family_name = record.get("familienname", "").strip()
    if not family_name:
        problems.append(("familienname", _("Der Familienname fehlt.")))
    year, month, day = take("geburtsdatum", parse_birth, (None, None, None))
    sex_text = (record.get("geschlecht") or "").strip().lower()
    if sex_text not in _SEX:
        problems.append(("geschlecht", _("Bitte w, m, d oder u angeben.")))
    interpreter_text = (record.get("dolmetschbedarf") or "").strip().lower()
    if interpreter_text not in _YES:
        problems.append(("dolmetschbedarf", _("Bitte ja oder nein angeben.")))
    data = PersonData(
        family_name=family_name[:120],
        given_names=(record.get("vornamen") or "").strip()[:160],
        birth_year=year,
        birth_month=month,
        birth_day=day,
        sex=_SEX.get(sex_text, Sex.UNKNOWN),
        nationalities=take("staatsangehoerigkeiten", lambda t: _codes(t, is_country, True), []),
        languages=take("sprachen", lambda t: _codes(t, is_language, False), []),
        interpreter_needed=_YES.get(interpreter_text, False),
        phone=(record.get("telefon") or "").strip()[:40],
        email=(record.get("email") or "").strip(),
        street=(record.get("strasse") or "").strip()[:160],
        postcode=(record.get("plz") or "").strip(),
        city=(record.get("ort") or "").strip()[:100],
        azr_number=(record.get("azr_nummer") or "").strip(),
        reference=(record.get("aktenzeichen") or "").strip()[:40],
    )
    if data.azr_number and not _AZR.match(data.azr_number):
        problems.append(("azr_nummer", _("Die AZR-Nummer hat 12 Ziffern.")))
    if data.postcode and not _PLZ.match(data.postcode):
        problems.append(("plz", _("Die Postleitzahl hat 5 Ziffern.")))
    if data.email and ("@" not in data.email or " " in data.email or len(data.email) > 254):
        problems.append(("email", _("Die E-Mail-Adresse ist ungültig.")))
    _status(record, data, problems, take)
    return data, problems


def _status(
    record: dict[str, str], data: PersonData, problems: list[tuple[str, str]], take: Any
) -> None:
    status = (record.get("aufenthaltsstatus") or "").strip().upper()
    since_text = (record.get("status_seit") or "").strip()
    if status and status not in StatusType.values:
        problems.append(
            (
                "aufenthaltsstatus",
                _("Unbekannter Status; erlaubt: %(values)s")
                % {"values": ", ".join(StatusType.values)},
            )
        )
    elif status and not since_text:
        problems.append(("status_seit", _("Zum Aufenthaltsstatus fehlt das Datum „seit“.")))
    elif status:
        since = take("status_seit", parse_date, None)
        if since:
            data.status_periods = [
                {
                    "type": status,
                    "from": since,
                    "to": None,
                    "legal_basis": (record.get("status_rechtsgrundlage") or "").strip(),
                }
            ]
    entry = (record.get("einreisedatum") or "").strip()
    if entry:
        entry_date = take("einreisedatum", parse_date, None)
        if entry_date:
            data.facts = {"entry_date": entry_date.isoformat()}


class _Semicolon(csv.excel):
    delimiter = ";"


def parse_csv(raw: bytes, *, max_errors: int = 500) -> ParseResult:
    """Parse a CSV file (UTF-8 or UTF-8 with BOM, `;` or `,` separated)."""
    result = ParseResult()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(
            RowError(
                0, "", _("Die Datei ist nicht UTF-8-kodiert. Bitte als „CSV UTF-8“ speichern.")
            )
        )
        return result
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,")
    except csv.Error:
        dialect = _Semicolon
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in reader.fieldnames or []]
    reader.fieldnames = header
    unknown = [h for h in header if h not in CSV_COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if unknown or missing:
        if unknown:
            result.errors.append(
                RowError(
                    1,
                    ", ".join(unknown),
                    _("Unbekannte Spalte(n). Erlaubt sind: %(cols)s")
                    % {"cols": ", ".join(CSV_COLUMNS)},
                )
            )
        if missing:
            result.errors.append(RowError(1, ", ".join(missing), _("Pflichtspalte fehlt.")))
        return result
    for record in reader:
        line = reader.line_num
        if None in record:
            result.errors.append(
                RowError(line, "", _("Die Zeile hat mehr Felder als die Kopfzeile."))
            )
            continue
        data, problems = _row(record)
        result.errors += [RowError(line, column, message) for column, message in problems]
        result.rows.append(data)
        if len(result.errors) >= max_errors:
            break
    if not result.rows and not result.errors:
        result.errors.append(RowError(0, "", _("Die Datei enthält keine Personen.")))
    return result


# --- screening-input JSON -------------------------------------------------------------------


def export_id(person: Person) -> str:
    return person.reference or f"lotse-{person.pk}"


def person_to_screening_input(
    person: Person, guardian_of: list[str] | None = None
) -> dict[str, Any]:
    """One person in the screening-input format. Unknown facts are left out, never guessed."""
    periods = [
        (p.type, p.legal_basis, p.valid_from, p.valid_to) for p in person.status_periods.all()
    ]
    return screening_input_from_parts(
        export_id=export_id(person),
        date_of_birth=person.date_of_birth,
        nationalities=person.nationalities,
        periods=periods,
        facts=person.facts,
        guardian_of=guardian_of,
    )


Period = tuple[str, str, dt.date, dt.date | None]  # type, legal basis, from, to


def screening_input_from_parts(
    *,
    export_id: str,
    date_of_birth: dt.date | None,
    nationalities: list[str] | None,
    periods: list[Period],
    facts: dict[str, Any] | None,
    guardian_of: list[str] | None = None,
) -> dict[str, Any]:
    """The screening-input document from plain values: the nightly job builds documents in
    worker processes from columns, without model instances."""
    document: dict[str, Any] = {"id": export_id}
    if date_of_birth:
        document["date_of_birth"] = date_of_birth.isoformat()
    if nationalities:
        document["nationalities"] = list(nationalities)
    if periods:
        document["status_periods"] = [
            {
                "type": kind,
                **({"legal_basis": basis} if basis else {}),
                "from": start.isoformat(),
                "to": end.isoformat() if end else None,
            }
            for kind, basis, start, end in periods
        ]
    document.update(facts or {})
    if guardian_of:
        document["guardian_of"] = guardian_of
    return document


def screening_document(documents: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": FORMAT, "persons": documents}


def parse_screening_json(raw: bytes, *, existing: dict[str, int]) -> ParseResult:
    """Persons of a screening-input file. `existing` maps export ids of the organisation's
    persons to their primary keys: a known id updates that person, an unknown id creates one."""
    result = ParseResult()
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        result.errors.append(
            RowError(0, "", _("Die Datei ist kein gültiges JSON: %(error)s") % {"error": exc})
        )
        return result
    persons, format_errors = persons_of(document)
    result.errors += [RowError(0, e.path, e.message) for e in format_errors]
    for index, person in enumerate(persons, start=1):
        errors = validate_person(person, as_of=dt.date.today())
        result.errors += [RowError(index, e.path, e.message) for e in errors]
        if errors or not isinstance(person, dict):
            continue
        if person["id"] in existing:
            result.updates[len(result.rows)] = existing[person["id"]]
        result.rows.append(_person_from_document(person))
    if not persons and not result.errors:
        result.errors.append(RowError(0, "", _("Die Datei enthält keine Personen.")))
    return result


def _person_from_document(document: dict[str, Any]) -> PersonData:
    born = document.get("date_of_birth")
    birth = dt.date.fromisoformat(born) if born else None
    return PersonData(
        # The format carries no names: a new person is recorded under its reference.
        # Stored data, not UI text: the same in every interface language.
        family_name=f"Unbenannt ({document['id']})"[:120],
        reference=document["id"][:40],
        birth_year=birth.year if birth else None,
        birth_month=birth.month if birth else None,
        birth_day=birth.day if birth else None,
        nationalities=list(document.get("nationalities", [])),
        status_periods=[
            {
                "type": p["type"],
                "legal_basis": p.get("legal_basis", ""),
                "from": dt.date.fromisoformat(p["from"]),
                "to": dt.date.fromisoformat(p["to"]) if p.get("to") else None,
            }
            for p in document.get("status_periods", [])
        ],
        facts={k: v for k, v in document.items() if k not in STRUCTURED_FACTS | {"guardian_of"}},
    )
