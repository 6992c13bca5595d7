"""`lotse appointments-expire`: release unconfirmed bookings and lapsed waiting-list offers
(run every few minutes by the scheduler); also removes personal data of bookings past the
retention period and prunes old rate-limit rows."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lotse.appointments import services, throttle
from lotse.core import tenancy


class Command(BaseCommand):
    help = "Gibt nicht bestätigte Termine und verfallene Angebote der Warteliste wieder frei."

    def handle(self, *args: Any, **options: Any) -> None:
        # A documented system job: it releases bookings of every Kommune.
        with tenancy.system_context():
            expired = services.bookings_expire()
            anonymised = services.bookings_anonymise()
            pruned = throttle.throttle_prune()
        self.stdout.write(
            f"expired={expired} anonymised={anonymised} throttle_rows_pruned={pruned}"
        )
