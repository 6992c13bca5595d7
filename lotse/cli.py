"""The `lotse` console command.

`lotse screen` and `lotse rules` run the pure screening engine and `lotse simulate` the pure
front-office simulation on files without Django; every
other sub-command is a Django management command (`lotse demo-data`, `lotse audit verify`,
`lotse screen-all`, `lotse migrate`, ...).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

HELP = """Lotse – Plattform für das Kommunale Integrationsmanagement

Ohne Datenbank:
  lotse screen --as-of JJJJ-MM-TT DATEI.json [--format json|table]
  lotse rules list                       alle Regeln mit Norm, Fassung und Quelle
  lotse simulate SZENARIO.json [--replications N] [--seed S] [--format json|table]
                                         Frontoffice simulieren (Personalplanung)

Mit Datenbank (Django-Verwaltungsbefehle), zum Beispiel:
  lotse demo-data --persons N --seed S   Demo-Kommunen laden (nur einmal)
  lotse audit verify                     Hash-Kette des Ereignisprotokolls prüfen
  lotse screen-all                       alle Personen neu prüfen (nächtlich)
  lotse retention-run [--dry-run]        Aufbewahrungsfristen anwenden (nächtlich)
  lotse migrate                          Datenbank einrichten oder aktualisieren
  lotse help                             alle Befehle
"""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(HELP)
        return 0
    if args[0] in {"screen", "rules"}:
        # Pure sub-commands work on files and skip Django's start-up entirely.
        from lotse.pathways.engine.cli import main as engine_main

        return engine_main(args)
    if args[0] == "simulate":
        from lotse.appointments.simulation.cli import main as simulate_main

        return simulate_main(args)
    # Django command modules cannot contain dashes: `lotse demo-data` runs `demo_data`.
    args[0] = args[0].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lotse", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
