"""Golden output of the screening engine: performance work must not change a single byte.

Screens generated persons (several seeds, plus deterministic perturbations that drop facts and
flip yes/no answers so the "unknown" branches run too) and the spec's worked examples at
several evaluation dates, through `screen_person(criteria=True)`, `screen_applicable` and
`screen_document`, and compares a SHA-256 of the JSON text (key order included) with
`engine_golden.json`, which was produced by the engine before its optimisation. (The
`applicable` digests were regenerated once, on 2026-12-07, when `screen_applicable` stopped
emitting an empty `criteria` key; re-adding that key reproduced every old digest.)

Regenerate ONLY for an intended change of the engine's output:
    .venv/bin/python -m tests.pathways.test_engine_golden --write
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURE = Path(__file__).with_name("engine_golden.json")
SEEDS = (1, 2, 3)
PERSONS = 400  # per seed; each also screened in a perturbed variant
GENERATED_ON = dt.date(2026, 1, 15)
DATES = tuple(
    dt.date.fromisoformat(day)
    for day in (
        "2019-06-01",
        "2023-06-01",
        "2024-02-28",
        "2024-06-27",
        "2025-10-30",
        "2025-12-31",
        "2026-01-15",
        "2026-06-12",
        "2026-11-21",
        "2027-07-01",
    )
)


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _digest(values: Iterator[Any]) -> str:
    sha = hashlib.sha256()
    for value in values:
        sha.update(_canonical(value).encode())
        sha.update(b"\n")
    return sha.hexdigest()


def _perturb(document: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Drop some facts (top level and one level down) and flip some booleans."""
    doc = copy.deepcopy(document)
    for key in sorted(doc):
        if key == "id":
            continue
        value = doc[key]
        if rng.random() < 0.12:
            del doc[key]
        elif isinstance(value, bool) and rng.random() < 0.3:
            doc[key] = not value
        elif isinstance(value, dict):
            for inner in sorted(value):
                if rng.random() < 0.15:
                    del value[inner]
                elif isinstance(value[inner], bool) and rng.random() < 0.3:
                    value[inner] = not value[inner]
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    for inner in sorted(item):
                        if isinstance(item[inner], bool) and rng.random() < 0.2:
                            item[inner] = not item[inner]
                        elif (
                            inner
                            in (
                                "to",
                                "hours_per_week",
                                "intentional",
                                "sanction",
                                "tagessaetze",
                                "regular_attendance",
                            )
                            and rng.random() < 0.1
                        ):
                            del item[inner]
    return doc


def generated(seed: int) -> list[dict[str, Any]]:
    """Valid screening-input persons of the demo generator and their perturbed variants."""
    bench = str(Path(__file__).resolve().parents[2] / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    from bench_screening_engine import screening_input

    from lotse.contracts.screening_input import validate_person
    from lotse.demo.generator import Generator

    generator = Generator(seed=seed, kommune="Kreis Musterland", today=GENERATED_ON)
    base = [screening_input(data, i) for i, (data, _p) in enumerate(generator.persons(PERSONS))]
    rng = random.Random(seed)
    variants = [_perturb(doc, rng) for doc in base]
    return [doc for doc in base + variants if not validate_person(doc, as_of=GENERATED_ON)]


def examples() -> list[dict[str, Any]]:
    from tests.pathways import test_engine_examples as ex

    return [build() for _pid, build, _expected in ex.EXPECTED]


def digests_of(documents: list[dict[str, Any]], day: dt.date) -> dict[str, str]:
    from lotse.pathways.engine import screen_applicable, screen_person

    return {
        "person": _digest(screen_person(doc, day, criteria=True) for doc in documents),
        "applicable": _digest(screen_applicable(doc, day) for doc in documents),
    }


def _document(wrapped: dict[str, Any], day: dt.date) -> Any:
    """screen_document's output, or its validation errors (dates after `day` are invalid)."""
    from lotse.pathways.engine import ScreeningInputError, screen_document

    try:
        return screen_document(wrapped, day)
    except ScreeningInputError as error:
        return [str(e) for e in error.errors]


def compute() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for seed in SEEDS:
        documents = generated(seed)
        for day in DATES:
            found[f"seed{seed}@{day}"] = digests_of(documents, day)
    cases = examples()
    wrapped = {"format": "lotse.screening-input/1", "persons": cases}
    for day in DATES:
        found[f"examples@{day}"] = {
            **digests_of(cases, day),
            "document": _digest(iter([_document(wrapped, day)])),
        }
    return found


@pytest.fixture(scope="module")
def expected() -> dict[str, dict[str, str]]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_persons_unchanged(expected, seed):
    documents = generated(seed)
    for day in DATES:
        assert digests_of(documents, day) == expected[f"seed{seed}@{day}"], (seed, day)


def test_examples_unchanged(expected):
    cases = examples()
    wrapped = {"format": "lotse.screening-input/1", "persons": cases}
    for day in DATES:
        found = {**digests_of(cases, day), "document": _digest(iter([_document(wrapped, day)]))}
        assert found == expected[f"examples@{day}"], day


if __name__ == "__main__":  # pragma: no cover - regeneration helper
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    django.setup()
    if "--write" not in sys.argv:
        sys.exit("use --write to regenerate the golden digests")
    FIXTURE.write_text(json.dumps(compute(), indent=1, sort_keys=True) + "\n", encoding="utf-8")


def test_bulk_skips_only_pathways_that_cannot_apply():
    """screen_applicable skips a pathway when its cheap test says it cannot apply: the full
    evaluation must then say NOT_APPLICABLE too (and the test must really skip some)."""
    from lotse.pathways.engine import screen_person, screening
    from lotse.pathways.engine.facts import Facts
    from lotse.pathways.engine.law import versions_on
    from lotse.pathways.engine.model import parse_person

    skipped = 0
    for day in DATES:
        versions = versions_on(day)
        for doc in generated(SEEDS[0]) + examples():
            outcomes = {r["pathway"]: r["outcome"] for r in screen_person(doc, day)["results"]}
            facts = Facts(parse_person(doc), day)
            for pathway, cannot_apply in screening._CANNOT_APPLY.items():
                if cannot_apply(facts, versions[pathway]):
                    skipped += 1
                    assert outcomes[pathway] == "NOT_APPLICABLE", (doc["id"], day, pathway)
    assert skipped > 100
