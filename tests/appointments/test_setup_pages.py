"""Staff set-up pages of a location: breaks, teams, desks, work profiles. Leitung and
Administration of the owning ABH change; the office's other staff read (403 on changes);
everyone else gets 404. Breaks recompute the slots."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from lotse.appointments import services
from lotse.appointments.models import Break, Desk, Team, WorkProfile, WorkProfileItem
from lotse.appointments.models_onsite import Visit
from lotse.core.events import Event
from lotse.core.models import Role
from tests.appointments.conftest import make_location
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _pg_extra() -> int:
    """PostgreSQL adds the three set_config statements of the tenant-context middleware."""
    from django.db import connection

    return 3 if connection.vendor == "postgresql" else 0


def login(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_abh_a(orgs):  # noqa: ANN001, ANN201
    return make_user("admin_abh_a", Role.ADMIN, orgs["abh_a"])


@pytest.fixture
def team(orgs, location):  # noqa: ANN001, ANN201
    return Team.objects.create(organisation=orgs["abh_a"], location=location, name="Team A")


@pytest.fixture
def records(orgs, location, team, service):  # noqa: ANN001, ANN201
    pause = Break.objects.create(location=location, weekday=2, starts=dt.time(10), ends=dt.time(11))
    desk = Desk.objects.create(location=location, name="Platz", number="3")
    desk.teams.add(team)
    worker = make_user("worker_a", Role.FRONTOFFICE, orgs["abh_a"])
    profile = WorkProfile.objects.create(user=worker, location=location, name="Früh")
    WorkProfileItem.objects.create(profile=profile, team=team, priority=1)
    return {"break": pause, "team": team, "desk": desk, "workprofile": profile}


KINDS = ("break", "team", "desk", "workprofile")


@pytest.mark.parametrize("kind", KINDS)
def test_personas(kind, records, location, leitung_a, admin_abh_a, leitung_b, client_for):
    obj = records[kind]
    urls = {
        "list": reverse(f"appointments:{kind}_list", args=[location.pk]),
        "create": reverse(f"appointments:{kind}_create", args=[location.pk]),
        "edit": reverse(f"appointments:{kind}_edit", args=[obj.pk]),
    }
    delete = reverse(f"appointments:{kind}_delete", args=[obj.pk])
    for editor in (leitung_a, admin_abh_a):
        client = login(editor)
        for url in urls.values():
            assert client.get(url).status_code == 200, url
    page = login(leitung_a).get(urls["list"]).content.decode()
    assert urls["edit"] in page and delete in page
    read = client_for("front_a").get(urls["list"])
    assert read.status_code == 200 and delete not in read.content.decode()
    for name in ("front_a", "abh_a"):
        client = client_for(name)
        assert client.get(urls["create"]).status_code == 403
        assert client.get(urls["edit"]).status_code == 403
        assert client.get(delete).status_code == 403
        assert client.post(delete).status_code == 403
    for client in (login(leitung_b), client_for("lotsin_b"), client_for("cm_a")):
        for url in urls.values():
            assert client.get(url).status_code == 404, url
        assert client.get(delete).status_code == 404
        assert client.post(delete).status_code == 404
    # Deleting asks once more: the GET page names the entry and deletes nothing.
    confirm = login(leitung_a).get(delete)
    assert confirm.status_code == 200 and "Ja, löschen" in confirm.content.decode()
    assert type(obj).objects.filter(pk=obj.pk).exists()
    assert login(leitung_a).post(delete).status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()


def test_location_page_links_the_setup_pages(location, client_for):
    page = client_for("abh_a").get(reverse("appointments:location_detail", args=[location.pk]))
    for kind in KINDS:
        assert reverse(f"appointments:{kind}_list", args=[location.pk]) in page.content.decode()


def test_list_query_count(records, location, leitung_a, django_assert_max_num_queries):
    client = login(leitung_a)
    for kind in KINDS:
        url = reverse(f"appointments:{kind}_list", args=[location.pk])
        with django_assert_max_num_queries(14 + _pg_extra()):
            assert client.get(url).status_code == 200


def _slots_during(location, weekday: int, start: int, end: int) -> int:  # noqa: ANN001
    count = 0
    for slot in location.slots.all():
        local = timezone.localtime(slot.starts_at)
        if local.weekday() == weekday and start <= local.hour < end:
            count += 1
    return count


def test_break_add_edit_delete_recomputes(location, leitung_a):
    client = login(leitung_a)
    weekday = (timezone.localdate() + dt.timedelta(days=1)).weekday()
    assert _slots_during(location, weekday, 12, 13) > 0
    create = reverse("appointments:break_create", args=[location.pk])
    response = client.post(create, {"weekday": str(weekday), "starts": "12:00", "ends": "13:00"})
    assert response.status_code == 302
    assert _slots_during(location, weekday, 12, 13) == 0
    pause = Break.objects.get(location=location)
    event = Event.objects.filter(activity="appointment.break_added").get()
    assert event.payload == {"weekday": weekday}
    edit = reverse("appointments:break_edit", args=[pause.pk])
    response = client.post(edit, {"weekday": str(weekday), "starts": "14:00", "ends": "15:00"})
    assert response.status_code == 302
    assert _slots_during(location, weekday, 12, 13) > 0
    assert _slots_during(location, weekday, 14, 15) == 0
    bad = client.post(edit, {"weekday": str(weekday), "starts": "15:00", "ends": "14:00"})
    assert bad.status_code == 400
    assert "Die Pause muss vor ihrem Ende beginnen." in bad.content.decode()
    assert client.post(reverse("appointments:break_delete", args=[pause.pk])).status_code == 302
    assert _slots_during(location, weekday, 14, 15) > 0


def test_team_add_edit_and_duplicate(location, leitung_a, team):
    client = login(leitung_a)
    create = reverse("appointments:team_create", args=[location.pk])
    response = client.post(
        create, {"name": "Einbürgerung", "scope": "location", "code": "E", "is_active": "on"}
    )
    assert response.status_code == 302
    created = Team.objects.get(name="Einbürgerung")
    assert created.organisation == leitung_a.organisation and created.location == location
    edit = reverse("appointments:team_edit", args=[created.pk])
    changed = {"name": "Einbürgerung 2", "scope": "location", "code": "E"}
    assert client.post(edit, changed).status_code == 302
    created.refresh_from_db()
    assert created.name == "Einbürgerung 2" and not created.is_active
    bad = client.post(create, {"name": "Team A", "scope": "location", "code": "X"})
    assert bad.status_code == 400
    assert "Ein Team mit diesem Namen gibt es schon." in bad.content.decode()
    assert Team.objects.filter(name="Team A").count() == 1
    unscoped = client.post(create, {"name": "Ohne Ort", "code": "O"})
    assert unscoped.status_code == 400
    assert "Bitte wählen Sie, wo das Team arbeitet." in unscoped.content.decode()


@pytest.fixture
def annex(orgs):  # noqa: ANN001, ANN201
    return make_location(orgs["abh_a"], name="Bürgerbüro Nord")


def test_office_wide_teams_are_listed_created_and_edited_at_every_location(
    location, annex, leitung_a, team, orgs
):
    client = login(leitung_a)
    create = reverse("appointments:team_create", args=[location.pk])
    data = {"name": "Einbürgerung", "scope": "office", "code": "E", "is_active": "on"}
    assert client.post(create, data).status_code == 302
    everywhere = Team.objects.get(name="Einbürgerung")
    assert everywhere.location is None and everywhere.organisation == orgs["abh_a"]
    Team.objects.create(organisation=orgs["abh_b"], name="Fremd")  # another office's
    edit = reverse("appointments:team_edit", args=[everywhere.pk])
    for here in (location, annex):
        page = client.get(reverse("appointments:team_list", args=[here.pk])).content.decode()
        assert "Fremd" not in page
        own, office_wide = page.split('<h2 class="kern-heading-medium">An allen Standorten')
        assert "Einbürgerung" in office_wide and "Einbürgerung" not in own
        assert ("Team A" in own) == (here == location)
        assert f'{edit}?standort={here.pk}"' in page
    # edited from the annex: the form says "all locations", saving returns to the annex
    form = client.get(f"{edit}?standort={annex.pk}").content.decode()
    assert 'value="office" class="kern-form-check__radio" id="id_scope_1" required checked' in form
    assert reverse("appointments:team_list", args=[annex.pk]) in form
    data["name"] = "Einbürgerung (alle)"
    response = client.post(f"{edit}?standort={annex.pk}", data)
    assert response["Location"] == reverse("appointments:team_list", args=[annex.pk])
    everywhere.refresh_from_db()
    assert everywhere.name == "Einbürgerung (alle)" and everywhere.location is None
    # without the parameter there is no location to work from: 404, not a guess
    assert client.get(edit).status_code == 404
    assert client.get(reverse("appointments:team_delete", args=[everywhere.pk])).status_code == 404
    foreign = make_location(orgs["abh_b"], name="Fremder Standort")
    assert client.get(f"{edit}?standort={foreign.pk}").status_code == 404


def test_office_wide_team_used_elsewhere_cannot_be_tied_to_one_location(
    location, annex, leitung_a, orgs
):
    client = login(leitung_a)
    everywhere = Team.objects.create(organisation=orgs["abh_a"], name="Einbürgerung", code="E")
    desk = Desk.objects.create(location=annex, name="Platz", number="1")
    desk.teams.add(everywhere)
    edit = reverse("appointments:team_edit", args=[everywhere.pk])
    data = {"name": "Einbürgerung", "scope": "location", "code": "E", "is_active": "on"}
    bad = client.post(f"{edit}?standort={location.pk}", data)
    assert bad.status_code == 400
    assert "Das Team arbeitet noch an anderen Standorten" in bad.content.decode()
    everywhere.refresh_from_db()
    assert everywhere.location is None
    # at the annex itself, where the desk is, it may become the annex's team
    assert client.post(f"{edit}?standort={annex.pk}", data).status_code == 302
    everywhere.refresh_from_db()
    assert everywhere.location == annex
    # deleting an office-wide team returns to the list it was deleted from
    other = Team.objects.create(organisation=orgs["abh_a"], name="Zweites")
    delete = reverse("appointments:team_delete", args=[other.pk])
    response = client.post(f"{delete}?standort={location.pk}")
    assert response["Location"] == reverse("appointments:team_list", args=[location.pk])
    assert not Team.objects.filter(pk=other.pk).exists()


def _waiting(location, service, team) -> Visit:  # noqa: ANN001
    now = timezone.now()
    return Visit.objects.create(
        kommune=location.organisation.kommune,
        location=location,
        day=timezone.localdate(),
        number="A1",
        kind=Visit.Kind.WALK_IN,
        service=service,
        team=team,
        arrived_at=now,
        queued_at=now,
    )


def test_office_wide_team_used_elsewhere_cannot_be_deleted_from_one_location(
    location, annex, leitung_a, service, orgs, leitung_b
):
    """Deleting an office-wide team from one location's page would take it from the desks,
    work profiles and waiting visits of every location: refused while others use it."""
    client = login(leitung_a)
    everywhere = Team.objects.create(organisation=orgs["abh_a"], name="Einbürgerung", code="E")
    delete = reverse("appointments:team_delete", args=[everywhere.pk])
    here = f"{delete}?standort={location.pk}"
    confirm = client.get(here).content.decode()
    assert "Dieses Team gilt für alle Standorte der Behörde" in confirm
    own = Team.objects.create(organisation=orgs["abh_a"], location=location, name="Hier")
    own_page = client.get(reverse("appointments:team_delete", args=[own.pk])).content.decode()
    assert "Dieses Team gilt für alle Standorte" not in own_page

    desk = Desk.objects.create(location=annex, name="Platz", number="1")
    desk.teams.add(everywhere)
    profile = WorkProfile.objects.create(user=leitung_a, location=annex, name="Nord")
    item = WorkProfileItem.objects.create(profile=profile, team=everywhere, priority=1)
    visit = _waiting(annex, service, everywhere)
    for remaining in ("desk", "item", "visit"):
        refused = client.post(here)
        assert refused.status_code == 400
        page = refused.content.decode()
        assert "wird an anderen Standorten noch gebraucht" in page
        assert "Es wurde nichts gelöscht." in page
        assert Team.objects.filter(pk=everywhere.pk).exists()
        if remaining == "desk":
            assert list(desk.teams.all()) == [everywhere]
            desk.teams.clear()
        elif remaining == "item":
            assert WorkProfileItem.objects.filter(pk=item.pk, team=everywhere).exists()
            item.delete()
        else:
            visit.refresh_from_db()
            assert visit.team == everywhere
            Visit.objects.filter(pk=visit.pk).update(status=Visit.Status.DONE)
    assert not Event.objects.filter(activity="appointment.team_removed").exists()
    # used only here (a desk of this location) or by finished visits elsewhere: deleted
    Desk.objects.create(location=location, name="Hier", number="2").teams.add(everywhere)
    response = client.post(here)
    assert response["Location"] == reverse("appointments:team_list", args=[location.pk])
    assert not Team.objects.filter(pk=everywhere.pk).exists()


def test_a_team_of_another_location_cannot_be_deleted_through_this_one(
    location, annex, leitung_a, orgs
):
    elsewhere = Team.objects.create(organisation=orgs["abh_a"], location=annex, name="Nord")
    with pytest.raises(ValidationError):
        services.team_delete(team=elsewhere, location=location, by=leitung_a)
    assert Team.objects.filter(pk=elsewhere.pk).exists()


def test_setup_errors_follow_the_language_of_the_request(location, annex, leitung_a, team, orgs):
    """The messages are module constants: built lazily, they are shown in English to a user
    whose language is English, and on the field to correct."""
    everywhere = Team.objects.create(organisation=orgs["abh_a"], name="Einbürgerung", code="E")
    Desk.objects.create(location=annex, name="Platz", number="1").teams.add(everywhere)
    client = login(leitung_a)
    edit = reverse("appointments:team_edit", args=[everywhere.pk]) + f"?standort={location.pk}"
    data = {"name": "Einbürgerung", "scope": "location", "code": "E", "is_active": "on"}
    with translation.override("en"):
        response = client.post(edit, data, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400
        assert response.context["form"].errors["scope"] == [
            "The team still works at other locations (desks, work profiles or people "
            "waiting). Remove it there first, or keep it for all locations."
        ]
        WorkProfile.objects.create(user=leitung_a, location=location, name="Früh")
        create = reverse("appointments:workprofile_create", args=[location.pk])
        data = _profile_data(leitung_a, name="Früh", **{"items-0-team": str(team.pk)})
        taken = client.post(create, data, HTTP_ACCEPT_LANGUAGE="en")
        assert taken.status_code == 400
        assert "already" in " ".join(taken.context["form"].errors["name"])
        with pytest.raises(ValidationError) as error:
            services.team_delete(team=everywhere, location=location, by=leitung_a)
        assert "Nothing was deleted." in error.value.messages[0]
    with translation.override("de"):
        assert "Es wurde nichts gelöscht." in str(services.setup.TEAM_DELETE_IN_USE_ELSEWHERE)


def test_desks_and_work_profiles_choose_teams_of_this_location_or_all(
    location, annex, leitung_a, team, orgs
):
    """A team of another location never gets a visit here (the queue takes the location's
    own teams and those of the whole office), so it is not offered and refused if sent."""
    everywhere = Team.objects.create(organisation=orgs["abh_a"], name="Einbürgerung")
    elsewhere = Team.objects.create(organisation=orgs["abh_a"], location=annex, name="Nord")
    client = login(leitung_a)
    create = reverse("appointments:desk_create", args=[location.pk])
    page = client.get(create).content.decode()
    assert "Team A" in page and "Einbürgerung" in page and "Nord" not in page
    bad = client.post(create, {"name": "X", "number": "8", "teams": [str(elsewhere.pk)]})
    assert bad.status_code == 400 and not Desk.objects.filter(number="8").exists()
    ok = client.post(create, {"name": "X", "number": "8", "teams": [str(everywhere.pk)]})
    assert ok.status_code == 302
    assert list(Desk.objects.get(number="8").teams.all()) == [everywhere]
    profile_page = client.get(
        reverse("appointments:workprofile_create", args=[location.pk])
    ).content.decode()
    assert "Einbürgerung" in profile_page and "Nord" not in profile_page


def test_desk_add_edit_and_validation(location, leitung_a, team, orgs):
    client = login(leitung_a)
    create = reverse("appointments:desk_create", args=[location.pk])
    response = client.post(
        create, {"name": "Schalter", "number": "7", "teams": [str(team.pk)], "is_active": "on"}
    )
    assert response.status_code == 302
    desk = Desk.objects.get(number="7")
    assert list(desk.teams.all()) == [team]
    edit = reverse("appointments:desk_edit", args=[desk.pk])
    assert client.post(edit, {"name": "Platz 7", "number": "7"}).status_code == 302
    desk.refresh_from_db()
    assert desk.name == "Platz 7" and not desk.teams.exists()
    foreign = Team.objects.create(organisation=orgs["abh_b"], name="Fremd")
    bad = client.post(create, {"name": "X", "number": "8", "teams": [str(foreign.pk)]})
    assert bad.status_code == 400 and not Desk.objects.filter(number="8").exists()
    twice = client.post(create, {"name": "X", "number": "7"})
    assert twice.status_code == 400
    assert "Einen Schalter mit dieser Nummer gibt es hier schon." in twice.content.decode()


def _profile_data(user, **items) -> dict[str, str]:  # noqa: ANN001
    data = {
        "user": str(user.pk),
        "name": "Standard",
        "is_active": "on",
        "items-TOTAL_FORMS": "3",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        # a browser sends the preset priority of the empty rows, too
        "items-0-priority": "1",
        "items-1-priority": "1",
        "items-2-priority": "1",
    }
    data.update(items)
    return data


def test_work_profile_add_edit_and_validation(location, leitung_a, team, service, orgs):
    client = login(leitung_a)
    worker = make_user("worker_a", Role.FRONTOFFICE, orgs["abh_a"])
    create = reverse("appointments:workprofile_create", args=[location.pk])
    data = _profile_data(
        worker,
        **{
            "items-0-team": str(team.pk),
            "items-0-priority": "1",
            "items-1-service": str(service.pk),
            "items-1-priority": "2",
        },
    )
    assert client.post(create, data).status_code == 302
    profile = WorkProfile.objects.get(user=worker)
    assert [(i.team, i.service, i.priority) for i in profile.items.all()] == [
        (team, None, 1),
        (None, service, 2),
    ]
    event = Event.objects.filter(activity="appointment.work_profile_created").get()
    assert event.payload == {"profile": profile.pk, "items": 2}
    edit = reverse("appointments:workprofile_edit", args=[profile.pk])
    assert client.get(edit).status_code == 200
    changed = _profile_data(worker, **{"items-0-service": str(service.pk), "items-0-priority": "1"})
    changed["name"] = "Spät"
    assert client.post(edit, changed).status_code == 302
    profile.refresh_from_db()
    assert profile.name == "Spät"
    assert [(i.team, i.service) for i in profile.items.all()] == [(None, service)]
    both = _profile_data(
        worker,
        **{
            "items-0-team": str(team.pk),
            "items-0-service": str(service.pk),
            "items-0-priority": "1",
        },
    )
    bad = client.post(create, both)
    assert bad.status_code == 400
    assert "Bitte wählen Sie je Zeile genau ein Team oder ein Anliegen." in bad.content.decode()
    stranger = make_user("stranger_b", Role.FRONTOFFICE, orgs["abh_b"])
    foreign = client.post(create, _profile_data(stranger))
    assert foreign.status_code == 400
    assert "Die Person gehört nicht zu der Behörde dieses Standorts." in foreign.content.decode()
    assert WorkProfile.objects.count() == 1


def test_errors_are_in_plain_german_never_the_technical_constraint(location, leitung_a, orgs):
    client = login(leitung_a)
    create = reverse("appointments:break_create", args=[location.pk])
    bad = client.post(create, {"weekday": "2", "starts": "11:00", "ends": "10:00"})
    page = bad.content.decode()
    assert bad.status_code == 400 and "Die Pause muss vor ihrem Ende beginnen." in page
    assert "Bedingung" not in page and "break_starts_first" not in page
    assert 'aria-invalid="true" aria-describedby="id_ends_error"' in page
    dates = {"weekday": "2", "starts": "10:00", "ends": "11:00"}
    dates.update(valid_from="2027-02-01", valid_to="2027-01-01")
    assert "„gültig ab“ liegt nach „gültig bis“." in client.post(create, dates).content.decode()
    assert not Break.objects.exists()

    worker = make_user("worker_a", Role.FRONTOFFICE, orgs["abh_a"])
    profile_url = reverse("appointments:workprofile_create", args=[location.pk])
    # a row where only the priority was touched is left out, not an error
    only_priority = _profile_data(worker, **{"items-2-priority": "5"})
    assert client.post(profile_url, only_priority).status_code == 302
    assert not WorkProfile.objects.get(user=worker).items.exists()
    twice = client.post(profile_url, _profile_data(worker))
    assert twice.status_code == 400
    assert "schon ein Arbeitsprofil mit dieser Bezeichnung" in twice.content.decode()
    assert WorkProfile.objects.filter(user=worker).count() == 1
