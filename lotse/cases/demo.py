"""Demo data of this app, loaded by `lotse demo-data` once per demo Kommune."""

from __future__ import annotations

import datetime as dt

from lotse.core.models import Kommune, Organisation


def load(
    *, kommune: Kommune, organisations: dict[str, Organisation], seed: int, today: dt.date
) -> None:
    """Called inside the demo loader's system context and transaction, after the Kommune's
    organisations, accounts and persons exist (organisations by slug, see demo.services)."""
