"""The project's field template (core/forms/field.html): a radio or checkbox group is a
fieldset, and its hint is linked to the group, since Django 5.2 leaves that to the template for
widgets that use a fieldset."""

from __future__ import annotations

import re

from django import forms

from lotse.core.forms import KernForm


class _Choice(KernForm):
    scope = forms.ChoiceField(
        label="Wo?",
        choices=[("a", "Hier"), ("b", "Überall")],
        widget=forms.RadioSelect,
        help_text="Ein Hinweis.",
    )
    days = forms.MultipleChoiceField(
        label="Tage",
        choices=[("1", "Montag"), ("2", "Dienstag")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def _fieldset(html: str, name: str) -> str:
    match = re.search(rf'<fieldset[^>]*>\s*<legend class="kern-label">{name}', html)
    assert match, name
    return match.group(0)


def test_the_hint_of_a_radio_group_describes_the_fieldset():
    html = str(_Choice())
    assert 'aria-describedby="id_scope_helptext"' in _fieldset(html, "Wo\\?")
    assert '<div class="kern-hint" id="id_scope_helptext">Ein Hinweis.</div>' in html
    # without a hint the group has nothing to point to
    assert "aria-describedby" not in _fieldset(html, "Tage")


def test_with_an_error_the_inputs_carry_error_and_hint():
    html = str(_Choice({"scope": ""}))
    assert "aria-describedby" not in _fieldset(html, "Wo\\?")  # not twice
    radio = re.search(r'<input type="radio"[^>]*>', html)
    assert radio
    assert 'aria-describedby="id_scope_error id_scope_helptext"' in radio.group(0)
    assert 'aria-invalid="true"' in radio.group(0)
