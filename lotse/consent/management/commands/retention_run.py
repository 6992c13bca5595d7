"""`lotse retention-run [--dry-run] [--as-of JJJJ-MM-TT]`: the nightly retention job."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from lotse.consent.retention import retention_run
from lotse.core import tenancy


class Command(BaseCommand):
    help = (
        "Anonymisiert oder löscht Daten, deren Aufbewahrungsfrist abgelaufen ist, und "
        "protokolliert je Organisation und Datenart die Anzahl."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="nur zählen, nichts ändern und nichts protokollieren",
        )
        parser.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            default=None,
            help="Stichtag JJJJ-MM-TT (Standard: heute)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["as_of"] or timezone.localdate()
        dry_run = options["dry_run"]
        # A documented system job: it works through every Kommune's organisations.
        with tenancy.system_context():
            lines = retention_run(today=today, dry_run=dry_run)
        prefix = "[Probelauf] " if dry_run else ""
        for line in lines:
            done = ", ".join(f"{k}={v}" for k, v in sorted(line.done.items())) or "-"
            self.stdout.write(
                f"{prefix}{line.organisation} (#{line.organisation_id}) {line.record_type}: "
                f"fällig={line.due} regel={line.action}/{line.months} Monate erledigt: {done}"
            )
        if not lines:
            self.stdout.write(f"{prefix}Nichts fällig am {today.isoformat()}.")
