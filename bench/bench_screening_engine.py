"""Screening engine throughput: `screen_person` over N synthetic persons in one process.

What it does
  Generates N persons with lotse.demo.generator.Generator (seed 1, Kommune "Kreis Musterland",
  reference day BENCH_TODAY), converts each to a screening-input person object (validated once,
  outside the timing), then times `screen_person(document, as_of)` for all of them in this
  process. Generation and validation are not timed; parsing, all 16 pathways and building the
  output dicts are.
Prints: `screening_engine persons=N wall_s=… persons_per_s=… persons_per_cpu_s=…` (one
process, full output with criteria), `screening_applicable …` (one process, `screen_applicable`:
what the nightly job `lotse screen-all` stores – the figure issue 3 depends on) and
`screening_engine_2proc …` (screen_batch with 2 worker processes reducing their outputs in
the worker), outcome counts as a note. CPU seconds (`time.process_time()`) are the figure to
compare on a shared machine; each timed loop runs `--repeat` times and the best run counts.
Target: ≥ 10,000 persons/s end to end on 2 cores for the nightly job, i.e. ≲ 100–120 µs of
engine CPU per person in `screen_applicable` (`target_us_per_person`).
Scale: --scale / LOTSE_BENCH_SCALE multiplies --persons (default 20,000).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import gc
import tempfile
import time
from typing import Any

import _common as common

FULL_PERSONS = 20_000


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def screening_input(data: Any, index: int) -> dict[str, Any]:
    """PersonData (demo generator) → screening-input person object."""
    document: dict[str, Any] = {"id": f"B{index:07d}"}
    if data.birth_year and data.birth_month and data.birth_day:
        document["date_of_birth"] = dt.date(
            data.birth_year, data.birth_month, data.birth_day
        ).isoformat()
    if data.nationalities:
        document["nationalities"] = list(data.nationalities)
    document.update(data.facts or {})
    document["status_periods"] = [
        {key: _iso(value) for key, value in period.items() if value is not None or key == "to"}
        for period in data.status_periods or []
    ]
    return document


def outcome_counts(outputs: list[dict[str, Any]]) -> collections.Counter[str]:
    """Reducer run inside the worker processes."""
    return collections.Counter(r["outcome"] for o in outputs for r in o["results"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    common.add_scale_argument(parser)
    parser.add_argument("--persons", type=int, default=None)
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed runs per figure, the best counts (default 3)"
    )
    args = parser.parse_args()
    scale = common.scale_of(args.scale)
    count = args.persons or common.scaled(FULL_PERSONS, scale)
    with tempfile.TemporaryDirectory() as var_dir:
        common.setup_django(var_dir=var_dir)  # the demo generator imports Django models
        from lotse.contracts.screening_input import validate_person
        from lotse.demo.generator import Generator
        from lotse.pathways.engine import (
            RULE_BASE_VERSION,
            screen_applicable,
            screen_batch,
            screen_person,
        )

        as_of = common.BENCH_TODAY
        generator = Generator(seed=1, kommune="Kreis Musterland", today=as_of)
        documents = [
            screening_input(data, i) for i, (data, _parent) in enumerate(generator.persons(count))
        ]
        invalid = sum(1 for doc in documents if validate_person(doc, as_of=as_of))
        report = common.Report(
            "screening_engine",
            scale=scale,
            persons=count,
            rule_base=RULE_BASE_VERSION,
            as_of=as_of.isoformat(),
        )
        outcomes: collections.Counter[str] = collections.Counter()
        gc.collect()
        gc.freeze()  # the generated inputs are long-lived: keep them out of GC passes
        best_wall = best_cpu = float("inf")
        for _run in range(max(1, args.repeat)):
            outcomes = collections.Counter()
            started, cpu_started = time.perf_counter(), time.process_time()
            for document in documents:
                output = screen_person(document, as_of)
                for result in output["results"]:
                    outcomes[result["outcome"]] += 1
            best_wall = min(best_wall, time.perf_counter() - started)
            best_cpu = min(best_cpu, time.process_time() - cpu_started)
        # CPU seconds as well: on a shared machine the wall figure depends on other load.
        report.figure(
            "screening_engine",
            persons=count,
            wall_s=round(best_wall, 3),
            persons_per_s=round(count / best_wall, 1),
            cpu_s=round(best_cpu, 3),
            persons_per_cpu_s=round(count / best_cpu, 1),
        )
        # The nightly job's engine call: only the applicable results, without criteria.
        best_wall = best_cpu = float("inf")
        stored = 0
        for _run in range(max(1, args.repeat)):
            started, cpu_started = time.perf_counter(), time.process_time()
            stored = sum(len(screen_applicable(document, as_of)) for document in documents)
            best_wall = min(best_wall, time.perf_counter() - started)
            best_cpu = min(best_cpu, time.process_time() - cpu_started)
        report.figure(
            "screening_applicable",
            persons=count,
            wall_s=round(best_wall, 3),
            persons_per_s=round(count / best_wall, 1),
            cpu_s=round(best_cpu, 3),
            persons_per_cpu_s=round(count / best_cpu, 1),
            us_per_person=round(best_cpu / count * 1e6, 1),
            stored_results=stored,
            target_us_per_person=120,
        )
        # The nightly-job path: screen_batch with 2 worker processes (fork); each worker reduces
        # its chunk's outputs to outcome counts (a real job would store them there).
        started = time.perf_counter()
        counts = screen_batch(documents, as_of, processes=2, chunksize=1000, reduce=outcome_counts)
        wall2 = time.perf_counter() - started
        assert sum(sum(c.values()) for c in counts) == 16 * count
        report.figure(
            "screening_engine_2proc",
            persons=count,
            wall_s=round(wall2, 3),
            persons_per_s=round(count / wall2, 1),
        )
        report.note(f"invalid inputs (validated outside the timing): {invalid}")
        report.note("outcomes: " + ", ".join(f"{k}={v}" for k, v in sorted(outcomes.items())))
        report.details["outcomes"] = dict(outcomes)
        report.write()


if __name__ == "__main__":
    main()
