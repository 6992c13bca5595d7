"""The network demo: referrals in both directions, an open transfer, obstacles."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from lotse.core import tenancy
from lotse.network.models import Obstacle, Offering, Referral, Transfer

pytestmark = pytest.mark.django_db


def test_demo_has_referrals_transfer_and_obstacles(capsys):
    call_command("demo_data", "--persons", "400", "--seed", "2", "--today", "2026-11-21")
    with tenancy.system_context():
        musterland = Referral.objects.filter(kommune__name="Kreis Musterland")
        statuses = sorted(
            musterland.filter(to_organisation__kind="JOBCENTER").values_list("status", flat=True)
        )
        assert statuses == ["ACCEPTED", "DECLINED", "SENT"]
        assert musterland.filter(to_organisation__kind="KI", status="SENT").count() == 1
        transfer = Transfer.objects.get(kommune__name="Kreis Musterland")
        assert transfer.status == "REQUESTED" and transfer.to_user.username.endswith("casemanager")
        assert Obstacle.objects.filter(kommune__name="Kreis Musterland").count() == 15
        assert Offering.objects.exists()
    call_command("referrals_remind", "--on", "2026-11-21")
    assert "referrals reminded=" in capsys.readouterr().out
