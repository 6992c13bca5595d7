"""Whether a printable text exists in a language.

settings.LANGUAGES lists every language Lotse speaks somewhere (the booking portal speaks seven),
but a form is only translated into some of them. A form names one of its own strings as a
marker: when the catalogue of a language translates the marker, the form exists in it.
"""

from __future__ import annotations

from django.utils import translation


def translated_into(code: str, marker: str) -> bool:
    if code == "de":  # German is the source language
        return True
    with translation.override(code):
        return translation.gettext(marker) != marker
