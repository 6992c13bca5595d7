"""`lotse demo-data --persons N --seed S`: load the synthetic demo Kommunen once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lotse.core.models import Role
from lotse.demo import services


class Command(BaseCommand):
    help = "Lädt die Demo-Kommunen „Kreis Musterland“ und „Stadt Beispielstadt“ (nur einmal)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=2000, help="Personen je Kommune")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="Stichtag der Lebensläufe (JJJJ-MM-TT), Standard: heute",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if services.demo_loaded():
            self.stdout.write("Demo-Daten sind schon geladen.")
        else:
            today = options["today"] or dt.date.today()
            services.load(persons_per_kommune=options["persons"], seed=options["seed"], today=today)
            self.stdout.write(f"Demo-Daten geladen: {options['persons']} Personen je Kommune.")
        self.stdout.write(login_table())


def login_table() -> str:
    lines = [f"Demo-Anmeldungen (Passwort für alle: {services.DEMO_PASSWORD}):"]
    for kommune, prefix in services.PREFIX.items():
        lines.append(f"  {kommune}:")
        for suffix, role, _slug, _f, _l in services.ACCOUNTS:
            note = (
                "  (richtet beim ersten Anmelden den zweiten Faktor ein)"
                if (prefix == "musterland" and suffix == "leitung")
                else ""
            )
            lines.append(f"    {prefix + '.' + suffix:<26} {Role(role).label}{note}")
    lines.append("  Land NRW:\n    land                      Land")
    return "\n".join(lines)
