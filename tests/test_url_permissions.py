"""Every URL pattern must have a permission test (quality.md), and anonymous access to every
non-public URL must fail. A new URL without an entry here fails this test.

Apps added later keep their entries beside their tests: `tests/<app>/.../url_permissions.py` with a
`PERMISSION_TESTS` dict and, for pages the public may open, a `PUBLIC` set; they are merged here.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# URL name → where its persona tests live (who may, who gets 404/403).
PERMISSION_TESTS = {
    "core:home": "tests/core/test_auth.py",
    "core:login": "tests/core/test_auth.py",
    "core:second_factor": "tests/core/test_auth.py",
    "core:logout": "tests/core/test_auth.py",
    "core:account": "tests/core/test_auth.py",
    "core:password_change": "tests/core/test_auth.py",
    "core:api_token_revoke": "tests/core/test_auth.py",
    "core:admin_home": "tests/core/test_admin_views.py",
    "core:organisation_create": "tests/core/test_admin_views.py",
    "core:organisation_edit": "tests/core/test_admin_views.py",
    "core:user_create": "tests/core/test_admin_views.py",
    "core:user_edit": "tests/core/test_admin_views.py",
    "core:user_reset_second_factor": "tests/core/test_admin_views.py",
    "core:accessibility": "tests/core/test_public_pages.py",
    "core:easy_language": "tests/core/test_public_pages.py",
    "set_language": "tests/core/test_public_pages.py",
    "people:list": "tests/people/test_views.py",
    "people:create": "tests/people/test_views.py",
    "people:import": "tests/people/test_import_views.py",
    "people:import_confirm": "tests/people/test_import_views.py",
    "people:export_all": "tests/people/test_views.py",
    "people:detail": "tests/people/test_views.py",
    "people:edit": "tests/people/test_views.py",
    "people:status_add": "tests/people/test_views.py",
    "people:status_delete": "tests/people/test_views.py",
    "people:export": "tests/people/test_views.py",
    "people:relation_add": "tests/people/test_views.py",
    "people:relation_remove": "tests/people/test_views.py",
    "consent:give": "tests/consent/test_views.py",
    "consent:legal_basis": "tests/consent/test_views.py",
    "consent:detail": "tests/consent/test_views.py",
    "consent:revoke": "tests/consent/test_views.py",
    "consent:correct": "tests/consent/test_views.py",
    "consent:print": "tests/consent/test_views.py",
    "consent:pdf": "tests/consent/test_views.py",
    "consent:scan": "tests/consent/test_views.py",
    "pathways:worklist": "tests/pathways/test_app.py",
    "pathways:worklist_export": "tests/pathways/test_app.py",
    "pathways:forecast": "tests/pathways/test_app.py",
    "pathways:handovers": "tests/pathways/test_app.py",
    "pathways:take_over": "tests/pathways/test_app.py",
    "pathways:step_status": "tests/pathways/test_app.py",
    "pathways:what_if": "tests/pathways/test_app.py",
    "pathways:handover": "tests/pathways/test_app.py",
    "api": "tests/people/test_api.py",
    "admin": "tests/core/test_admin_views.py",
}
PUBLIC = {
    "core:login",
    "core:accessibility",
    "core:easy_language",
    "set_language",
    "core:logout",  # only accepts POST and logs nobody in
    "api:openapi-json",
    "api:openapi-view",
}  # the API description holds no data


def _merge_app_entries() -> None:
    root = Path(__file__).parent
    for module_file in sorted(root.glob("*/**/url_permissions.py")):
        dotted = ".".join(module_file.relative_to(root).with_suffix("").parts)
        module = importlib.import_module(f"tests.{dotted}")
        PERMISSION_TESTS.update(getattr(module, "PERMISSION_TESTS", {}))
        PUBLIC.update(getattr(module, "PUBLIC", set()))


_merge_app_entries()


def _patterns(resolvers=None, prefix="", namespace=""):
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield namespace, entry.name, prefix + str(entry.pattern)


def _key(namespace, name):
    if namespace in ("api", "admin"):
        return namespace
    return f"{namespace}:{name}" if namespace else name


def _concrete(route: str) -> str:
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<(?:str:|slug:)?\w+>", "x", route)
    route = route.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")
    return "/" + route


def test_every_url_has_a_permission_test():
    keys = {_key(ns, name) for ns, name, _route in _patterns()}
    missing = sorted(keys - set(PERMISSION_TESTS))
    assert not missing, f"URL patterns without permission tests: {missing}"


@pytest.mark.django_db
def test_anonymous_cannot_open_any_non_public_url(client):
    for namespace, name, route in _patterns():
        if f"{namespace}:{name}" in PUBLIC or name in PUBLIC or "(?P" in route:
            continue
        url = _concrete(route)
        if namespace == "admin":
            continue  # Django admin has its own login; covered in test_admin_views
        for method in (client.get, client.post):
            status = method(url).status_code
            assert status in (302, 401, 404, 405), f"{method.__name__.upper()} {url} gave {status}"
