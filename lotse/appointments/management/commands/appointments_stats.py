"""`lotse appointments-stats`: fill the anonymised on-site statistics (run nightly and, if
wanted, every hour): marks missed appointments of past days, recomputes the last days per
location and samples today's earliest free appointment per Anliegen."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lotse.appointments import onsite_stats
from lotse.core import tenancy


class Command(BaseCommand):
    help = "Füllt die anonymen Statistiktabellen vor Ort (Wartezeit, Bedienzeit, Vorlaufzeit)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=2, help="Tage rückwirkend neu berechnen")

    def handle(self, *args: Any, **options: Any) -> None:
        # A documented system job: it reads visits and bookings of every Kommune.
        with tenancy.system_context():
            result = onsite_stats.stats_run(days=max(options["days"], 1))
        self.stdout.write(" ".join(f"{key}={value}" for key, value in result.items()))
