"""`lotse screen-pending`: screen the persons queued by large imports (run every few minutes)."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lotse.core import tenancy
from lotse.pathways.services import screen_pending


class Command(BaseCommand):
    help = "Prüft die Bleibeperspektiven der Personen, die ein großer Import vorgemerkt hat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--processes",
            type=int,
            default=os.cpu_count() or 1,
            help="Prozesse für die Prüfung (Standard: alle Kerne)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # A documented system job: the queue holds persons of every Kommune.
        with tenancy.system_context():
            done = screen_pending(processes=options["processes"])
        self.stdout.write(f"{done} vorgemerkte Personen geprüft.")
