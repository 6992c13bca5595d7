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


def test_demo_users_can_do_their_days_work():
    from django.test import Client

    from lotse.core.models import User

    call_command("demo_data", "--persons", "400", "--seed", "3")

    def client(username: str) -> Client:
        c = Client()
        c.force_login(User.objects.get(username=username))
        return c

    with tenancy.system_context():
        to_jobcenter = Referral.objects.filter(
            kommune__name="Kreis Musterland", to_organisation__kind="JOBCENTER", status="SENT"
        ).get()
        to_ki = Referral.objects.get(kommune__name="Kreis Musterland", to_organisation__kind="KI")
        transfer = Transfer.objects.get(kommune__name="Kreis Musterland")
    jobcenter = client("musterland.jobcenter")
    assert jobcenter.get("/netzwerk/eingang/").status_code == 200
    page = jobcenter.get(f"/netzwerk/ueberleitungen/{to_jobcenter.pk}/").content.decode()
    assert "Überleitung annehmen" in page and "Geburtsdatum" in page
    cm = client("musterland.casemanager")
    inbox = cm.get("/netzwerk/eingang/").content.decode()
    assert f"Überleitung Nr. {to_ki.pk}" in inbox and f"Übergabe Nr. {transfer.pk}" in inbox
    assert cm.get("/netzwerk/ausgang/").status_code == 200
    assert cm.post(f"/netzwerk/uebergaben/{transfer.pk}/annehmen/").status_code == 302
    lotsin = client("musterland.lotsin")
    assert lotsin.get(f"/faelle/{transfer.case_id}/").status_code == 404
    assert lotsin.get("/netzwerk/ausgang/").status_code == 200
    coordination = client("musterland.koordination").get("/netzwerk/koordination/hindernisse/")
    assert coordination.status_code == 200 and "Lenkungsgruppe" in coordination.content.decode()
