"""The insight report in the console: managers read it for the boroughs they cover and download its CSV; anyone
else is told it is not theirs to see."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging

from sanic import response
from sqlalchemy.exc import SQLAlchemyError

from bot.coach import roles, store
from bot.coach.web import render, signed_in
from knowledge.errors import KnowledgeBaseUnavailable

log = logging.getLogger(__name__)
NOT_A_MANAGER = ("Your account cannot see it. If you need it, ask whoever runs Pathways to give your "
                 "account the manager role for your boroughs (python -m bot staff manager NAME BOROUGH).")


def _report(request, boroughs: list[str]):
    from bot.insight.cli import make

    every = boroughs == [roles.ALL]
    return make(request.args.get("since") or None, request.args.get("until") or None, None if every else boroughs,
                "All of London" if every else ", ".join(boroughs), engine=store.get_engine())


async def _for_manager(request):
    """(report, None) for a manager, or (None, the page to send instead)."""
    coach = request.ctx.coach
    boroughs = await asyncio.to_thread(roles.boroughs_of, coach.staff_id)
    if boroughs is None:
        return None, render("insight_refused.html", status=403, coach=coach, message=NOT_A_MANAGER)
    try:
        return await asyncio.to_thread(_report, request, boroughs), None
    except ValueError as e:
        return None, render("insight.html", status=400, coach=coach, error=str(e), args=request.args, body="")
    except (SQLAlchemyError, KnowledgeBaseUnavailable):
        log.exception("insight report failed")
        return None, render("error.html", status=503, coach=coach,
                            message="The report cannot be built just now: a database is not answering. Try again "
                                    "in a few minutes.")


def add_routes(bp) -> None:
    @bp.get("/insight")
    @signed_in
    async def insight(request):
        report, refusal = await _for_manager(request)
        if refusal is not None:
            return refusal
        from bot.insight.render import body

        html = await asyncio.to_thread(body, report)
        return render("insight.html", coach=request.ctx.coach, body=html, args=request.args, error="",
                      query=request.query_string)

    @bp.get("/insight.csv")
    @signed_in
    async def insight_csv(request):
        report, refusal = await _for_manager(request)
        if refusal is not None:
            return refusal
        from bot.insight.render import as_csv

        name = f"pathways-insight-{dt.date.today().isoformat()}.csv"
        return response.text(as_csv(report), content_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})

    @bp.get("/insight/report.css")
    async def insight_css(request):
        from bot.insight.render import css

        return response.text(css(), content_type="text/css; charset=utf-8")
