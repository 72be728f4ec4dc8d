"""What the widget's browser tests share: its launcher button, screenshots, axe-core and the overflow check."""
from __future__ import annotations

from pathlib import Path

from bot.web import assets
from tests.support.browser import screenshot

LAUNCHER = "Chat about training and jobs"


def shot(page, name: str) -> Path:
    return screenshot(page, "web", name)


def axe_violations(page) -> list[dict]:
    """axe-core (from npm, pinned in bot/web/package-lock.json) on the page as it is, WCAG 2.0-2.2 A/AA and
    best practice; each violation with the elements it found."""
    page.add_script_tag(path=str(assets.vendor_file("axe.min.js")))
    result = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))""")
    return result


def no_horizontal_scroll(page) -> dict:
    return page.evaluate("""() => {
        const d = document.documentElement, panel = document.querySelector('.pw-panel');
        const wide = [...document.querySelectorAll('.pw-root *')]
            .filter(e => e.getBoundingClientRect().right > d.clientWidth + 1);
        return {page: d.scrollWidth - d.clientWidth, panel: panel.scrollWidth - panel.clientWidth,
                wider: wide.map(e => e.className || e.tagName).slice(0, 5)};
    }""")
