"""Translations of Anliegen and location notes: the staff page per object (Leitung and
Administration of the office change, staff of the office read nothing there (403), others 404),
saving, German fallback in the portal, validation, and the status on the lists."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from lotse.appointments import translations as tr
from lotse.appointments.models import Location, Service
from lotse.core.models import Event, Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def login(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


def _post_data(seen: Service | None = None, **values: str) -> dict[str, str]:
    """Every field of the form (empty unless given), as the browser sends it, with the hidden
    `initial-…` value of each field as the page showed it (the translations of `seen`)."""
    stored = seen.translations if seen is not None else {}
    data = {}
    for code in tr.TRANSLATION_LANGUAGES:
        for key in _service_keys():
            data[f"{code}_{key}"] = ""
            data[f"initial-{code}_{key}"] = str(stored.get(code, {}).get(key, ""))
    data.update(values)
    return data


def _opened(client: Client, url: str) -> dict[str, str]:
    """What the browser would send back unchanged: every input and textarea of the page."""
    page = client.get(url).content.decode()
    data = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page):
        data[name] = html.unescape(value)
    for name, value in re.findall(
        r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S
    ):
        data[name] = html.unescape(value.lstrip("\n"))
    data.pop("csrfmiddlewaretoken", None)
    return data


def _service_keys() -> list[str]:
    return [field.key for field in tr.translatable_fields(Service)]


def _tag(page: str, name: str) -> str:
    """The <input> or <textarea> start tag of a field."""
    match = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page)
    assert match, name
    return match.group(0)


def _portal_services(client: Client, location: Location, lang: str) -> str:
    url = reverse("portal:services", args=[location.pk]) + f"?lang={lang}"
    return client.get(url).content.decode()


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["service_translations", "location_translations"])
def test_leitung_and_administration_of_the_office_may_edit(
    name, client_for, location, service, leitung_a, orgs
):
    pk = service.pk if name == "service_translations" else location.pk
    url = reverse(f"appointments:{name}", args=[pk])
    assert login(leitung_a).get(url).status_code == 200
    admin = make_user("admin_abh_a", Role.ADMIN, orgs["abh_a"])
    assert login(admin).get(url).status_code == 200


@pytest.mark.parametrize("name", ["service_translations", "location_translations"])
def test_office_staff_who_may_not_change_get_403(name, client_for, location, service):
    pk = service.pk if name == "service_translations" else location.pk
    url = reverse(f"appointments:{name}", args=[pk])
    for persona in ("front_a", "abh_a", "lotsin_a"):
        assert client_for(persona).get(url).status_code == 403
        assert client_for(persona).post(url, {}).status_code == 403


@pytest.mark.parametrize("name", ["service_translations", "location_translations"])
def test_another_organisation_gets_404(name, client_for, location, service, leitung_b):
    pk = service.pk if name == "service_translations" else location.pk
    url = reverse(f"appointments:{name}", args=[pk])
    assert login(leitung_b).get(url).status_code == 404
    assert login(leitung_b).post(url, _post_data(ar_name="x")).status_code == 404
    for persona in ("lotsin_b", "cm_a", "jobcenter_a", "admin_a"):
        assert client_for(persona).get(url).status_code == 404
    service.refresh_from_db()
    assert service.translations["ar"]["name"] == "تمديد"


def test_anonymous_is_sent_to_the_login(location, service):
    url = reverse("appointments:service_translations", args=[service.pk])
    response = Client().get(url)
    assert response.status_code == 302 and "/anmelden/" in response["Location"]


# --- the page --------------------------------------------------------------------------------


def test_the_page_has_a_fieldset_per_language_with_rtl_inputs(location, service, leitung_a):
    url = reverse("appointments:service_translations", args=[service.pk])
    page = login(leitung_a).get(url).content.decode()
    assert page.count("<fieldset") == len(tr.TRANSLATION_LANGUAGES) == 6
    assert 'lang="uk" dir="ltr">Українська</span>' in page
    assert 'id="id_ar_name"' in page
    ar_input = _tag(page, "ar_name")
    assert 'lang="ar"' in ar_input and 'dir="rtl"' in ar_input and 'value="تمديد"' in ar_input
    fa_input = _tag(page, "fa_description")
    assert 'lang="fa"' in fa_input and 'dir="rtl"' in fa_input
    assert 'lang="en"' in _tag(page, "en_name") and 'dir="ltr"' in _tag(page, "en_name")
    # The German original is the hint of each field, marked as German.
    assert 'Deutsch: <span lang="de">Reisepass<br>Foto</span>' in page
    assert 'aria-describedby="id_tr_name_helptext"' in page
    assert 'maxlength="200"' in page and 'maxlength="300"' in page


# --- saving ----------------------------------------------------------------------------------


def test_saving_shows_the_translation_in_the_portal(client, location, service, leitung_a):
    assert "تمديد" in _portal_services(client, location, "ar")
    url = reverse("appointments:service_translations", args=[service.pk])
    response = login(leitung_a).post(
        url,
        _post_data(
            ar_name="تمديد تصريح الإقامة",
            ar_description="وصف جديد",
            ar_documents="  جواز السفر \n\n صورة  ",
            tr_name="Oturma iznini uzatma",
        ),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("appointments:overview")
    assert "Die Übersetzungen sind gespeichert." in response.content.decode()
    service.refresh_from_db()
    assert service.translations["ar"] == {
        "name": "تمديد تصريح الإقامة",
        "description": "وصف جديد",
        "documents": "جواز السفر\nصورة",
    }
    assert service.translations["tr"] == {"name": "Oturma iznini uzatma"}
    assert "en" not in service.translations
    assert "تمديد تصريح الإقامة" in _portal_services(client, location, "ar")
    # Turkish has a name only: the description falls back to German.
    turkish = _portal_services(client, location, "tr")
    assert "Oturma iznini uzatma" in turkish and "Beschreibung" in turkish
    event = Event.objects.get(activity="appointment.service_translated")
    assert event.actor == leitung_a and event.payload == {"complete": ["ar"], "partial": ["tr"]}


def test_an_emptied_field_falls_back_to_german_in_the_portal(client, location, service, leitung_a):
    url = reverse("appointments:service_translations", args=[service.pk])
    response = login(leitung_a).post(url, _post_data(service))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.translations == {}
    arabic = _portal_services(client, location, "ar")
    assert "تمديد" not in arabic and service.name in arabic


def test_too_long_text_is_refused_and_nothing_is_saved(location, service, leitung_a):
    url = reverse("appointments:service_translations", args=[service.pk])
    response = login(leitung_a).post(
        url, _post_data(en_name="Extend residence permit", ar_name="ا" * 201)
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bitte prüfen Sie die markierten Felder. Es wurde nichts gespeichert." in page
    assert "höchstens 200 Zeichen" in page
    assert 'aria-invalid="true"' in page
    service.refresh_from_db()
    assert service.translations == {
        "ar": {"name": "تمديد", "description": "وصف", "documents": "جواز السفر"}
    }
    assert not Event.objects.filter(activity="appointment.service_translated").exists()


def test_keys_and_languages_the_page_does_not_edit_are_kept(location, service, leitung_a):
    service.translations = {"ar": {"name": "تمديد", "old": "x"}, "pl": {"name": "Przedłużenie"}}
    service.save()
    url = reverse("appointments:service_translations", args=[service.pk])
    assert login(leitung_a).post(url, _post_data(service, en_name="Extension")).status_code == 302
    service.refresh_from_db()
    assert service.translations == {
        "ar": {"old": "x"},
        "pl": {"name": "Przedłużenie"},
        "en": {"name": "Extension"},
    }


def test_two_pages_opened_on_the_same_state_keep_both_changes(location, service, leitung_a):
    """A changes Arabic, B (opened before A saved) changes Turkish: both are kept, and B does
    not bring back the Arabic text A replaced (only changed fields are merged)."""
    url = reverse("appointments:service_translations", args=[service.pk])
    first, second = (
        login(leitung_a),
        login(make_user("admin_abh_a", Role.ADMIN, leitung_a.organisation)),
    )
    page_a, page_b = _opened(first, url), _opened(second, url)
    assert page_a["ar_name"] == "تمديد" and page_a["initial-ar_name"] == "تمديد"
    page_a["ar_name"] = "تمديد الإقامة"
    page_b["tr_name"] = "Oturma iznini uzatma"
    assert first.post(url, page_a).status_code == 302
    assert second.post(url, page_b).status_code == 302
    service.refresh_from_db()
    assert service.translations["ar"]["name"] == "تمديد الإقامة"
    assert service.translations["tr"] == {"name": "Oturma iznini uzatma"}
    assert service.translations["ar"]["description"] == "وصف"
    # a page sent back unchanged changes nothing
    before = service.translations
    assert first.post(url, _opened(first, url)).status_code == 302
    service.refresh_from_db()
    assert service.translations == before


def test_fee_note_is_translatable(location, service, leitung_a):
    service.fee_note = "100 Euro"
    service.save()
    url = reverse("appointments:service_translations", args=[service.pk])
    login(leitung_a).post(url, _post_data(en_fee_note="100 euros"))
    service.refresh_from_db()
    assert service.localized("en").fee_note == "100 euros"
    assert service.localized("ar").fee_note == "100 Euro"


def test_location_note_translation_reaches_the_cached_portal_page(client, location, leitung_a):
    location.note = "Eingang B"
    location.save()
    assert "Eingang B" in _portal_services(client, location, "fa")  # now cached for a moment
    url = reverse("appointments:location_translations", args=[location.pk])
    data = {f"{code}_note": "" for code in tr.TRANSLATION_LANGUAGES}
    data["fa_note"] = "ورودی B"
    response = login(leitung_a).post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("appointments:location_detail", args=[location.pk])
    assert "ورودی B" in _portal_services(client, location, "fa")
    assert "Eingang B" in _portal_services(client, location, "en")
    detail = login(leitung_a).get(response["Location"]).content.decode()
    assert 'Übersetzt: <abbr title="Persisch (Farsi)">FA</abbr>' in detail
    assert reverse("appointments:location_translations", args=[location.pk]) in detail


# --- status on the lists ---------------------------------------------------------------------


def test_overview_shows_which_languages_are_translated(client_for, location, service, leitung_a):
    page = login(leitung_a).get(reverse("appointments:overview")).content.decode()
    assert 'Übersetzt: <abbr title="Arabisch">AR</abbr>' in page
    assert 'Fehlt: <abbr title="Englisch">EN</abbr>, <abbr title="Ukrainisch">UK</abbr>' in page
    assert reverse("appointments:service_translations", args=[service.pk]) in page
    assert "kein Text zum Übersetzen" in page  # the location has no visitor note
    read_only = client_for("front_a").get(reverse("appointments:overview")).content.decode()
    assert "Übersetzt:" in read_only
    assert reverse("appointments:service_translations", args=[service.pk]) not in read_only


def test_status_counts_only_fields_with_german_text(orgs, location):
    service = Service(organisation=orgs["abh_a"], name="Pass", description="", documents="")
    service.translations = {"en": {"name": "Passport"}, "uk": {"description": "Опис"}}
    status = tr.translation_status(service)
    assert status.state("en") == tr.State.COMPLETE
    assert status.state("uk") == tr.State.MISSING
    service.description = "Beschreibung"
    assert tr.translation_status(service).state("en") == tr.State.PARTIAL
    assert tr.translation_status(service).state("uk") == tr.State.PARTIAL


_text = st.text(alphabet="abcأب", max_size=3)


@given(
    current=st.dictionaries(
        st.sampled_from(["en", "ar", "pl"]),
        st.dictionaries(st.sampled_from(["name", "note", "old"]), _text, max_size=3),
        max_size=3,
    ),
    edited=st.dictionaries(
        st.sampled_from(["en", "ar"]),
        st.dictionaries(st.sampled_from(["name", "note"]), _text, max_size=2),
        max_size=2,
    ),
)
def test_merge_replaces_exactly_the_edited_keys(current, edited):
    result = tr.merged(current, edited, ["name", "note"])
    for code, values in edited.items():
        for key, text in values.items():
            assert result.get(code, {}).get(key) == (text or None)
    for code, values in current.items():
        for key, text in values.items():
            if key not in edited.get(code, {}) or key not in ("name", "note"):
                assert result[code][key] == text
    assert all(result[code] for code in edited if code in result), "no empty entries"
