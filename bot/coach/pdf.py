"""The action plan as a PDF (fpdf2, pure Python): the same content as the printable page."""
from __future__ import annotations

import math

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from bot.coach.plan import LINE, PAD, Diagram, diagram

# The PDF's built-in fonts cover Latin-1 only; typographic punctuation in the catalogue is mapped to plain forms.
_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                        "\u2026": "...", "\u2022": "-", "\u00a0": " ", "\u2192": "->", "\u2212": "-"})
INK, MUTED, ACCENT = (11, 12, 12), (80, 90, 95), (29, 112, 184)
FILLS = {"now": (255, 247, 191), "route": (232, 241, 250), "jobs": (228, 244, 233)}


def plain(text: str) -> str:
    return str(text).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


class _Doc(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"Pathways action plan - page {self.page_no()} of {{nb}}", align="C")


def render(plan: dict) -> bytes:
    pdf = _Doc(format="A4")
    pdf.set_margins(14, 14, 14)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title("Pathways action plan")
    pdf.set_creator("Pathways work-coach console")
    pdf.add_page()
    w = pdf.epw

    def heading(text: str, size: int = 13) -> None:
        if pdf.will_page_break(20):
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", size)
        pdf.set_text_color(*INK)
        pdf.multi_cell(w, size * 0.5, plain(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)

    def para(text: str, style: str = "", size: int = 10, color=INK, indent: float = 0, link: str = "") -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.set_text_color(*color)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(w - indent, size * 0.48, plain(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                       link=link)

    heading("Your action plan", 18)
    para(f"Made on {plan['date']} with {plan['coach']}, your work coach.", color=MUTED)

    heading("About you")
    if plan["profile"]:
        for label, value in plan["profile"]:
            para(f"{label}: {value}")
    else:
        para("You chose not to include details about yourself in this plan.", color=MUTED)

    if plan["routes"]:
        heading("Your pathway")
        _draw(pdf, diagram(plan))
        heading("Routes for you")
        for i, r in enumerate(plan["routes"], 1):
            if pdf.will_page_break(30):
                pdf.add_page()
            para(f"{i}. {r['title']}", "B", 11)
            para(f"{r['route_type']}, run by {r['provider']}", color=MUTED)
            for why in r["why"]:
                para(f"- {why}", indent=3)
            para(f"Next step: {r['next_step']}", "B", indent=3)
            if r["url"]:
                para(r["url"], color=ACCENT, indent=3, link=r["url"])
            para(f"Source: {r['source']} (checked {r['checked']})", size=8, color=MUTED, indent=3)
            pdf.ln(2)

    heading("What we agreed")
    if plan["actions"]:
        for a in plan["actions"]:
            due = f", by {a['due']}" if a["due"] else ""
            para(f"- {a['kind']}: {a['text']} ({a['owner']}{due})")
    else:
        para("No actions recorded yet.", color=MUTED)

    heading("Who can help")
    for contact in plan["contacts"]:
        para(f"- {contact}")
    return bytes(pdf.output())


def _draw(pdf: FPDF, d: Diagram) -> None:
    """Boxes and arrows, scaled to the page width if needed, kept on one page."""
    scale = min(1.0, pdf.epw / d.width)
    if pdf.will_page_break(d.height * scale + 6):
        pdf.add_page()
    x0, y0 = pdf.l_margin, pdf.get_y() + 2
    pdf.set_line_width(0.3)
    pdf.set_draw_color(*MUTED)
    for b in d.boxes:
        pdf.set_fill_color(*FILLS[b.kind])
        pdf.rect(x0 + b.x * scale, y0 + b.y * scale, b.w * scale, b.h * scale, style="DF", round_corners=True)
        pdf.set_font("Helvetica", "B" if b.kind != "jobs" else "", 8 * scale)
        pdf.set_text_color(*INK)
        for i, line in enumerate(b.lines):
            pdf.text(x0 + (b.x + PAD) * scale, y0 + (b.y + PAD + (i + 0.8) * LINE) * scale, plain(line))
    pdf.set_fill_color(*MUTED)
    for a in d.arrows:
        x1, y1, x2, y2 = (x0 + a.x1 * scale, y0 + a.y1 * scale, x0 + a.x2 * scale, y0 + a.y2 * scale)
        pdf.line(x1, y1, x2, y2)
        angle = math.atan2(y2 - y1, x2 - x1)
        size = 2.2
        pdf.polygon([(x2, y2), (x2 - size * math.cos(angle - 0.4), y2 - size * math.sin(angle - 0.4)),
                     (x2 - size * math.cos(angle + 0.4), y2 - size * math.sin(angle + 0.4))], style="F")
    pdf.set_y(y0 + d.height * scale + 4)
