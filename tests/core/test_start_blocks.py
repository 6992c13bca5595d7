"""The start-page hook: apps add blocks for the roles they serve, core imports none of them."""

from __future__ import annotations

import pytest

from lotse.core import context_processors


@pytest.mark.django_db
def test_registered_block_is_rendered_for_whom_it_answers(client_for, tmp_path, settings):
    template = tmp_path / "probe_block.html"
    template.write_text("<p>Probeblock {{ block.who }}</p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0].get("DIRS", []), tmp_path]}
    ]

    def block(request):  # noqa: ANN001, ANN202
        if request.user.username != "stat_a":
            return None
        return "probe_block.html", {"who": request.user.username}

    context_processors.register_start_block(block)
    context_processors.register_start_block(block)  # registering twice adds it once
    try:
        assert context_processors.START_BLOCKS.count(block) == 1
        assert "Probeblock stat_a" in client_for("stat_a").get("/").content.decode()
        assert "Probeblock" not in client_for("land").get("/").content.decode()
    finally:
        context_processors.START_BLOCKS.remove(block)
