"""`lotse screen-all`: the nightly job that re-screens every person and stores the results."""

from __future__ import annotations

import datetime as dt
import os
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lotse.core import events, tenancy
from lotse.pathways.services import screen_all


class Command(BaseCommand):
    help = "Prüft die Bleibeperspektiven aller Personen neu und speichert die Ergebnisse."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            default=None,
            help="Stichtag JJJJ-MM-TT (Standard: heute)",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=os.cpu_count() or 1,
            help="Prozesse für die Prüfung (Standard: alle Kerne)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        # A documented system job: it reads every Kommune's persons.
        with tenancy.system_context():
            totals = screen_all(as_of=options["as_of"], processes=options["processes"])
            events.record(
                activity="screening.all_refreshed",
                data={"persons": totals.persons, "changed": totals.changed},
            )
        seconds = time.perf_counter() - started
        rate = totals.persons / seconds if seconds else 0
        self.stdout.write(
            f"{totals.persons} Personen geprüft in {seconds:.1f} s ({rate:.0f} Personen/s); "
            f"{totals.results} Ergebnisse gespeichert; bei {totals.changed} Personen haben "
            "sich Ergebnisse geändert."
        )
