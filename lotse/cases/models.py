"""KIM case management (Baustein 2) and the Perspektivfall of the Integrationslotsin (Baustein 3).

A Case belongs to the organisation that runs it (the owner of the person record); every table
carries the Kommune for row-level security. Goal agreements (Zielvereinbarungen) are versioned:
an agreed version's content is frozen, a revision copies it into a new draft. Progress (step
status, attainment) is recorded on the agreed version, because that is what the review checks.
See docs/cases.md and docs/decisions/0006-case-management-model.md.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.consent.models import Consent
from lotse.core.models import Kommune, Organisation, User
from lotse.people.models import Person

MAX_FOCUS_GOALS = 3  # Hilfeplanung: a Globalziel, at most three Schwerpunktziele (kim.md §2)


class Handlungsfeld(models.TextChoices):
    AUFENTHALT = "AUFENTHALT", _("Aufenthalt")
    SPRACHE = "SPRACHE", _("Sprache")
    BILDUNG = "BILDUNG", _("Bildung und Ausbildung")
    ARBEIT = "ARBEIT", _("Arbeit")
    WOHNEN = "WOHNEN", _("Wohnen")
    GESUNDHEIT = "GESUNDHEIT", _("Gesundheit")
    FAMILIE = "FAMILIE", _("Familie und Kinder")
    FINANZEN = "FINANZEN", _("Finanzen und Leistungen")
    TEILHABE = "TEILHABE", _("Soziale Teilhabe")


class Attainment(models.TextChoices):
    ACHIEVED = "ACHIEVED", _("erreicht")
    PARTLY = "PARTLY", _("teilweise erreicht")
    NOT_ACHIEVED = "NOT_ACHIEVED", _("nicht erreicht")
    DROPPED = "DROPPED", _("entfallen")


class Case(models.Model):
    class Kind(models.TextChoices):
        KIM = "KIM", _("KIM-Case-Management")
        PERSPEKTIVE = "PERSPEKTIVE", _("Perspektivfall")

    class AccessRoute(models.TextChoices):
        SELF = "SELF", _("eigene Anfrage der Person")
        REFERRAL = "REFERRAL", _("Vermittlung durch eine Stelle")
        OUTREACH = "OUTREACH", _("aufsuchende Arbeit")
        # E.g. ABH-Sachbearbeitung hands a person over to the Integrationslotsin.
        INTERNAL = "INTERNAL", _("Übergabe aus der eigenen Organisation")

    class Indication(models.TextChoices):
        COMPLEX_NEEDS = "COMPLEX_NEEDS", _("komplexer Unterstützungsbedarf")
        SEVERAL_AGENCIES = "SEVERAL_AGENCIES", _("mehrere Stellen beteiligt")
        STANDARD_FAILING = "STANDARD_FAILING", _("Regelangebote greifen nicht")

    class Status(models.TextChoices):
        OPEN = "OPEN", _("offen")
        CLOSED = "CLOSED", _("abgeschlossen")

    class ClosureReason(models.TextChoices):
        GOALS_REACHED = "GOALS_REACHED", _("Ziele erreicht")
        HANDED_OVER = "HANDED_OVER", _("an eine andere Stelle übergeben")
        MOVED = "MOVED", _("Person ist weggezogen")
        WITHDRAWN = "WITHDRAWN", _("Person hat die Zustimmung zurückgezogen")
        NO_CONTACT = "NO_CONTACT", _("kein Kontakt mehr")
        OTHER = "OTHER", _("sonstiger Grund")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    case_manager = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("Zuständig")
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.KIM)
    access_route = models.CharField(_("Zugangsweg"), max_length=20, choices=AccessRoute.choices)
    referred_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vermittelnde Stelle"),
    )
    indications = models.JSONField(_("Indikation"), default=list, blank=True)
    agreement = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Zustimmung zum Case Management"),
    )
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default="OPEN")
    opened_on = models.DateField(_("eröffnet am"))
    closed_on = models.DateField(_("abgeschlossen am"), null=True, blank=True)
    closure_reason = models.CharField(
        _("Grund des Abschlusses"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    outcome = models.CharField(_("Ergebnis"), max_length=20, choices=Attainment.choices, blank=True)
    closure_note = models.TextField(_("Bemerkung zum Abschluss"), max_length=2000, blank=True)
    # Filled by the retention job (later): the day the case may be deleted or anonymised.
    delete_after = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Fall")
        verbose_name_plural = _("Fälle")
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(status="OPEN"), name="one_open_case"
            ),
            models.CheckConstraint(
                condition=models.Q(status="OPEN", closed_on__isnull=True)
                | models.Q(status="CLOSED", closed_on__isnull=False),
                name="case_closed_on_iff_closed",
            ),
        ]
        indexes = [
            # Every condition of "Meine Fälle" (the policy's organisation and kind included) is
            # an equality in these indexes, so the newest page is read backwards from the index
            # whatever the distribution of ids (measured in bench/bench_cases.py).
            models.Index(
                fields=["case_manager", "organisation", "kind", "status", "id"], name="case_mine"
            ),
            models.Index(fields=["organisation", "kind", "status", "id"], name="case_org"),
            models.Index(fields=["organisation", "status", "id"], name="case_org_all_kinds"),
            models.Index(fields=["delete_after"], name="case_delete_after"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class CaseStatusChange(models.Model):
    """The life of a case: opened, closed (reason, outcome), reopened (reason). Append-only."""

    class Kind(models.TextChoices):
        OPENED = "OPENED", _("eröffnet")
        CLOSED = "CLOSED", _("abgeschlossen")
        REOPENED = "REOPENED", _("wieder eröffnet")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    on = models.DateField()
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=20, blank=True)
    outcome = models.CharField(max_length=20, blank=True)
    note = models.TextField(max_length=2000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class Assessment(models.Model):
    """One assessment: resources, needs and priority per Handlungsfeld, at one date."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("Datum"))
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(_("Zusammenfassung"), max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        indexes = [models.Index(fields=["case", "assessed_on", "id"], name="assessment_case")]


class AssessmentItem(models.Model):
    class Priority(models.IntegerChoices):
        NONE = 0, _("kein Bedarf")
        LOW = 1, _("niedrig")
        MEDIUM = 2, _("mittel")
        HIGH = 3, _("hoch")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    field = models.CharField(_("Handlungsfeld"), max_length=20, choices=Handlungsfeld.choices)
    resources = models.TextField(_("Ressourcen"), max_length=2000, blank=True)
    needs = models.TextField(_("Bedarfe"), max_length=2000, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("Priorität"), choices=Priority.choices, default=Priority.NONE
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "field"], name="assessment_item_field"),
        ]


class Plan(models.Model):
    """The Zielvereinbarung (Hilfeplan) of a case; its content lives in versions."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan")
    created_at = models.DateTimeField(auto_now_add=True)


class PlanVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Entwurf")
        AGREED = "AGREED", _("vereinbart")
        SUPERSEDED = "SUPERSEDED", _("abgelöst")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("Version"))
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices, default="DRAFT")
    global_goal = models.TextField(_("Globalziel"), max_length=1000, blank=True)
    review_on = models.DateField(_("Überprüfung am"), null=True, blank=True)
    agreed_at = models.DateTimeField(_("vereinbart am"), null=True, blank=True)
    agreed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The language the agreement was printed in for the person (a code of settings.LANGUAGES).
    language = models.CharField(max_length=10, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number"),
            models.UniqueConstraint(
                fields=["plan"], condition=models.Q(status="DRAFT"), name="plan_one_draft"
            ),
            models.UniqueConstraint(
                fields=["plan"], condition=models.Q(status="AGREED"), name="plan_one_agreed"
            ),
        ]

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class AttainmentFields(models.Model):
    attainment = models.CharField(
        _("Zielerreichung"), max_length=20, choices=Attainment.choices, blank=True
    )
    attainment_reason = models.CharField(_("Begründung"), max_length=1000, blank=True)
    attainment_on = models.DateField(_("bewertet am"), null=True, blank=True)

    class Meta:
        abstract = True


class Goal(AttainmentFields):
    """A Schwerpunktziel (at most three per version)."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveSmallIntegerField()
    field = models.CharField(_("Handlungsfeld"), max_length=20, choices=Handlungsfeld.choices)
    text = models.CharField(_("Schwerpunktziel"), max_length=500)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="goal_position"),
            models.CheckConstraint(
                condition=models.Q(position__gte=1, position__lte=MAX_FOCUS_GOALS),
                name="goal_at_most_three",
            ),
        ]


class Objective(AttainmentFields):
    """A Handlungsziel, SMART: what exactly, measured how (indicator), by when (target date)."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("Handlungsziel"), max_length=500)
    indicator = models.CharField(_("Woran erkennen wir, dass es erreicht ist?"), max_length=500)
    target_on = models.DateField(_("Zieldatum"))

    class Meta:
        ordering = ["position", "id"]


class Step(models.Model):
    class Responsible(models.TextChoices):
        PERSON = "PERSON", _("die Person")
        CASE_MANAGER = "CASE_MANAGER", _("Fallverantwortliche Fachkraft")
        ORGANISATION = "ORGANISATION", _("eine Stelle")

    class Status(models.TextChoices):
        OPEN = "OPEN", _("offen")
        DONE = "DONE", _("erledigt")
        DROPPED = "DROPPED", _("entfallen")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("Schritt"), max_length=500)
    responsible = models.CharField(_("Wer?"), max_length=20, choices=Responsible.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Stelle"),
    )
    due_on = models.DateField(_("bis wann?"), null=True, blank=True)
    status = models.CharField(_("Stand"), max_length=10, choices=Status.choices, default="OPEN")

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(responsible="ORGANISATION")
                | models.Q(organisation__isnull=False),
                name="step_organisation_named",
            ),
        ]


class Task(models.Model):
    class Kind(models.TextChoices):
        TASK = "TASK", _("Aufgabe")
        APPOINTMENT = "APPOINTMENT", _("Termin")
        REVIEW = "REVIEW", _("Überprüfung der Zielvereinbarung")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices, default=Kind.TASK)
    title = models.CharField(_("Titel"), max_length=200)
    due_on = models.DateField(_("fällig am"))
    assignee = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("zuständig")
    )
    plan_version = models.ForeignKey(
        PlanVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["assignee", "done_at", "due_on"], name="task_mine"),
            models.Index(fields=["case", "done_at", "due_on"], name="task_case"),
        ]


class Note(models.Model):
    class Kind(models.TextChoices):
        BERATUNG = "BERATUNG", _("Beratung")
        TELEFONAT = "TELEFONAT", _("Telefonat")
        HAUSBESUCH = "HAUSBESUCH", _("Hausbesuch")
        FALLKONFERENZ = "FALLKONFERENZ", _("Fallkonferenz")
        SONSTIGES = "SONSTIGES", _("Sonstiges")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("Datum"))
    text = models.TextField(_("Text"), max_length=10000)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["case", "on", "id"], name="note_case")]


class Document(models.Model):
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    # Stored under a random name in the default storage (var/private, never served directly).
    file = models.FileField(upload_to="case-documents/%Y/")
    original_name = models.CharField(_("Dateiname"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    description = models.CharField(_("Beschreibung"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["case", "uploaded_at"], name="document_case")]


CASE_TABLES = [
    "cases_case",
    "cases_casestatuschange",
    "cases_assessment",
    "cases_assessmentitem",
    "cases_plan",
    "cases_planversion",
    "cases_goal",
    "cases_objective",
    "cases_step",
    "cases_task",
    "cases_note",
    "cases_document",
]
