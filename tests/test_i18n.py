"""The English catalogue is complete, well-formed and in step with the code.

`lotse/locale/en/LC_MESSAGES/django.po` is parsed directly (no compiled .mo needed). The
staleness check runs `makemessages` on a temporary copy of the sources, so it never writes into
the repository; it needs GNU gettext and is skipped without it. Fix failures as described in
docs/translations.md: `make messages-update`, translate, `make messages`.
"""

from __future__ import annotations

import ast
import gettext
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "lotse"
CATALOGUE = SOURCE / "locale" / "en" / "LC_MESSAGES" / "django.po"
HOW_TO_FIX = (
    "Run `make messages-update`, translate the new or changed entries in "
    "lotse/locale/en/LC_MESSAGES/django.po (no empty msgstr, no '#, fuzzy'), "
    "then `make messages`. See docs/translations.md."
)
# Same options as `make messages-update`.
MAKEMESSAGES_ARGS = ["makemessages", "-l", "en", "--no-obsolete", "-i", "migrations/*"]
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|\{\{\s*\w+\s*\}\}")


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    def where(self) -> str:
        context = f" (context {self.msgctxt!r})" if self.msgctxt is not None else ""
        return f"django.po:{self.line}: {self.msgid!r}{context}"


def parse_entries(text: str) -> list[Entry]:
    """All non-obsolete entries of a PO file, header included (msgid "")."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int] | None = None
    seen_msgid = False

    def finish() -> None:
        nonlocal current, target, seen_msgid
        if seen_msgid:
            entries.append(current)
        current, target, seen_msgid = Entry(), None, False

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if seen_msgid and current.msgstr:
                finish()
            if line.startswith("#,"):
                current.flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith('"'):
            assert target is not None, f"django.po:{number}: continuation line without keyword"
            value = ast.literal_eval(line)
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += value
            else:
                setattr(current, name, (getattr(current, name) or "") + value)
            continue
        keyword, _sep, rest = line.partition(" ")
        value = ast.literal_eval(rest)
        if keyword in ("msgctxt", "msgid") and current.msgstr:
            finish()
        if keyword == "msgid":
            current.msgid, current.line, seen_msgid = value, number, True
            target = ("msgid", 0)
        elif keyword in ("msgctxt", "msgid_plural"):
            setattr(current, keyword, value)
            target = (keyword, 0)
        elif keyword == "msgstr":
            current.msgstr[0] = value
            target = ("msgstr", 0)
        elif keyword.startswith("msgstr["):
            index = int(keyword[len("msgstr[") : -1])
            current.msgstr[index] = value
            target = ("msgstr", index)
        else:
            raise AssertionError(f"django.po:{number}: unexpected line {raw!r}")
    finish()
    return entries


def _compile_messages() -> ModuleType:
    path = ROOT / "scripts" / "compile_messages.py"
    spec = importlib.util.spec_from_file_location("lotse_compile_messages", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def catalogue() -> tuple[str, list[Entry]]:
    assert CATALOGUE.exists(), f"{CATALOGUE} is missing. {HOW_TO_FIX}"
    text = CATALOGUE.read_text(encoding="utf-8")
    return text, parse_entries(text)


def test_header_declares_english_with_two_plural_forms(catalogue: tuple[str, list[Entry]]) -> None:
    _text, entries = catalogue
    header = next(e for e in entries if e.msgid == "" and e.msgctxt is None)
    assert "fuzzy" not in header.flags, "The catalogue header is still marked fuzzy."
    assert "Language: en\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header.msgstr[0]


def test_every_message_is_translated(catalogue: tuple[str, list[Entry]]) -> None:
    _text, entries = catalogue
    problems = []
    for entry in entries:
        if entry.msgid == "":
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"{entry.where()} is fuzzy")
        expected = 2 if entry.msgid_plural is not None else 1
        if len(entry.msgstr) != expected or not all(entry.msgstr.values()):
            problems.append(f"{entry.where()} has an empty translation")
    assert not problems, "\n".join([*problems, HOW_TO_FIX])


def test_translations_keep_placeholders(catalogue: tuple[str, list[Entry]]) -> None:
    _text, entries = catalogue
    problems = []
    for entry in entries:
        for index, translation in entry.msgstr.items():
            used = set(PLACEHOLDER.findall(translation))
            if entry.msgid_plural is None:
                ok = used == set(PLACEHOLDER.findall(entry.msgid))
            elif index == 0:  # a singular form may leave out the count ("One result")
                ok = used <= set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
            else:
                ok = used == set(PLACEHOLDER.findall(entry.msgid_plural))
            if not ok:
                problems.append(f"{entry.where()}: placeholders differ in msgstr[{index}]")
    assert not problems, "\n".join(problems)


def test_compiled_catalogue_translates_every_entry(
    catalogue: tuple[str, list[Entry]], tmp_path: Path
) -> None:
    """scripts/compile_messages.py (what `make messages` runs) ships every entry."""
    text, entries = catalogue
    compiler = _compile_messages()
    mo = tmp_path / "django.mo"
    compiler.write_mo(compiler.parse_po(text), mo)
    with mo.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.gettext("Anmelden") == "Log in"
    missing = []
    for entry in entries:
        if entry.msgid == "":
            continue
        if entry.msgid_plural is None:
            got = (
                translations.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt is not None
                else translations.gettext(entry.msgid)
            )
            if got != entry.msgstr[0]:
                missing.append(entry.where())
        else:
            for n, index in ((1, 0), (2, 1)):
                got = (
                    translations.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                    if entry.msgctxt is not None
                    else translations.ngettext(entry.msgid, entry.msgid_plural, n)
                )
                if got != entry.msgstr[index]:
                    missing.append(f"{entry.where()} [n={n}]")
    assert not missing, "\n".join(["Not in the compiled catalogue:", *missing])


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) not installed")
def test_gnu_msgfmt_accepts_catalogue(tmp_path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "check.mo"), str(CATALOGUE)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def _copy_sources(target: Path) -> None:
    """Only what makemessages reads for the `django` domain; no locale/ directories."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = set()
        for name in names:
            path = Path(directory) / name
            if path.is_dir():
                if name in ("locale", "__pycache__") or name.startswith("."):
                    skipped.add(name)
            elif path.suffix not in (".py", ".html", ".txt"):
                skipped.add(name)
        return skipped

    shutil.copytree(SOURCE, target, ignore=ignore)


@pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in GETTEXT_TOOLS),
    reason="GNU gettext tools (xgettext, msgmerge, ...) not installed",
)
def test_catalogue_contains_every_message_in_the_code(
    catalogue: tuple[str, list[Entry]], tmp_path: Path
) -> None:
    """`makemessages` on a copy of lotse/ must find nothing the committed catalogue lacks."""
    _text, entries = catalogue
    sources = tmp_path / "lotse"
    _copy_sources(sources)
    out = tmp_path / "out" / "locale"
    out.mkdir(parents=True)
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    (settings_dir / "i18n_check_settings.py").write_text(
        f"from lotse.settings import *  # noqa: F403\nLOCALE_PATHS = [{str(out)!r}]\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "i18n_check_settings",
        "PYTHONPATH": os.pathsep.join([str(settings_dir), str(ROOT)]),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", *MAKEMESSAGES_ARGS],
        cwd=sources,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    fresh = parse_entries((out / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    known = {entry.key for entry in entries}
    missing = [entry for entry in fresh if entry.msgid and entry.key not in known]
    assert not missing, "\n".join(
        [
            "Messages used in the code but missing from lotse/locale/en/LC_MESSAGES/django.po:",
            *(
                f"  {entry.msgid!r}" + (f" (context {entry.msgctxt!r})" if entry.msgctxt else "")
                for entry in missing
            ),
            HOW_TO_FIX,
        ]
    )
