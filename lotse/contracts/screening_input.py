"""Validation of the screening-input format, version 1 (../shared/contracts/screening-input.md).

The schema is data: each field names its kind. Validation collects every problem with the path
of the field ("status_periods[2].from") and a German message, so a person correcting a file sees
all errors at once. A missing field is unknown, never false: nothing is filled in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

FORMAT = "lotse.screening-input/1"

Spec = Any  # a kind name, ("enum", values), ("list", spec), ("object", {field: spec})

STATUS_TYPES = (
    "GESTATTUNG",
    "DULDUNG_60A",
    "DULDUNG_60B",
    "DULDUNG_60C",
    "DULDUNG_60D",
    "AE",
    "NE",
    "FIKTION",
    "VISUM",
    "NONE",
)
# The pathway ids of ../shared/contracts/screening-output.md.
PATHWAY_IDS = (
    "AUFENTHG_25A",
    "AUFENTHG_25A_PARENTS",
    "AUFENTHG_25B",
    "AUFENTHG_25B_60D",
    "AUFENTHG_104C",
    "AUFENTHG_60C",
    "AUFENTHG_16G",
    "AUFENTHG_60D",
    "AUFENTHG_19D",
    "AUFENTHG_19D_1A",
    "AUFENTHG_9",
    "AUFENTHG_26_3",
    "AUFENTHG_26_3_C1",
    "AUFENTHG_26_4",
    "STAG_10",
    "STAG_10_3",
)

PERIOD = {"from": "past_date", "to": "date_or_null"}


def _obj(fields: dict[str, Spec]) -> tuple[str, dict[str, Spec]]:
    return ("object", fields)


def _enum(*values: str) -> tuple[str, tuple[str, ...]]:
    return ("enum", values)


def _list(spec: Spec) -> tuple[str, Spec]:
    return ("list", spec)


FIELDS: dict[str, Spec] = {
    "id": "string",
    "date_of_birth": "past_date",
    "nationalities": _list("country"),
    "entry_date": "past_date",
    "absences": _list(_obj({**PERIOD, "agreed_with_abh": "bool"})),
    "status_periods": _list(
        _obj(
            {
                "type": _enum(*STATUS_TYPES),
                "legal_basis": "string",
                "from": "date",
                "to": "date_or_null",
            }
        )
    ),
    "duldung_claim_without_paper": "bool",
    "asylum": _obj(
        {
            "application_date": "past_date",
            "final_date": "past_date",
            "outcome": _enum("PENDING", "REJECTED", "REJECTED_OU", "WITHDRAWN", "RECOGNISED"),
            "rejected_ou_30_3": "bool",
        }
    ),
    "protection": _obj(
        {
            "status": _enum(
                "ASYLBERECHTIGT",
                "FLUECHTLING",
                "SUBSIDIAER",
                "ABSCHIEBUNGSVERBOT",
                "RESETTLEMENT",
                "TEMPORARY_24",
            ),
            "granted_date": "past_date",
            "bamf_revocation_notice": "bool",
        }
    ),
    "identity": _obj(
        {
            "clarified": "bool",
            "clarified_date": "past_date",
            "method": _enum("PASSPORT", "OTHER_DOCUMENTS", "STUFENMODELL"),
            "all_reasonable_steps_taken": "bool",
        }
    ),
    "passport": _obj({"held": "bool", "valid_until": "date", "procurement_unreasonable": "bool"}),
    "conduct": _obj(
        {
            "own_deception": "bool",
            "own_deception_current": "bool",
            "non_cooperation_current": "bool",
            "extremism": "bool",
            "expulsion_order": "bool",
            "removal_measures": _list(_obj({"type": "string", "date": "past_date"})),
        }
    ),
    "employment_ban_60a6": "bool",
    "convictions": _list(
        _obj(
            {
                "final_date": "past_date",
                "foreigner_specific": "bool",
                "intentional": "bool",
                "sanction": _enum("GELDSTRAFE", "FREIHEITSSTRAFE", "JUGENDSTRAFE", "JGG_MASSNAHME"),
                "tagessaetze": "count",
                "months": "count",
                "suspended": "bool",
                "remitted": "bool",
                "hate_motive": "bool",
                "abroad": "bool",
            }
        )
    ),
    "pending_criminal_investigation": "bool",
    "german": _list(
        _obj(
            {
                "cefr": _enum("A1", "A2", "B1", "B2", "C1", "C2"),
                "scope": _enum("ORAL", "WRITTEN", "OVERALL"),
                "date": "past_date",
            }
        )
    ),
    "civics": _obj(
        {
            "lid_test_passed": "past_date_or_null",
            "einbuergerungstest_passed": "past_date_or_null",
            "integration_course_completed": "past_date_or_null",
        }
    ),
    "declarations": _obj({"fdgo_signed": "bool", "stag_declarations": "bool"}),
    "school_periods": _list(_obj({**PERIOD, "regular_attendance": "bool"})),
    "degrees": _list(
        _obj(
            {
                "type": _enum("SCHULABSCHLUSS", "BERUFSABSCHLUSS", "HOCHSCHULE", "PFLEGEHILFE"),
                "country": "country",
                "date": "past_date",
                "recognised": "bool",
            }
        )
    ),
    "training": _obj(
        {
            "kind": _enum("QUALIFIED", "ASSISTANT"),
            "occupation": "string",
            "engpass": "bool",
            "contract_date": "date",
            "start": "date",
            "planned_end": "date",
            "completed_date": "past_date",
            "passed": "bool",
            "follow_up_commitment": "bool",
        }
    ),
    "employment_periods": _list(
        _obj(
            {
                "from": "date",
                "to": "date_or_null",
                "hours_per_week": "number",
                "social_insurance": "bool",
                "qualified": "bool",
                "matches_qualification": "bool",
            }
        )
    ),
    "livelihood": _obj(
        {
            "secured": "bool",
            "own_share_percent": "percent",
            "household_share_percent": "percent",
            "bafoeg_benchmark_met": "bool",
            "benefits": _list(
                _obj(
                    {
                        "type": _enum(
                            "SGB_II",
                            "SGB_XII",
                            "ASYLBLG",
                            "WOHNGELD",
                            "KINDERGELD",
                            "BAB",
                            "BAFOEG",
                            "UVG",
                        ),
                        "from": "date",
                        "to": "date_or_null",
                    }
                )
            ),
        }
    ),
    "pension_contribution_months": "count",
    "household": _obj(
        {
            "partner_in_household": "bool",
            "minor_children": _list(
                _obj(
                    {
                        "date_of_birth": "past_date",
                        "in_household": "bool",
                        "school_attendance_proven": "bool",
                    }
                )
            ),
        }
    ),
    "housing_sufficient": "bool",
    "ba_consent": "bool",
    "applications": _list(
        _obj(
            {
                "pathway": _enum(*PATHWAY_IDS),
                "filed_date": "past_date",
                "decided_date": "past_date",
                "outcome": _enum("PENDING", "GRANTED", "REFUSED", "WITHDRAWN"),
            }
        )
    ),
    "guardian_of": _list("string"),
}

_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class FieldError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class _Validator:
    def __init__(self, as_of: dt.date | None) -> None:
        self.as_of = as_of
        self.errors: list[FieldError] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))

    def check(self, path: str, spec: Spec, value: Any) -> None:
        if isinstance(spec, tuple):
            kind, inner = spec
            if kind == "enum":
                self._enum(path, inner, value)
            elif kind == "list":
                self._list(path, inner, value)
            else:
                self._object(path, inner, value)
        else:
            getattr(self, f"_{spec}")(path, value)

    def _object(self, path: str, fields: dict[str, Spec], value: Any) -> None:
        if not isinstance(value, dict):
            self.fail(path, "muss ein Objekt sein")
            return
        for key, item in value.items():
            child = f"{path}.{key}" if path else key
            if key not in fields:
                self.fail(child, "unbekanntes Feld")
            else:
                self.check(child, fields[key], item)

    def _list(self, path: str, spec: Spec, value: Any) -> None:
        if not isinstance(value, list):
            self.fail(path, "muss eine Liste sein")
            return
        for index, item in enumerate(value):
            self.check(f"{path}[{index}]", spec, item)

    def _enum(self, path: str, values: tuple[str, ...], value: Any) -> None:
        if value not in values:
            self.fail(path, f"unbekannter Wert {value!r}; erlaubt: {', '.join(values)}")

    def _string(self, path: str, value: Any) -> None:
        if not isinstance(value, str):
            self.fail(path, "muss ein Text sein")

    def _bool(self, path: str, value: Any) -> None:
        if not isinstance(value, bool):
            self.fail(path, "muss true oder false sein")

    def _count(self, path: str, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(path, "muss eine ganze Zahl ab 0 sein")

    def _number(self, path: str, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            self.fail(path, "muss eine Zahl ab 0 sein")

    def _percent(self, path: str, value: Any) -> None:
        self._number(path, value)
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 100:
            self.fail(path, "muss zwischen 0 und 100 liegen")

    def _country(self, path: str, value: Any) -> None:
        if not isinstance(value, str) or not _COUNTRY.match(value):
            self.fail(path, "muss ein Ländercode aus zwei Großbuchstaben sein (ISO 3166-1)")

    def _date(self, path: str, value: Any) -> dt.date | None:
        if not isinstance(value, str):
            self.fail(path, "muss ein Datum JJJJ-MM-TT sein")
            return None
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else _raise()
        except ValueError:
            self.fail(path, f"{value!r} ist kein gültiges Datum (JJJJ-MM-TT)")
            return None

    def _past_date(self, path: str, value: Any) -> None:
        date = self._date(path, value)
        if date and self.as_of and date > self.as_of:
            self.fail(path, f"liegt nach dem Stichtag {self.as_of.isoformat()}")

    def _date_or_null(self, path: str, value: Any) -> None:
        if value is not None:
            self._date(path, value)

    def _past_date_or_null(self, path: str, value: Any) -> None:
        if value is not None:
            self._past_date(path, value)


def _raise() -> dt.date:
    raise ValueError


def _check_periods(validator: _Validator, document: dict[str, Any]) -> None:
    """A period must not end before it starts."""
    for field in ("absences", "status_periods", "school_periods", "employment_periods"):
        periods = document.get(field)
        if not isinstance(periods, list):
            continue
        for index, period in enumerate(periods):
            if not isinstance(period, dict):
                continue
            start, end = period.get("from"), period.get("to")
            if not (isinstance(start, str) and isinstance(end, str)):
                continue
            if len(start) == len(end) == 10 and end < start:
                validator.fail(f"{field}[{index}].to", "liegt vor dem Beginn des Zeitraums")


def validate_person(
    document: Any, *, as_of: dt.date | None = None, require_id: bool = True
) -> list[FieldError]:
    """All problems of one person object; an empty list means valid."""
    validator = _Validator(as_of)
    validator.check("", _obj(FIELDS), document)
    if isinstance(document, dict):
        if require_id and not isinstance(document.get("id"), str):
            validator.fail("id", "fehlt oder ist kein Text")
        _check_periods(validator, document)
    return validator.errors


def persons_of(document: Any) -> tuple[list[Any], list[FieldError]]:
    """The person objects of a file: a single person or the wrapped list."""
    if isinstance(document, dict) and "persons" in document:
        unknown = set(document) - {"format", "persons"}
        errors = [FieldError(key, "unbekanntes Feld") for key in sorted(unknown)]
        if document.get("format") != FORMAT:
            errors.append(FieldError("format", f"muss {FORMAT!r} sein"))
        if not isinstance(document["persons"], list):
            errors.append(FieldError("persons", "muss eine Liste sein"))
            return [], errors
        return list(document["persons"]), errors
    return [document], []


def validate_document(document: Any, *, as_of: dt.date | None = None) -> list[FieldError]:
    persons, errors = persons_of(document)
    for index, person in enumerate(persons):
        prefix = f"persons[{index}]" if len(persons) > 1 or "persons" in (document or {}) else ""
        for error in validate_person(person, as_of=as_of):
            path = f"{prefix}.{error.path}" if prefix else error.path
            errors.append(FieldError(path, error.message))
    return errors
