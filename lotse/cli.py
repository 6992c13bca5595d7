"""The `lotse` console command.

Every sub-command is a Django management command (`lotse demo-data`, `lotse audit verify`,
`lotse migrate`, ...). Commands that need no database (the screening and the simulation) will
be added here as pure sub-commands that skip Django's start-up.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

HELP = """Lotse – Plattform für das Kommunale Integrationsmanagement

Befehle (Django-Verwaltungsbefehle), zum Beispiel:
  lotse demo-data --persons N --seed S   Demo-Kommunen laden (nur einmal)
  lotse audit verify                     Hash-Kette des Ereignisprotokolls prüfen
  lotse migrate                          Datenbank einrichten oder aktualisieren
  lotse help                             alle Befehle
"""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(HELP)
        return 0
    if args[0] in {"screen", "rules"}:  # pure sub-commands: no Django start-up
        return int(__import__("lotse.pathways.engine.cli", fromlist=["main"]).main(args))
    # Django command modules cannot contain dashes: `lotse demo-data` runs `demo_data`.
    args[0] = args[0].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lotse", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
