"""The invitation demo: a past batch with mixed states and people left to invite."""

from __future__ import annotations

import pytest
from django.utils import timezone

from lotse.appointments import demo_invitations
from lotse.appointments.invitations import selectors
from lotse.appointments.models import Location, Service
from lotse.appointments.models_invitations import Invitation, InvitationRun
from lotse.core import tenancy
from lotse.core.models import Kommune, Organisation, Role, User
from lotse.demo import services as demo

pytestmark = pytest.mark.django_db


def test_demo_has_a_past_batch_with_mixed_states_and_people_to_invite():
    today = timezone.localdate()
    demo.load(persons_per_kommune=250, seed=7, today=today)
    with tenancy.system_context():
        for kommune in Kommune.objects.exclude(name__startswith="Land"):
            organisations = {"abh": Organisation.objects.get(kommune=kommune, kind="ABH")}
            demo_invitations.load(kommune=kommune, organisations=organisations, seed=7, today=today)
        run = InvitationRun.objects.filter(location__kommune__name="Kreis Musterland").get()
        states = set(Invitation.objects.filter(run=run).values_list("status", flat=True))
        assert {
            Invitation.Status.DONE,
            Invitation.Status.NO_SHOW,
            Invitation.Status.ACCEPTED,
        } <= states
        assert Invitation.Status.DECLINED in states
        abh = Organisation.objects.get(kommune__name="Kreis Musterland", kind="ABH")
        user = User.objects.get(organisation=abh, role=Role.ABH_SB)
        selection = selectors.Selection(
            weeks=8,
            location=Location.objects.get(organisation=abh),
            service=Service.objects.get(organisation=abh, name=demo_invitations.SERVICE_NAME),
            groups=("AE", "FIKTION", "DULDUNG"),
        )
        proposals = selectors.proposals(user=user, selection=selection)
        assert len(proposals.plan.proposals) >= 10
