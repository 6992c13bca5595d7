"""Production settings pass `check --deploy`; bad settings stop the start loudly."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LOTSE_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("x" * 20 + "ProductionSecretKeyThatIsLongEnough0123456789!")
    result = _run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        LOTSE_ENV="production",
        LOTSE_SECRET_KEY_FILE=str(secret),
        LOTSE_ALLOWED_HOSTS="lotse.example.org",
        LOTSE_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="lotse.settings",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "env,message",
    [
        ({"LOTSE_ENV": "production"}, "LOTSE_SECRET_KEY"),
        ({"LOTSE_SESSION_IDLE_MINUTES": "dreißig"}, "must be an integer"),
        ({"LOTSE_DEBUG": "vielleicht"}, "must be true or false"),
        ({"DATABASE_URL": "mysql://x/y"}, "not supported"),
    ],
)
def test_invalid_settings_stop_with_a_clear_message(tmp_path, env, message):
    result = _run(
        "check", DJANGO_SETTINGS_MODULE="lotse.settings", LOTSE_VAR_DIR=str(tmp_path), **env
    )
    assert result.returncode != 0 and message in result.stderr
