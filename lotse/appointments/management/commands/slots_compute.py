"""`lotse slots-compute`: precompute bookable slots for the coming weeks (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lotse.appointments import config, services
from lotse.appointments.models import Location
from lotse.core import tenancy


class Command(BaseCommand):
    help = "Berechnet die buchbaren Zeiten aller Standorte für die nächsten Wochen (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--weeks", type=int, default=config.slot_weeks())
        parser.add_argument("--location", type=int, help="nur dieser Standort (ID)")

    def handle(self, *args: Any, **options: Any) -> None:
        # A documented system job: waiting-list offers read and write bookings of every Kommune.
        with tenancy.system_context():
            locations = Location.objects.filter(is_active=True)
            if options["location"]:
                locations = locations.filter(pk=options["location"])
            for location in locations:
                result = services.slots_compute(location=location, weeks=options["weeks"])
                offered = services.waitlist_offer(location=location)
                self.stdout.write(
                    f"{location.pk} {location.name}: created={result.created} "
                    f"updated={result.updated} deleted={result.deleted} offered={offered}"
                )
