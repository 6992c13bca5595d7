"""The one permission vocabulary of Lotse (architecture §5).

`can(user, action, obj)` answers yes or no; `queryset(user, action, model)` narrows a model to
what the user may act on; `get_or_404` is the access helper views use: "missing" and "not yours"
both become 404, so nobody learns that a record exists in another organisation. Cross-organisation
reads of person data will go through `consent.disclosure` on top of this.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from lotse.core.models import PERSON_ROLES, Organisation, Role, User

M = TypeVar("M", bound=models.Model)

# Who may do what with person records of their own organisation.
PERSON_ACTIONS: dict[str, frozenset[str]] = {
    "view": frozenset(PERSON_ROLES),
    "change": frozenset(PERSON_ROLES - {Role.FRONTOFFICE}),
    "create": frozenset(PERSON_ROLES - {Role.FRONTOFFICE}),
    "import": frozenset({Role.LOTSIN, Role.ABH_SB, Role.EBH_SB, Role.CASE_MANAGER}),
}
TENANT_ADMIN_ROLES = frozenset({Role.ADMIN})


@dataclass(frozen=True)
class ModelRules:
    """An app's answer for its own models: `may(user, action)` for menus and buttons, and
    `narrow(user, action, queryset)` for the records (called only when `may` said yes)."""

    may: Callable[[User, str], bool]
    narrow: Callable[[User, str, models.QuerySet[Any]], models.QuerySet[Any]]


_APP_RULES: dict[str, ModelRules] = {}


def register(model: type[models.Model], rules: ModelRules) -> None:
    """Apps add the rules for their models from `AppConfig.ready()`, so this module stays the
    one vocabulary without knowing every app (architecture §5)."""
    _APP_RULES[model._meta.label_lower] = rules


def _active_staff(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.is_active and user.organisation_id
    )


def may(user: Any, action: str, model: type[models.Model]) -> bool:
    """Whether the user may perform `action` on records of `model` at all (menus, buttons)."""
    if not _active_staff(user):
        return False
    label = model._meta.label_lower
    if label == "people.person":
        return user.role in PERSON_ACTIONS.get(action, frozenset())
    if label in {"core.organisation", "core.user"}:
        return user.role in TENANT_ADMIN_ROLES
    if label in _APP_RULES:
        return _APP_RULES[label].may(user, action)
    return False


def queryset(user: Any, action: str, model: type[M]) -> models.QuerySet[M]:
    """The records of `model` the user may perform `action` on."""
    manager = model._default_manager
    if not may(user, action, model):
        return manager.none()
    label = model._meta.label_lower
    if label == "people.person":
        # A person's data belongs to the organisation that recorded it (architecture §4).
        return manager.filter(organisation_id=user.organisation_id)
    if label == "core.organisation":
        return manager.filter(kommune_id=user.organisation.kommune_id)
    if label == "core.user":
        return manager.filter(organisation__kommune_id=user.organisation.kommune_id)
    if label in _APP_RULES:
        return _APP_RULES[label].narrow(user, action, manager.all())
    return manager.none()


def can(user: Any, action: str, obj: models.Model) -> bool:
    return queryset(user, action, type(obj)).filter(pk=obj.pk).exists()


def require(user: Any, action: str, obj: models.Model) -> None:
    if not can(user, action, obj):
        raise PermissionDenied


def require_may(user: Any, action: str, model: type[models.Model]) -> None:
    if not may(user, action, model):
        raise PermissionDenied


def get_or_404(
    user: Any,
    model: type[M],
    pk: Any,
    *,
    action: str = "view",
    query: Callable[[models.QuerySet[M]], models.QuerySet[M]] | None = None,
) -> M:
    """Fetch one record the user may see; 404 for missing and for "not yours" alike.

    With action="change" a record the user may see but not change gives 403.
    """
    visible = queryset(user, "view", model)
    if query is not None:
        visible = query(visible)
    try:
        obj = visible.get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError) as exc:  # type: ignore[attr-defined]
        raise Http404 from exc
    if action != "view" and not can(user, action, obj):
        raise PermissionDenied
    return obj


def organisation_of(user: User) -> Organisation:
    if not user.organisation_id:
        raise PermissionDenied
    return user.organisation  # type: ignore[return-value]


def staff_user(request: Any) -> User:
    """The logged-in staff account of a request (views are behind login_required/token auth)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
