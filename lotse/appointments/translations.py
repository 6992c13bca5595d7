"""Translations of Anliegen and location notes into the portal languages.

German lives in the model fields; `translations` holds per language code only the keys a
translator filled in, e.g. {"ar": {"name": "...", "documents": "line\\nline"}}. A missing or
empty key falls back to German in the portal (`Service.localized`, `Location.localized_note`),
so a half-translated Anliegen is still usable. The JSON key is the name of the German field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.appointments.languages import TRANSLATION_LANGUAGES, staff_name
from lotse.appointments.models import Location, Service

# Limit for translations of German fields that have none (TextField): generous for plain
# language, but a JSON value should not grow without bound.
TEXT_LIMIT = 5000


@dataclass(frozen=True)
class TranslatableField:
    key: str
    multiline: bool = False
    one_item_per_line: bool = False


TRANSLATABLE: dict[type[models.Model], tuple[TranslatableField, ...]] = {
    Service: (
        TranslatableField("name"),
        TranslatableField("description", multiline=True),
        TranslatableField("documents", multiline=True, one_item_per_line=True),
        TranslatableField("fee_note"),
    ),
    Location: (TranslatableField("note", multiline=True),),
}


def translatable_fields(model: type[models.Model]) -> tuple[TranslatableField, ...]:
    return TRANSLATABLE[model]


def max_length(model: type[models.Model], key: str) -> int:
    """The same limit as the German field (TEXT_LIMIT where the German field has none)."""
    field = model._meta.get_field(key)
    return getattr(field, "max_length", None) or TEXT_LIMIT


def normalise(field: TranslatableField, text: str) -> str:
    """Trimmed text; a Mitbringliste keeps one item per line and no empty lines."""
    if field.one_item_per_line:
        return "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return text.strip()


class State(StrEnum):
    COMPLETE = "complete"
    PARTIAL = "partial"
    MISSING = "missing"


@dataclass(frozen=True)
class LanguageStatus:
    code: str
    state: State

    @property
    def label(self) -> str:
        return self.code.upper()

    @property
    def name(self) -> str:
        return staff_name(self.code)


@dataclass(frozen=True)
class TranslationStatus:
    """Per portal language: are all German texts of the object translated?"""

    languages: tuple[LanguageStatus, ...]
    has_text: bool  # False when every translatable German field is empty

    def _in(self, state: State) -> list[LanguageStatus]:
        return [language for language in self.languages if language.state == state]

    @property
    def complete(self) -> list[LanguageStatus]:
        return self._in(State.COMPLETE)

    @property
    def partial(self) -> list[LanguageStatus]:
        return self._in(State.PARTIAL)

    @property
    def missing(self) -> list[LanguageStatus]:
        return self._in(State.MISSING)

    @property
    def groups(self) -> list[tuple[str, list[LanguageStatus]]]:
        """For the lists: "Übersetzt: EN, AR · Unvollständig: UK · Fehlt: TR, FA, RU"."""
        labelled = [
            (str(_("Übersetzt")), self.complete),
            (str(_("Unvollständig")), self.partial),
            (str(_("Fehlt")), self.missing),
        ]
        return [(label, group) for label, group in labelled if group]

    def state(self, code: str) -> State:
        return next(language.state for language in self.languages if language.code == code)


def _state(needed: Sequence[str], given: Mapping[str, Any]) -> State:
    filled = [key for key in needed if str(given.get(key) or "").strip()]
    if len(filled) == len(needed):
        return State.COMPLETE
    return State.PARTIAL if filled else State.MISSING


def translation_status(obj: Service | Location) -> TranslationStatus:
    """Only keys with German text count: a translation of an empty field is never missing."""
    needed = [
        field.key
        for field in translatable_fields(type(obj))
        if str(getattr(obj, field.key) or "").strip()
    ]
    stored = obj.translations if isinstance(obj.translations, dict) else {}
    languages = []
    for code in TRANSLATION_LANGUAGES:
        given = stored.get(code)
        languages.append(
            LanguageStatus(code, _state(needed, given if isinstance(given, dict) else {}))
        )
    return TranslationStatus(languages=tuple(languages), has_text=bool(needed))


def merged(
    current: Any, edited: Mapping[str, Mapping[str, str]], keys: Sequence[str]
) -> dict[str, Any]:
    """The new `translations` value: the edited keys of the edited languages are replaced
    (empty means removed, so the portal falls back to German); everything else is kept, also
    keys of an edited language that `edited` does not name."""
    result: dict[str, Any] = dict(current) if isinstance(current, dict) else {}
    for code, values in edited.items():
        entry = dict(result[code]) if isinstance(result.get(code), dict) else {}
        for key in keys:
            if key not in values:
                continue
            text = values[key]
            if text:
                entry[key] = text
            else:
                entry.pop(key, None)
        if entry:
            result[code] = entry
        else:
            result.pop(code, None)
    return result
