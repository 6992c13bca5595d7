"""Browser fixtures: Debian's Chromium through Playwright, an axe-core scan for every page.

One Chromium process serves a run of consecutive browser tests in a worker (session-wide in
practice, because browser tests are ordered last); every test gets its own context, so cookies
and sessions never leak from one test into the next.

Playwright's sync API keeps an asyncio loop "running" in the main thread while it is started.
Django refuses ORM calls when it sees such a loop (SynchronousOnlyOperation), and other code
(`async_to_sync`, `asyncio.run`) refuses to run at all. So Chromium is stopped as soon as the
next test in the worker is not a browser test, and Django's check is switched off only while
Playwright runs (the ORM calls of these tests are plain synchronous calls in the test thread).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from lotse.core import tenancy
from lotse.core.models import User
from lotse.people.models import Person
from lotse.people.services import PersonData, person_create
from tests.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SOURCE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTIFACTS = Path(settings.PROJECT_DIR) / "test-artifacts"


# --- ordering and the browser process ----------------------------------------------------------


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run browser tests after all others, so one Chromium serves them all in each worker."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


class _Chromium:
    """Starts Playwright and Chromium on first use; `stop` ends both."""

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._async_unsafe: str | None = None

    def get(self) -> Browser:
        if self._browser is None:
            if not Path(CHROMIUM).exists():
                pytest.fail(
                    f"{CHROMIUM} fehlt: apt-get install chromium (nie einen Browser herunterladen)"
                )
            self._async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
        return self._browser

    def stop(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None
            if self._async_unsafe is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = self._async_unsafe


_CHROMIUM = _Chromium()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    yield  # function fixtures (pages, database) are gone now
    if nextitem is None or nextitem.get_closest_marker("browser") is None:
        _CHROMIUM.stop()


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed


@pytest.fixture(scope="session")
def browser() -> Iterator[_Chromium]:
    yield _CHROMIUM
    _CHROMIUM.stop()


# --- pages, axe and screenshots --------------------------------------------------------------


@dataclass
class _Visits:
    """Main-frame documents a page showed and which of them were scanned by axe."""

    urls: list[str] = field(default_factory=list)
    scanned: set[int] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


_VISITS: dict[int, _Visits] = {}


@pytest.fixture
def page(browser: _Chromium, live_server: Any, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh German-speaking browser tab on the live server; axe is injected into every
    document. At the end every document it showed must have been scanned by `axe_check`."""
    context = browser.get().new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    # Init scripts run through the DevTools protocol, so the app's strict CSP stays untouched.
    context.add_init_script(path=AXE_SOURCE)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    visits = _Visits()
    _VISITS[id(tab)] = visits

    def navigated(frame: Any) -> None:
        if frame == tab.main_frame:
            visits.urls.append(frame.url)

    def console(message: Any) -> None:
        # A CSP violation means something on the page does not work for real users.
        if message.type == "error" and "Content Security Policy" in message.text:
            visits.problems.append(message.text)

    tab.on("framenavigated", navigated)
    tab.on("console", console)
    tab.on("pageerror", lambda error: visits.problems.append(f"JavaScript-Fehler: {error}"))
    try:
        yield tab
        if not request.node.stash.get(_CALL_FAILED, True):
            unscanned = [url for i, url in enumerate(visits.urls) if i not in visits.scanned]
            assert not unscanned, f"Seiten ohne axe-Prüfung: {unscanned}"
    finally:
        _VISITS.pop(id(tab), None)
        context.close()


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary']}".replace("\n", " "))
    return "\n".join(lines)


@pytest.fixture
def axe_check() -> Callable[[Page], None]:
    """Scan the current document with axe-core (WCAG 2.1 A/AA) and fail on any violation,
    on a CSP violation or a JavaScript error."""

    def check(tab: Page) -> None:
        tab.wait_for_load_state("load")
        visits = _VISITS[id(tab)]
        assert tab.evaluate("() => typeof window.axe === 'object'"), "axe-core fehlt auf der Seite"
        result = tab.evaluate(
            """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']})
                 .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                   helpUrl: v.helpUrl, nodes: v.nodes.map(n => ({target: n.target.join(' '),
                   failureSummary: n.failureSummary}))})))""",
            WCAG_TAGS,
        )
        url = tab.url
        assert not result, (
            f"axe: {len(result)} Verstöße gegen WCAG 2.1 A/AA auf {url}:\n{_describe(result)}"
        )
        assert not visits.problems, f"Probleme im Browser auf {url}: {visits.problems}"
        if visits.urls:
            visits.scanned.add(len(visits.urls) - 1)

    return check


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """A full-page PNG in test-artifacts/ (gitignored) for people to look at."""

    def take(tab: Page, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path

    return take


# --- journeys' building blocks ---------------------------------------------------------------


@pytest.fixture
def log_in(axe_check: Callable[[Page], None]) -> Callable[..., None]:
    """Log in through the form; the log-in page and the page it leads to are scanned."""

    def do(tab: Page, username: str, password: str = PASSWORD) -> None:
        tab.goto("/anmelden/")
        axe_check(tab)
        tab.get_by_label("Benutzername").fill(username)
        tab.get_by_label("Passwort").fill(password)
        tab.locator("main").get_by_role("button", name="Anmelden").click()
        tab.wait_for_url(lambda url: not url.endswith("/anmelden/"))
        axe_check(tab)

    return do


@pytest.fixture
def make_person() -> Callable[..., Person]:
    """Record a person through the real service, as the given user."""

    def make(by: User, family_name: str, given_names: str = "", **fields: Any) -> Person:
        with tenancy.system_context():
            return person_create(
                by=by, data=PersonData(family_name=family_name, given_names=given_names, **fields)
            )

    return make
