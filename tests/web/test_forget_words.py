"""The widget tells a confirmed deletion from a failed one by the words of Pathways' confirmation: they must be in
the server's confirmation and in none of its other answers to "Forget me"."""
from __future__ import annotations

import re

from actions import privacy
from actions.privacy import CONFIRMATION
from bot.rasa import channels
from bot.web.assets import STATIC
from tests.web import fake_bot


def test_the_widget_knows_a_deletion_by_the_words_of_the_servers_confirmation():
    words = re.search(r'var DELETED = "([^"]+)";', (STATIC / "pathways.js").read_text()).group(1)
    assert words in CONFIRMATION and words in fake_bot.FORGOTTEN
    for other in (privacy.QUESTION, channels.FORGET_FAILED, channels.FAILED, channels.NO_REPLY, channels.UNIDENTIFIED,
                  fake_bot.FORGET_FAILED):
        assert words not in other


def test_the_question_s_yes_is_the_payload_the_widget_deletes_with():
    """The widget runs its own "Forget me" (clearing this device too) for a button with this payload."""
    payload = re.search(r'var FORGET = "([^"]+)";', (STATIC / "pathways.js").read_text()).group(1)
    assert privacy.YES["payload"] == payload and privacy.NO["payload"] != payload
