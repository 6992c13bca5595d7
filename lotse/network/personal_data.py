"""PURE: a plain check that a text meant for the structure level names no person.

Obstacles go to coordinators and the Lenkungsgruppe without any personal data. We cannot
detect every personal detail, but we refuse the obvious: the names and the date of birth of the
case's person, e-mail addresses and telephone numbers. No Django import.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MIN_NAME_LENGTH = 3  # shorter parts ("Li", "Al") would refuse ordinary words
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?<!\d)(?:\+|0)\d[\d /-]{6,}\d(?!\d)")


@dataclass(frozen=True)
class Finding:
    kind: str  # "name", "birth_date", "email", "phone"
    text: str


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", text)}


def _birth_date_forms(born: dt.date) -> set[str]:
    d, m, y = born.day, born.month, born.year
    return {
        f"{d:02d}.{m:02d}.{y}",
        f"{d}.{m}.{y}",
        f"{d:02d}.{m:02d}.{y % 100:02d}",
        f"{y}-{m:02d}-{d:02d}",
        f"{d:02d}/{m:02d}/{y}",
    }


def findings(text: str, *, names: list[str], born: dt.date | None = None) -> list[Finding]:
    """What in `text` looks like personal data of the person with these names/birth date."""
    found: list[Finding] = []
    words = _words(text)
    for name in names:
        for part in re.findall(r"\w+", name):
            if len(part) >= MIN_NAME_LENGTH and part.casefold() in words:
                found.append(Finding("name", part))
    if born is not None:
        for form in sorted(_birth_date_forms(born)):
            if form in text:
                found.append(Finding("birth_date", form))
                break
    found += [Finding("email", m.group(0)) for m in EMAIL.finditer(text)]
    found += [Finding("phone", m.group(0)) for m in PHONE.finditer(text)]
    return found
