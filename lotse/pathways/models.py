"""Stored screening results and the Perspektivfälle of the Integrationslotsin."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Kommune, Organisation, User
from lotse.people.models import Person


class Outcome(models.TextChoices):
    ELIGIBLE_CLAIM = "ELIGIBLE_CLAIM", _("Anspruch erfüllt")
    ELIGIBLE_SOLL = "ELIGIBLE_SOLL", _("Regelerteilung erfüllt")
    DISCRETION = "DISCRETION", _("Ermessen möglich")
    NOT_YET = "NOT_YET", _("noch nicht – nur Zeit fehlt")
    NOT_MET = "NOT_MET", _("nicht erfüllt")
    EXCLUDED = "EXCLUDED", _("ausgeschlossen")
    NOT_APPLICABLE = "NOT_APPLICABLE", _("nicht anwendbar")
    REVIEW = "REVIEW", _("Prüfung durch Fachkraft nötig")
    UNKNOWN = "UNKNOWN", _("Angaben fehlen")


# Outcomes the Integrationslotsin works on (issue: worklist).
WORKLIST_OUTCOMES = (
    Outcome.ELIGIBLE_CLAIM,
    Outcome.ELIGIBLE_SOLL,
    Outcome.DISCRETION,
    Outcome.REVIEW,
    Outcome.NOT_YET,
)
# Urgency order for the worklist: a met claim before discretion before review before waiting.
OUTCOME_RANK = {
    Outcome.ELIGIBLE_CLAIM: 0,
    Outcome.ELIGIBLE_SOLL: 1,
    Outcome.DISCRETION: 2,
    Outcome.REVIEW: 3,
    Outcome.NOT_YET: 4,
    Outcome.UNKNOWN: 5,
    Outcome.NOT_MET: 6,
    Outcome.EXCLUDED: 7,
    Outcome.NOT_APPLICABLE: 8,
}


class ScreeningResult(models.Model):
    """One pathway's result for one person, as of the last screening (so lists are queries)."""

    # The nightly job rewrites rows, and every index and constraint is paid for on each one.
    # No index of their own on these keys: the worklist index leads with the organisation and
    # the unique (person, pathway) index serves lookups by person. Kommune and organisation
    # are copied from the person row (which has the constraints), so the database does not
    # check them again here; the person key keeps its constraint, so no result can outlive
    # its person.
    kommune = models.ForeignKey(
        Kommune, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="screening_results", db_index=False
    )
    pathway = models.CharField(max_length=30)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    rank = models.PositiveSmallIntegerField()
    earliest_date = models.DateField(null=True)
    next_deadline = models.DateField(null=True)
    # Sort keys of the worklist (deadlines first, then the best outcome, then the soonest date),
    # stored without NULLs so one index serves ordering and keyset pagination.
    deadline_key = models.DateField()
    earliest_key = models.DateField()
    result = models.JSONField()
    as_of = models.DateField()
    rule_base = models.CharField(max_length=60)
    computed_at = models.DateTimeField(auto_now=True)
    # Digest of what is stored (see services.fingerprint): the nightly job rewrites a person's
    # rows only when a digest differs, so `as_of` is the day the result was last computed
    # differently, not the day of the last run.
    fingerprint = models.BigIntegerField(db_default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "pathway"], name="screeningresult_unique"),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "deadline_key", "rank", "earliest_key", "id"],
                name="screening_worklist",
            ),
            models.Index(
                fields=["organisation", "outcome", "earliest_date"], name="screening_forecast"
            ),
        ]


class PerspectiveCase(models.Model):
    """A Perspektivfall: ABH-Sachbearbeitung hands a person over, the lotsin takes it over."""

    class Status(models.TextChoices):
        HANDED_OVER = "HANDED_OVER", _("übergeben")
        TAKEN_OVER = "TAKEN_OVER", _("übernommen")
        CLOSED = "CLOSED", _("abgeschlossen")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="perspective_cases")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.HANDED_OVER)
    handed_over_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    handover_note = models.TextField(_("Notiz zur Übergabe"), max_length=2000, blank=True)
    lotsin = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    taken_over_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=~models.Q(status="CLOSED"),
                name="one_open_perspective_case",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status", "created_at"])]


class OpenStep(models.Model):
    """A proposed step towards a Zielvereinbarung, derived from a missing criterion."""

    class Status(models.TextChoices):
        OPEN = "OPEN", _("offen")
        DONE = "DONE", _("erledigt")
        DROPPED = "DROPPED", _("entfallen")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(PerspectiveCase, on_delete=models.CASCADE, related_name="steps")
    pathway = models.CharField(max_length=30)
    text = models.CharField(_("Schritt"), max_length=300)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["id"]


class PendingScreening(models.Model):
    """A person whose stored results are due: large imports queue their persons here and the
    scheduled job `lotse screen-pending` screens them, so an import is not held up by it."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="+")
    queued_at = models.DateTimeField(auto_now_add=True)
