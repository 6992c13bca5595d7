from __future__ import annotations

import pytest

from tests.people.factories import person


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Scans go to a temporary private directory, never into var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


@pytest.fixture
def amina(personas):
    """A person recorded by the case management of KI A."""
    return person(personas["cm_a"], "Haddad", "Amina", languages=["ar"])
