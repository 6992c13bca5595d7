"""Pure residence-law screening: no Django imports anywhere below this package.

Public interface: `screen_person`, `screen_document`, `rules`, `missing_steps`,
`RULE_BASE_VERSION`, `RuleInfo`, `ScreeningInputError`; `screen_batch` and
`screen_applicable` for the nightly job.
"""

from lotse.pathways.engine.rules import RULE_BASE_VERSION, RuleInfo, rules
from lotse.pathways.engine.screening import (
    ScreeningInputError,
    screen_applicable,
    screen_batch,
    screen_document,
    screen_person,
)
from lotse.pathways.engine.steps import missing_steps

__all__ = [
    "RULE_BASE_VERSION",
    "RuleInfo",
    "ScreeningInputError",
    "missing_steps",
    "rules",
    "screen_applicable",
    "screen_batch",
    "screen_document",
    "screen_person",
]
