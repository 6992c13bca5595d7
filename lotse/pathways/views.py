"""Views of the Bleibeperspektiven area: person panel, what-if, worklist, forecast, hand-over."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse.core import policy
from lotse.pathways import selectors, services
from lotse.pathways.engine.law import PATHWAY_NORMS
from lotse.pathways.forms import HandoverForm, WhatIfForm, WorklistForm
from lotse.pathways.models import OpenStep, PerspectiveCase
from lotse.pathways.presentation import present_output, rule_texts
from lotse.people import selectors as people_selectors
from lotse.people.models import Person


def navigation(user: Any) -> list[tuple[Any, str]]:
    """The lotsin's areas in the main menu (nobody else sees them)."""
    if not selectors.may_use_worklist(user):
        return []
    return [
        (gettext_lazy("Arbeitsliste"), reverse("pathways:worklist")),
        (gettext_lazy("Übergaben"), reverse("pathways:handovers")),
        (gettext_lazy("Prognose"), reverse("pathways:forecast")),
    ]


def person_section(request: HttpRequest, person: Person) -> tuple[str, dict[str, Any]] | None:
    """The Bleibeperspektiven panel on the person page (evaluated live, nothing stored)."""
    output = services.evaluate([person], services.today())[0]
    user = policy.staff_user(request)
    results = present_output(output)
    return "pathways/panel.html", {
        "person": person,
        "results": [r for r in results if r["outcome"] != "NOT_APPLICABLE"],
        "not_applicable": [r for r in results if r["outcome"] == "NOT_APPLICABLE"],
        "as_of": services.today(),
        "case": selectors.open_case_for(person.pk),
        "may_hand_over": services.may_hand_over(user, person),
        "handover_form": HandoverForm(),
    }


@login_required
def what_if(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    person = people_selectors.person_for_user(user=user, pk=pk, purpose="what_if")
    document = people_selectors.screening_input_of(person)
    form = WhatIfForm(request.POST or None, initial={"as_of": services.today()})
    before = after = None
    if request.method == "POST" and form.is_valid():
        as_of = form.cleaned_data["as_of"]
        before = present_output(services.what_if(document=document, as_of=as_of))
        after = present_output(services.what_if(document=form.apply(document), as_of=as_of))
    return render(
        request,
        "pathways/what_if.html",
        {
            "person": person,
            "form": form,
            "comparison": _compare(before, after),
        },
    )


def _compare(
    before: list[dict[str, Any]] | None, after: list[dict[str, Any]] | None
) -> list[dict[str, Any]]:
    if before is None or after is None:
        return []
    by_pathway = {r["pathway"]: r for r in before}
    return [
        {
            "before": by_pathway[r["pathway"]],
            "after": r,
            "changed": by_pathway[r["pathway"]]["outcome"] != r["outcome"]
            or by_pathway[r["pathway"]].get("earliest_date") != r.get("earliest_date"),
        }
        for r in after
    ]


@login_required
@require_POST
def handover(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    person = people_selectors.person_for_user(user=user, pk=pk, purpose="handover")
    form = HandoverForm(request.POST)
    if form.is_valid():
        try:
            services.handover(by=user, person=person, note=form.cleaned_data["note"])
        except IntegrityError:
            messages.error(
                request, _("Für diese Person gibt es schon einen offenen Perspektivfall.")
            )
        else:
            messages.success(request, _("Die Person ist an die Integrationslotsin übergeben."))
    else:
        messages.error(
            request, _("Die Notiz ist zu lang (höchstens 2000 Zeichen). Es wurde nichts übergeben.")
        )
    return redirect("people:detail", pk=person.pk)


@login_required
def handovers(request: HttpRequest) -> HttpResponse:
    user = policy.staff_user(request)
    cases = selectors.handovers_for_lotsin(user=user)
    return render(request, "pathways/handovers.html", {"cases": cases})


@login_required
@require_POST
def take_over(request: HttpRequest, case_id: int) -> HttpResponse:
    user = policy.staff_user(request)
    selectors.require_worklist(user)
    case = get_object_or_404(
        PerspectiveCase,
        pk=case_id,
        organisation_id=user.organisation_id,
        status=PerspectiveCase.Status.HANDED_OVER,
    )
    services.take_over(by=user, case=case)
    messages.success(
        request,
        _(
            "Sie haben den Perspektivfall übernommen. "
            "Die vorgeschlagenen Schritte stehen auf der Personenseite."
        ),
    )
    return redirect("people:detail", pk=case.person_id)


@login_required
@require_POST
def step_status(request: HttpRequest, step_id: int) -> HttpResponse:
    user = policy.staff_user(request)
    selectors.require_worklist(user)
    step = get_object_or_404(
        OpenStep.objects.select_related("case"),
        pk=step_id,
        case__organisation_id=user.organisation_id,
    )
    status = request.POST.get("status", "")
    if status not in OpenStep.Status.values:
        raise Http404
    services.step_set_status(by=user, step=step, status=status)
    return redirect("people:detail", pk=step.case.person_id)


def _filters(form: WorklistForm) -> selectors.WorklistFilter:
    d = form.cleaned_data if form.is_valid() else {}
    return selectors.WorklistFilter(
        horizon_months=d.get("horizon") or 12,
        pathway=d.get("pathway") or "",
        outcome=d.get("outcome") or "",
        nationality=(d.get("nationality") or "").upper(),
        min_age=d.get("min_age"),
        max_age=d.get("max_age"),
        deadline_within_days=d.get("deadline_days"),
    )


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    user = policy.staff_user(request)
    selectors.require_worklist(user)
    form = WorklistForm(request.GET or None)
    after = request.GET.get("nach")
    rows, next_cursor = selectors.worklist_page(
        user=user,
        filters=_filters(form),
        after=int(after) if after and after.isdigit() else None,
        size=settings.LOTSE_PAGE_SIZE,
    )
    query = request.GET.copy()
    query.pop("nach", None)
    texts = rule_texts()
    missing = {
        r.pk: [texts.get(rule_id, rule_id) for rule_id in r.result.get("missing", [])] for r in rows
    }
    return render(
        request,
        "pathways/worklist.html",
        {
            "form": form,
            "rows": [(r, missing[r.pk]) for r in rows],
            "next_cursor": next_cursor,
            "query": query.urlencode(),
            "pending": selectors.pending_count(user=user),
        },
    )


EXPORT_HEADER = [
    "Aktenzeichen",
    "Familienname",
    "Vornamen",
    "Geburtsdatum",
    "Staatsangehörigkeit",
    "Weg",
    "Norm",
    "Ergebnis",
    "Frist",
    "frühestens",
    "fehlt",
    "unbekannt",
]


def _export_rows(user: Any, form: WorklistForm) -> list[list[str]]:
    queryset = selectors.worklist_queryset(user=user, filters=_filters(form))
    rows = []
    person_ids = []
    for r in queryset.iterator(chunk_size=2000):
        p = r.person
        person_ids.append(p.pk)
        rows.append(
            [
                p.reference,
                p.family_name,
                p.given_names,
                p.date_of_birth_display,
                ", ".join(p.nationalities),
                r.pathway,
                r.result.get("norm", ""),
                r.get_outcome_display(),
                r.next_deadline.strftime("%d.%m.%Y") if r.next_deadline else "",
                r.earliest_date.strftime("%d.%m.%Y") if r.earliest_date else "",
                ", ".join(r.result.get("missing", [])),
                ", ".join(r.result.get("unknown", [])),
            ]
        )
    people_selectors.log_access(
        user=user, person_ids=sorted(set(person_ids)), purpose="worklist_export"
    )
    return rows


@login_required
def worklist_export(request: HttpRequest, fmt: str) -> HttpResponse:
    user = policy.staff_user(request)
    selectors.require_worklist(user)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = _export_rows(user, WorklistForm(request.GET or None))
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(EXPORT_HEADER)
        writer.writerows(rows)
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            _xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="arbeitsliste.{fmt}"'
    return response


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Arbeitsliste")
    sheet.append(EXPORT_HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@login_required
def forecast(request: HttpRequest) -> HttpResponse:
    user = policy.staff_user(request)
    data = selectors.forecast(user=user)
    rows = [
        (PATHWAY_NORMS.get(p, p), data.eligible_now.get(p, 0), data.row(p)) for p in data.pathways
    ]
    return render(
        request, "pathways/forecast.html", {"forecast": data, "chart": _chart(data), "rows": rows}
    )


def _chart(data: selectors.Forecast) -> dict[str, Any]:
    """Bar geometry for a server-side SVG (no JavaScript; the table beside it is the data)."""
    totals = data.totals
    peak = max(totals, default=0) or 1
    width, height, gap = 40, 160, 12
    bars = [
        {
            "x": i * (width + gap),
            "height": round(height * total / peak),
            "total": total,
            "y": height - round(height * total / peak),
            "label": month.strftime("%m/%y"),
        }
        for i, (month, total) in enumerate(zip(data.months, totals, strict=True))
    ]
    return {"bars": bars, "width": len(bars) * (width + gap), "height": height, "bar_width": width}
