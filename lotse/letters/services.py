"""Render letters to PDF with WeasyPrint: one letter, or many letters as one document.

Templates extend `letters/base.html` (DIN 5008 Form B) and get `head` (a LetterHead) and the
caller's context. They are rendered in the letter's language; Arabic and Farsi run right to
left (`direction`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

STYLESHEET = "letters/din5008.css"
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb"})


@dataclass(frozen=True)
class LetterHead:
    """What DIN 5008 puts around the text: sender, address field, information block, subject."""

    sender_name: str
    sender_lines: list[str]
    return_line: str
    recipient_lines: list[str]
    info: list[tuple[str, str]]
    subject: str
    language: str = "de"


@dataclass(frozen=True)
class Letter:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    language: str = "de"


def direction(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def render_letter_html(template: str, context: dict[str, Any], language: str = "de") -> str:
    full = {"language": language, "direction": direction(language), **context}
    with translation.override(language):
        return render_to_string(template, full)


def _stylesheets() -> list[Any]:
    from weasyprint import CSS

    path = finders.find(STYLESHEET)
    return [CSS(filename=str(path))] if path else []


def render_letter_pdf(template: str, context: dict[str, Any], language: str = "de") -> bytes:
    """One letter as PDF bytes."""
    from weasyprint import HTML

    html = render_letter_html(template, context, language)
    return bytes(HTML(string=html).write_pdf(stylesheets=_stylesheets()))


def render_letters_pdf(letters: Sequence[Letter]) -> bytes:
    """Many letters as one PDF for printing; each letter starts on a new sheet."""
    from weasyprint import HTML

    if not letters:
        raise ValueError("no letters")
    sheets = _stylesheets()
    documents = [
        HTML(string=render_letter_html(letter.template, letter.context, letter.language)).render(
            stylesheets=sheets
        )
        for letter in letters
    ]
    pages = [page for document in documents for page in document.pages]
    return bytes(documents[0].copy(pages).write_pdf())
