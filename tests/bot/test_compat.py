"""bot.rasa.compat: the changes to Rasa with no extension point, each against the live Rasa class, applied only at
start-up and only on the Rasa version they were written for."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

import pytest

from bot.rasa import compat


def test_start_up_refuses_another_rasa_version_and_names_what_to_review():
    compat.check_version()                              # the installed one is the reviewed one
    with pytest.raises(compat.UnreviewedRasa) as e:
        compat.check_version("3.7.0")
    for name in compat.REVIEW:
        assert name in str(e.value)


def test_importing_the_adapter_changes_nothing_in_rasa():
    code = ("import bot.rasa.channels, bot.rasa.components, bot.rasa.tracker_store, bot.rasa.server\n"
            "import logging, rasa.core.actions.action as a\n"
            "print(a.DEFAULT_REQUEST_TIMEOUT, a.RemoteAction._validate_action_result.__module__,\n"
            "      len(logging.getLogger('rasa.core.processor').filters))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180,
                         env={**os.environ, "PATHWAYS_ACTION_TIMEOUT": "4.5"})
    assert out.stdout.strip().splitlines()[-1] == "300 rasa.core.actions.action 0", out.stderr[-2000:]


def test_rasa_gives_up_on_a_silent_action_server_after_the_configured_timeout():
    """A RemoteAction against a server that never answers gives up after the timeout compat sets, not 300 s."""
    import rasa.core.actions.action as action
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    async def scenario() -> float:
        async def never_answer(reader, writer):
            await asyncio.sleep(30)

        server = await asyncio.start_server(never_answer, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        remote = action.RemoteAction("action_slow", EndpointConfig(f"http://127.0.0.1:{port}/webhook"))
        started = time.monotonic()
        with pytest.raises(asyncio.TimeoutError):
            await remote.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}),
                             DialogueStateTracker("x", []), Domain.empty())
        server.close()
        return time.monotonic() - started

    previous = action.DEFAULT_REQUEST_TIMEOUT
    try:
        compat.set_action_timeout(0.5)
        assert asyncio.run(scenario()) < 5
    finally:
        compat.set_action_timeout(previous)


def test_action_responses_are_checked_as_before():
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction

    validate = compat._one_response_validator(RemoteAction._validate_action_result)
    action = RemoteAction("action_x", None)
    assert validate(action, {"events": [{"event": "slot", "name": "age", "value": 19}], "responses": [{"text": "hi"}]})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        validate(action, {"events": "not a list"})


def test_a_failed_action_is_noticed_from_the_line_rasa_logs(caplog):
    """The processor's own logging call, as MessageProcessor._run_action makes it when an action raises."""
    import logging

    import rasa.core.processor as processor

    logger = logging.getLogger("rasa.core.processor")
    logger.addFilter(compat._FILTER)
    failures: list[str] = []
    token = compat.watch_failures(failures)
    try:
        try:
            raise RuntimeError("action server down")
        except RuntimeError:
            processor.logger.exception(f"{compat.ACTION_FAILED} 'action_recommend'. Bot will continue, but the "
                                       "actions events are lost. Please check the logs of your action server for "
                                       "more information.")
        logger.info("something else")
    finally:
        compat.unwatch(token)
        logger.removeFilter(compat._FILTER)
    assert len(failures) == 1 and "action_recommend" in failures[0]


def test_the_failed_action_line_is_still_the_one_rasa_logs():
    """The signal depends on the wording in MessageProcessor's source: a Rasa upgrade that changes it fails here."""
    import inspect

    import rasa.core.processor as processor

    assert compat.ACTION_FAILED in inspect.getsource(processor.MessageProcessor)
