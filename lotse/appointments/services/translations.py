"""Staff changes of the translations of an Anliegen or a location note (portal languages)."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from lotse.appointments import cache as portal_cache
from lotse.appointments import translations as tr
from lotse.appointments.models import Location, Service
from lotse.core import events, policy
from lotse.core.models import User

Edited = Mapping[str, Mapping[str, str]]


def _save(obj: Service | Location, edited: Edited, by: User) -> Service | Location:
    """Merge the edited texts (only the fields the user changed) into the row read under
    lock, so a concurrent save of other languages or keys is not overwritten, then validate,
    save and log in one transaction."""
    policy.require(by, "change", obj)
    model = type(obj)
    keys = [field.key for field in tr.translatable_fields(model)]
    with transaction.atomic():
        fresh = model._default_manager.select_for_update().get(pk=obj.pk)
        fresh.translations = tr.merged(fresh.translations, edited, keys)
        fresh.full_clean()
        fresh.save(update_fields=["translations", "updated_at"])
        status = tr.translation_status(fresh)
        events.record(
            activity=f"appointment.{model._meta.model_name}_translated",
            actor=by,
            subject=fresh,
            # Language codes only; the texts are in the row (catalogue data, no personal data).
            data={
                "complete": [language.code for language in status.complete],
                "partial": [language.code for language in status.partial],
            },
        )
    obj.translations = fresh.translations
    return fresh


def _forget_portal_pages(location_ids: list[int]) -> None:
    """The portal caches the location row and the times pages for a few seconds; drop them so
    the new texts show at once in this process (others follow within cache.SECONDS)."""
    for location_id in location_ids:
        portal_cache.forget_location(location_id)


def service_translations_save(*, service: Service, translations: Edited, by: User) -> Service:
    """Set the translations of an Anliegen; an empty text falls back to German in the portal."""
    saved = _save(service, translations, by)
    _forget_portal_pages(list(service.locations.values_list("pk", flat=True)))
    assert isinstance(saved, Service)
    return saved


def location_translations_save(*, location: Location, translations: Edited, by: User) -> Location:
    """Set the translations of a location's visitor note (German where left empty)."""
    saved = _save(location, translations, by)
    _forget_portal_pages([location.pk])
    assert isinstance(saved, Location)
    return saved
