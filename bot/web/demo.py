"""The demo council page, and the one <script> tag a council copies to embed the widget."""
from __future__ import annotations

import html
from pathlib import Path
from string import Template

from bot.settings import rasa_url
from pathways.settings import council

TEMPLATE = Path(__file__).resolve().parent / "templates" / "demo.html"
# A made-up council for the demo; PATHWAYS_COUNCIL_NAME and PATHWAYS_COUNCIL_EMPLOYMENT_TEAM replace it.
DEMO_COUNCIL = "London Borough of Example"
DEMO_TEAM = "Example Works, call 020 7946 0000 (Monday to Friday, 9am to 5pm) or email work@example.gov.uk"
DEMO_COLOUR = "#1d70b8"


def snippet(widget_src: str, bot_url: str, council_name: str, employment_team: str, colour: str) -> str:
    attrs = {"src": widget_src, "data-bot-url": bot_url, "data-council-name": council_name,
             "data-employment-team": employment_team, "data-colour": colour}
    lines = [f'  {k}="{html.escape(v, quote=True)}"' for k, v in attrs.items()]
    return "<script defer\n" + "\n".join(lines) + "></script>"


def page(origin: str) -> str:
    """The page at `/`; `origin` is how the browser reached this server, so the snippet works when copied."""
    c = council()
    name, team = c.name or DEMO_COUNCIL, c.employment_team or DEMO_TEAM
    tag = snippet(f"{origin}/widget/pathways.js", rasa_url(), name, team, DEMO_COLOUR)
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        council=html.escape(name), employment_team=html.escape(team), snippet=tag, snippet_text=html.escape(tag))
