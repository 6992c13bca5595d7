"""One person's Bleibeperspektiven panel: evaluation + explanation (target ≤ 20 ms).

Loads a small demo Kommune into a temporary SQLite database, then for N persons of the ABH
times (a) the panel's work – `services.evaluate` + `present_output` – and, as the baseline in
the same run, (b) the engine alone on the already built screening-input document, and (c) the
whole person page through Django's test client (queries, templates, the panel).

    .venv/bin/python bench/bench_screening_panel.py [--scale 0.1]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time

import _common as common


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    common.add_scale_argument(parser)
    args = parser.parse_args()
    scale = common.scale_of(args.scale)
    samples = common.scaled(300, scale, minimum=20)
    var_dir = tempfile.mkdtemp(prefix="lotse-bench-panel-")
    common.setup_django(var_dir=var_dir)

    from django.core.management import call_command
    from django.test import Client

    from lotse.core.models import User
    from lotse.pathways import engine, services
    from lotse.pathways.presentation import present_output
    from lotse.people.models import Person
    from lotse.people.selectors import screening_inputs_of

    call_command("migrate", verbosity=0)
    call_command(
        "demo_data",
        "--persons",
        "500",
        "--seed",
        "1",
        "--today",
        common.BENCH_TODAY.isoformat(),
        stdout=io.StringIO(),
    )
    lotsin = User.objects.get(username="musterland.lotsin")
    persons = list(
        Person.objects.filter(organisation=lotsin.organisation)
        .prefetch_related("status_periods")
        .order_by("id")[:samples]
    )
    today = services.today()

    report = common.Report("screening_panel", scale=scale, persons=len(persons))
    panel, engine_only, page = [], [], []
    documents = screening_inputs_of(persons)
    for person, document in zip(persons, documents, strict=True):
        started = time.perf_counter()
        present_output(services.evaluate([person], today)[0])
        panel.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        engine.screen_person(document, today)
        engine_only.append((time.perf_counter() - started) * 1000)
    client = Client()
    client.force_login(lotsin)
    for person in persons:
        started = time.perf_counter()
        response = client.get(f"/personen/{person.pk}/")
        page.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    for name, values in (
        ("panel_evaluate_present", panel),
        ("engine_only", engine_only),
        ("person_page", page),
    ):
        report.figure(
            "screening_panel", path=name, samples=len(values), **common.percentiles(values)
        )
    report.write()


if __name__ == "__main__":
    main()
