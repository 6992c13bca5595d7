import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lotse.core import events
from lotse.core.models import Event, EventChainHead

pytestmark = pytest.mark.django_db


def _chain(n=5):
    return [events.record(activity=f"test.{i}", data={"n": i}) for i in range(n)]


def test_intact_chain_verifies(capsys):
    _chain()
    assert events.verify() == []
    call_command("audit", "verify")
    assert "unverändert" in capsys.readouterr().out


def test_changed_payload_is_detected():
    rows = _chain()
    Event.objects.filter(pk=rows[2].pk).update(payload={"n": 99})
    assert [(p.event_id, p.problem) for p in events.verify()] == [(rows[2].pk, "content")]
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_deleted_middle_row_is_detected():
    rows = _chain()
    Event.objects.filter(pk=rows[1].pk).delete()
    problems = events.verify()
    assert (rows[2].pk, "link") in [(p.event_id, p.problem) for p in problems]


def test_deleted_last_row_is_detected():
    rows = _chain()
    Event.objects.filter(pk=rows[-1].pk).delete()
    assert [p.problem for p in events.verify()] == ["missing"]


def test_rewritten_chain_without_head_is_detected():
    _chain(3)
    EventChainHead.objects.update(count=99)
    assert [p.problem for p in events.verify()] == ["missing"]


def test_empty_log_verifies():
    assert events.verify() == []
