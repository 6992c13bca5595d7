"""The retention rules of an organisation: the Leitung reads them, the ADMIN changes them.

Neither page shows any person's data; other roles get 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.consent import retention, services
from lotse.consent.forms import RetentionRuleForm
from lotse.core import policy
from lotse.core.forms import add_validation_errors
from lotse.core.models import Role, User

READ_ROLES = frozenset({Role.ADMIN, Role.LEITUNG})


def _reader(request: HttpRequest) -> User:
    user = policy.staff_user(request)
    if user.role not in READ_ROLES or not user.organisation_id:
        raise Http404
    return user


@login_required
def retention_rules(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    organisation = policy.organisation_of(user)
    rules = retention.effective_rules(organisation)
    rows = [(h, rules[h.record_type]) for h in retention.handlers()]
    return render(
        request,
        "consent/retention_rules.html",
        {"rows": rows, "organisation": organisation, "may_change": user.role == Role.ADMIN},
    )


@login_required
def retention_rule_edit(request: HttpRequest, record_type: str) -> HttpResponse:
    user = _reader(request)
    handler = retention.handler_for(record_type)
    if handler is None:
        raise Http404
    if user.role != Role.ADMIN:
        raise PermissionDenied
    rule = retention.effective_rule(policy.organisation_of(user), record_type)
    assert rule is not None
    form = RetentionRuleForm(
        request.POST or None,
        actions=handler.actions,
        initial={"months": rule.months, "action": rule.action},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.retention_rule_set(
                by=user,
                record_type=record_type,
                months=form.cleaned_data["months"],
                action=form.cleaned_data["action"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Die Aufbewahrungsregel ist gespeichert."))
            return redirect("consent:retention")
    return render(
        request,
        "consent/retention_rule_form.html",
        {"form": form, "handler": handler, "rule": rule},
    )
