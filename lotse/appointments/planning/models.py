"""Saved staffing scenarios of an Ausländerbehörde (no person data: no row-level security)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.appointments.simulation import Scenario, parse_scenario
from lotse.core.models import Kommune, Organisation


class SavedScenario(models.Model):
    """A front-office scenario in the JSON format of docs/simulation.md, owned by one ABH."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="planning_scenarios"
    )
    name = models.CharField(_("Name"), max_length=200)
    definition = models.JSONField(_("Szenario"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Planungsszenario")
        verbose_name_plural = _("Planungsszenarien")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="planning_scenario_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def scenario(self) -> Scenario:
        """The stored definition as a simulation scenario (validated when it was saved)."""
        return parse_scenario(self.definition)
