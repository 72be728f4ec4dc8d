"""The action server slow (paused with SIGSTOP past PATHWAYS_ACTION_TIMEOUT) and down (killed) in the middle of the
questions: the resident hears their answers are kept and who else can help, within the timeout, never silence;
when it is back, the same conversation carries on and no answer is lost (embedded profile, `python -m bot run`)."""
from __future__ import annotations

import json
import os
import signal
import time
import urllib.request
import uuid
from contextlib import contextmanager

import pytest

from bot.rasa.channels import FAILED
from tests.support import servers
from tests.support.servers import require_model
from tests.support.report import figure

TIMEOUT = 3.0


@pytest.fixture(scope="module")
def embedded(kb_url, tmp_path_factory):
    require_model()
    s = servers.embedded(kb_url, tmp_path_factory.mktemp("actions-down"), PATHWAYS_ACTION_TIMEOUT=str(TIMEOUT))
    s.start(seconds=900)             # a loaded machine takes minutes to load the model
    yield s
    for pid in _paused:
        _signal(pid, signal.SIGCONT)
    s.cleanup()


_paused: list[int] = []


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


@contextmanager
def paused(pid: int):
    """The process stopped (SIGSTOP) while the block runs: it accepts connections and never answers."""
    os.kill(pid, signal.SIGSTOP)
    _paused.append(pid)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)
        _paused.remove(pid)


def say(server, sender: str, text: str) -> tuple[list[dict], float]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    req = urllib.request.Request(f"{server.rasa}/webhooks/rest/webhook", data=body,
                                 headers={"Content-Type": "application/json"})
    started = time.monotonic()
    with urllib.request.urlopen(req, timeout=120) as r:
        assert r.status == 200
        return json.loads(r.read()), time.monotonic() - started


def texts(replies) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def slots(server, sender: str) -> dict:
    with urllib.request.urlopen(f"{server.rasa}/conversations/{sender}/tracker?token=e2e-test-token",
                                timeout=60) as r:
        return json.loads(r.read())["slots"]


def wait_for_restart(server, old_pid: int, seconds: float = 400) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pid = server.pid("actions")
        if pid != old_pid:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{server.ports['actions']}/health", timeout=2):
                    return pid
            except OSError:
                pass
        time.sleep(0.5)
    pytest.fail("the action server was not started again:\n" + server.log()[-3000:])


def test_slow_then_dead_action_server_mid_form_loses_no_answer(embedded):
    me = f"slow-{uuid.uuid4().hex[:8]}"
    assert "How old are you?" in texts(say(embedded, me, "hello")[0])
    assert "highest qualification" in texts(say(embedded, me, "I'm 24")[0])

    # Slow: paused, it accepts the connection and never answers.
    actions = embedded.pid("actions")
    with paused(actions):
        replies, took = say(embedded, me, "A levels")
    assert texts(replies) == FAILED and "0800 100 900" in FAILED and "answers so far are kept" in FAILED
    assert not any("Traceback" in (r.get("text") or "") for r in replies)
    assert TIMEOUT <= took < TIMEOUT + 30, took
    figure(f"action server paused: the resident was answered in {took:.1f} s (timeout {TIMEOUT:g} s)")
    assert slots(embedded, me)["age"] == 24                              # kept
    assert "Which London borough" in texts(say(embedded, me, "A levels")[0])   # sent again once it answers

    # Down: killed; `bot run` starts it again.
    os.kill(actions, signal.SIGKILL)
    replies, took = say(embedded, me, "Hackney")
    assert texts(replies) == FAILED
    figure(f"action server killed: the resident was answered in {took:.1f} s")
    restarted = wait_for_restart(embedded, actions)
    assert restarted != actions
    assert "Do any of these apply to you?" in texts(say(embedded, me, "Hackney")[0])
    say(embedded, me, "none of these")
    replies, _ = say(embedded, me, "lab work")
    profile = next(r["custom"] for r in replies if r.get("custom"))["profile"]
    assert (profile["age"], profile["qualification_level"], profile["borough"]) == (24, "3", "Hackney"), profile
    final = slots(embedded, me)
    assert final["barriers"] == [] and final["interests"] == ["laboratory"]
    figure("after the restart the same conversation finished with every answer: "
          f"age {final['age']:g}, level {final['qualification_level']}, {final['borough']}")


def test_help_for_someone_in_distress_reaches_them_while_the_action_server_is_stuck(embedded):
    # With the action server stuck, Rasa's own slot extraction fails before any rule runs: the channel reads the
    # failed message and, when it is distress, sends the help before saying the turn failed.
    me = f"distress-{uuid.uuid4().hex[:8]}"
    assert "How old are you?" in texts(say(embedded, me, "hello")[0])
    with paused(embedded.pid("actions")):
        replies, took = say(embedded, me, "i want to end it all")
    assert "116 123" in texts(replies) and "NHS 111" in texts(replies), replies
    figure(f"action server paused: the help for someone in distress was sent all the same, in {took:.1f} s")
