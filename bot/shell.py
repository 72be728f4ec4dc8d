"""A terminal chat with the running bot over its REST channel (what `make shell` runs)."""
from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
import uuid


def send(rasa_url: str, sender: str, text: str, timeout: float = 30) -> list[dict]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    req = urllib.request.Request(f"{rasa_url}/webhooks/rest/webhook", data=body,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read() or b"[]")


def render(message: dict) -> str:
    lines = []
    if message.get("text"):
        lines.append(message["text"])
    custom = message.get("custom")
    if isinstance(custom, dict) and custom.get("type") == "recommendations":
        for i, item in enumerate(custom.get("items", []), 1):
            lines.append(f"  [{i}] {item['title']} - {item['next_step']}")
    for i, b in enumerate(message.get("buttons") or [], 1):
        lines.append(f"  ({i}) {b['title']}")
    return "\n".join(lines)


def chat(rasa_url: str) -> int:
    sender = f"shell-{uuid.uuid4().hex[:8]}"
    print(f"Talking to Pathways at {rasa_url} (type a number to press a button, Ctrl-D to leave).")
    buttons: list[dict] = []
    text = "hello"
    while True:
        if buttons and text.strip().isdigit() and 0 < int(text) <= len(buttons):
            text = buttons[int(text) - 1]["payload"]
        try:
            replies = send(rasa_url, sender, text)
        except (urllib.error.URLError, OSError) as e:
            print(f"Can't reach Pathways at {rasa_url} ({e}). Is `make run` running?", file=sys.stderr)
            return 1
        buttons = []
        for m in replies:
            print("Pathways:", render(m))
            buttons = m.get("buttons") or buttons
        try:
            text = input("You: ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
