"""The `lotse` console command.

Pure sub-commands (`screen`, `rules`, `simulate`) run without Django so they work on files
anywhere; every other sub-command is a Django management command (`lotse demo-data`,
`lotse audit verify`, `lotse screen-all`, ...).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

PureCommand = Callable[[Sequence[str]], int]


def _pure_commands() -> dict[str, Callable[[], PureCommand]]:
    # Imported lazily: `lotse simulate` must not pay for importing the rule engine and back.
    def screen() -> PureCommand:
        from lotse.pathways.engine.cli import screen_main

        return screen_main

    def rules() -> PureCommand:
        from lotse.pathways.engine.cli import rules_main

        return rules_main

    def simulate() -> PureCommand:
        from lotse.appointments.simulation.cli import simulate_main

        return simulate_main

    return {"screen": screen, "rules": rules, "simulate": simulate}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    pure = _pure_commands()
    if args and args[0] in pure:
        return pure[args[0]]()(args[1:])
    if not args or args[0] in {"-h", "--help", "help"}:
        print(
            "Lotse – KIM platform\n\n"
            "Commands without database:\n"
            "  lotse screen --as-of YYYY-MM-DD FILE.json [--format json|table]\n"
            "  lotse rules list\n"
            "  lotse simulate SCENARIO.json\n\n"
            "Commands with database (Django management commands), e.g.:\n"
            "  lotse demo-data --persons N --seed S\n"
            "  lotse audit verify\n"
            "  lotse screen-all\n"
            "  lotse migrate | runserver | ...\n"
        )
        return 0
    # Django command modules cannot contain dashes: `lotse demo-data` runs `demo_data`.
    args[0] = args[0].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lotse", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
