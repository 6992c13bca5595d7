"""`lotse audit verify`: check the hash chain of the event log."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.core import events, tenancy


class Command(BaseCommand):
    help = "Prüft die Hash-Kette des Ereignisprotokolls (audit verify)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        # The audit job reads every Kommune's events: a documented system context.
        with tenancy.system_context():
            problems = events.verify()
        if problems:
            for problem in problems[:50]:
                self.stderr.write(f"event {problem.event_id}: {problem.problem}")
            raise CommandError(f"Ereignisprotokoll verändert: {len(problems)} Bruchstelle(n).")
        self.stdout.write("Ereignisprotokoll unverändert.")
