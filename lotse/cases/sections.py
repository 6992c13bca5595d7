"""Sections other apps add to the case overview page (like `people.views.register_person_section`).

A section is a callable (request, case) → (template name, context) or None; the network app adds
referrals, transfers and obstacles this way without the cases app importing it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

CaseSection = Callable[[HttpRequest, Any], tuple[str, dict[str, Any]] | None]
CASE_SECTIONS: list[CaseSection] = []


def register_case_section(section: CaseSection) -> None:
    if section not in CASE_SECTIONS:
        CASE_SECTIONS.append(section)


def case_sections(request: HttpRequest, case: Any) -> list[tuple[str, dict[str, Any]]]:
    return [s for s in (section(request, case) for section in CASE_SECTIONS) if s]
