"""Views of the core app: log-in with second factor, start page, account, tenant
administration, accessibility statement, Leichte Sprache, error pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse.core import policy, selectors, services, twofactor
from lotse.core.context_processors import start_blocks
from lotse.core.forms import (
    ApiTokenForm,
    FeedbackForm,
    LoginForm,
    NewUserForm,
    OrganisationForm,
    PasswordForm,
    SecondFactorForm,
    UserForm,
    add_validation_errors,
    user_initial,
)
from lotse.core.models import ApiToken, Organisation, User

MSG_LOGIN_FAILED = gettext_lazy("Benutzername oder Passwort ist falsch.")
MSG_LOCKED = gettext_lazy(
    "Zu viele Fehlversuche. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut."
)
MSG_TOKEN_WRONG = gettext_lazy(
    "Der Einmalcode stimmt nicht. Bitte geben Sie den aktuellen Code ein."
)


def _client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        ip = _client_ip(request)
        if services.login_locked(username=username, ip=ip):
            form.add_error(None, MSG_LOCKED)
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                services.login_failed(username=username, ip=ip)
                form.add_error(None, MSG_LOGIN_FAILED)
            else:
                login(request, user)
                services.login_succeeded(user=user)
                if twofactor.needs_second_factor(user):
                    return redirect("core:second_factor")
                return redirect(_safe_next(request) or "core:home")
    return render(request, "core/login.html", {"form": form, "next": _safe_next(request) or ""})


@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified() or not twofactor.needs_second_factor(user):  # type: ignore[union-attr]
        return redirect("core:home")
    device = twofactor.confirmed_device(user)
    setting_up = device is None
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify(request, form.cleaned_data["token"]):
            if setting_up:
                messages.success(request, _("Der zweite Faktor ist eingerichtet."))
            return redirect("core:home")
        form.add_error("token", MSG_TOKEN_WRONG)
    context: dict[str, Any] = {"form": form, "setting_up": setting_up}
    if setting_up:
        pending = twofactor.pending_device(user)
        context["qr"] = twofactor.qr_code_data_uri(pending)
        context["secret"] = twofactor.secret_for_manual_entry(pending)
    return render(request, "core/second_factor.html", context)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("Sie sind abgemeldet."))
    return redirect("core:login")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = selectors.start_page(user=policy.staff_user(request))
    context["start_blocks"] = start_blocks(request)
    return render(request, "core/home.html", context)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = policy.staff_user(request)
    form = ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        _token, new_secret = services.api_token_create(user=user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=user)
    return render(
        request, "core/account.html", {"form": form, "tokens": tokens, "new_secret": new_secret}
    )


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_change(request=request, form=form)
        messages.success(request, _("Ihr Passwort ist geändert."))
        return redirect("core:account")
    return render(request, "core/password_change.html", {"form": form})


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(
        ApiToken, pk=pk, user=policy.staff_user(request), revoked_at__isnull=True
    )
    services.api_token_revoke(user=policy.staff_user(request), token=token)
    messages.success(request, _("Der Token ist widerrufen."))
    return redirect("core:account")


# --- tenant administration -------------------------------------------------------------------


@login_required
def admin_home(request: HttpRequest) -> HttpResponse:
    policy.require_may(policy.staff_user(request), "view", Organisation)
    organisations = policy.queryset(policy.staff_user(request), "view", Organisation)
    users = (
        policy.queryset(policy.staff_user(request), "view", User)
        .select_related("organisation")
        .order_by("organisation__name", "username")
    )
    return render(request, "core/admin_home.html", {"organisations": organisations, "users": users})


@login_required
def organisation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    policy.require_may(policy.staff_user(request), "change", Organisation)
    organisation = (
        policy.get_or_404(policy.staff_user(request), Organisation, pk, action="change")
        if pk
        else None
    )
    initial = (
        {
            "name": organisation.name,
            "kind": organisation.kind,
            "is_active": organisation.is_active,
            "require_second_factor": organisation.require_second_factor,
        }
        if organisation
        else None
    )
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if organisation:
                services.organisation_update(
                    by=policy.staff_user(request), organisation=organisation, **form.cleaned_data
                )
            else:
                services.organisation_create(
                    by=policy.staff_user(request),
                    **{k: v for k, v in form.cleaned_data.items() if k != "is_active"},
                )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Die Organisation ist gespeichert."))
            return redirect("core:admin_home")
    return render(
        request, "core/organisation_form.html", {"form": form, "organisation": organisation}
    )


@login_required
def user_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    policy.require_may(policy.staff_user(request), "change", User)
    account = (
        policy.get_or_404(policy.staff_user(request), User, pk, action="change") if pk else None
    )
    organisations = policy.queryset(policy.staff_user(request), "change", Organisation)
    form_class = UserForm if account else NewUserForm
    form = form_class(
        request.POST or None,
        organisations=organisations,
        initial=user_initial(account) if account else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if account:
                services.user_update(
                    by=policy.staff_user(request), user=account, **form.cleaned_data
                )
            else:
                services.user_create(
                    by=policy.staff_user(request),
                    **{k: v for k, v in form.cleaned_data.items() if k != "is_active"},
                )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Das Konto ist gespeichert."))
            return redirect("core:admin_home")
    return render(request, "core/user_form.html", {"form": form, "account": account})


@login_required
@require_POST
def user_reset_second_factor(request: HttpRequest, pk: int) -> HttpResponse:
    account = policy.get_or_404(policy.staff_user(request), User, pk, action="change")
    twofactor.reset(user=account, by=policy.staff_user(request))
    messages.success(
        request,
        _(
            "Der zweite Faktor ist zurückgesetzt. "
            "Die Person richtet ihn bei der nächsten Anmeldung neu ein."
        ),
    )
    return redirect("core:user_edit", pk=account.pk)


# --- public pages ----------------------------------------------------------------------------


def accessibility(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.accessibility_feedback_submit(**form.cleaned_data)
        messages.success(
            request,
            _(
                "Vielen Dank. Wir haben Ihre Rückmeldung erhalten "
                "und antworten innerhalb von sechs Wochen."
            ),
        )
        return redirect("core:accessibility")
    return render(request, "core/accessibility.html", {"form": form})


def easy_language(request: HttpRequest) -> HttpResponse:
    return render(request, "core/easy_language.html")


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
