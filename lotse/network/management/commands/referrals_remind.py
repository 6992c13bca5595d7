"""`lotse referrals-remind`: the daily job that reminds both sides of unanswered referrals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lotse.core import tenancy
from lotse.network.services import referrals_remind, reminder_days


class Command(BaseCommand):
    help = (
        "Erinnert an Überleitungen ohne Antwort (Aufgabe für die sendende Fachkraft, Hinweis im "
        "Eingang der empfangenden Stelle). Abstand: LOTSE_REFERRAL_REMINDER_DAYS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--on",
            type=dt.date.fromisoformat,
            default=None,
            help="Stichtag JJJJ-MM-TT (Standard: heute)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # A documented system job: it reads referrals of every Kommune.
        with tenancy.system_context():
            count = referrals_remind(on=options["on"])
        self.stdout.write(f"referrals reminded={count} interval_days={reminder_days()}")
