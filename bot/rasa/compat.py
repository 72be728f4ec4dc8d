"""Changes to Rasa 3.6.21 that have no supported extension point. Applied once, by bot.rasa.server at start-up
(never on import), and only on the Rasa version they were written for: on any other, start-up refuses and names
what to review. Each is tested against the live Rasa class (tests/bot/test_compat.py); docs/rasa.md lists them
with what would replace them.
"""
from __future__ import annotations

import contextvars
import logging

REVIEWED = "3.6.21"
REVIEW = {
    "action timeout": "rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT, read by RemoteAction.run at each call",
    "response validator": "RemoteAction._validate_action_result, which calls jsonschema.validate",
    "failed-action signal": "the ERROR line rasa.core.processor logs when an action raises: "
                            f"it must still start {'Encountered an exception while running action'!r}",
}

_applied = False


class UnreviewedRasa(RuntimeError):
    pass


def check_version(version: str | None = None) -> None:
    if version is None:
        import rasa

        version = rasa.__version__
    if version != REVIEWED:
        points = "\n".join(f"  - {name}: {where}" for name, where in REVIEW.items())
        raise UnreviewedRasa(f"Pathways' changes to Rasa were written for Rasa {REVIEWED}, and this is Rasa "
                             f"{version}. Review each against the new version (docs/rasa.md), then update "
                             f"bot.rasa.compat.REVIEWED:\n{points}")


# --- the action server's timeout ------------------------------------------------------------------------------
def set_action_timeout(seconds: float) -> None:
    """RemoteAction.run calls the action server with `timeout=DEFAULT_REQUEST_TIMEOUT` (300 s), read from the
    module's globals at each call; endpoints.yml has no setting for it. Rebinding that one name changes nothing
    else."""
    import rasa.core.actions.action

    rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT = seconds


# --- one compiled validator for action server responses ---------------------------------------------------------
def _one_response_validator(original):
    """Rasa checks every action server response with `jsonschema.validate`, which checks the schema itself first
    (docs/performance.md). One compiled validator checks the same schema with the same result."""
    from jsonschema import ValidationError
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    spec = RemoteAction.action_response_format_spec()
    validator = validator_for(spec)(spec)

    def validate(self, result):
        try:
            validator.validate(result)
            return True
        except ValidationError:
            return original(self, result)   # Rasa's own error message for a bad response

    validate.__wrapped__ = original
    return validate


# --- noticing a failed action -----------------------------------------------------------------------------------
# Rasa's MessageProcessor catches an action's exception, logs it and carries on with no reply. This filter sees
# that log record in the task handling the message, where the channel has put a list to note it in.
ACTION_FAILED = "Encountered an exception while running action"
_failures: contextvars.ContextVar[list | None] = contextvars.ContextVar("pathways_action_failures", default=None)


class _NoteActionFailures(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        failures = _failures.get()
        if failures is not None and record.levelno >= logging.ERROR and \
                str(record.msg).startswith(ACTION_FAILED):
            failures.append(record.getMessage())
        return True


_FILTER = _NoteActionFailures()


def watch_failures(failures: list) -> contextvars.Token:
    """Failed actions of the turn run in this task are appended to `failures` until `unwatch(token)`."""
    return _failures.set(failures)


def unwatch(token: contextvars.Token) -> None:
    _failures.reset(token)


def apply(action_timeout: float) -> None:
    global _applied
    check_version()
    set_action_timeout(action_timeout)
    if _applied:
        return
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = _one_response_validator(RemoteAction._validate_action_result)
    logging.getLogger("rasa.core.processor").addFilter(_FILTER)
    _applied = True
