"""The referral inbox: residents who asked, in the chat, for the council's employment team to contact them.
Every signed-in coach sees every open referral; claiming one shows colleagues who is on it."""
from __future__ import annotations

import asyncio

from sanic import Blueprint, response

from bot.coach import referrals
from bot.coach.web import PREFIX, form_value, render, signed_in
from knowledge import Profile
from knowledge.profile import profile_lines

MOVED = {"claimed": "You have claimed this referral.", "contacted": "Marked as contacted.",
         "closed": "The referral is closed.", "new": "The referral is back in the inbox for anyone to claim."}
# The button that moves a referral to each status.
ACTIONS = {"claimed": "Claim it", "contacted": "Mark as contacted", "closed": "Close it", "new": "Give it back"}


def answers(row: referrals.Row) -> list[tuple[str, str]]:
    profile = row.profile
    try:
        return profile_lines(Profile.from_slots(profile), declined=profile.get("declined") or [])
    except (KeyError, TypeError, ValueError):   # a value the vocabularies have dropped since: shown as stored
        return [(k.replace("_", " ").capitalize(), ", ".join(map(str, v)) if isinstance(v, list) else str(v))
                for k, v in profile.items() if v not in (None, [], False)]


def add_routes(bp: Blueprint) -> None:
    @bp.get("/referrals")
    @signed_in
    async def inbox(request):
        rows = await asyncio.to_thread(referrals.listed)
        return render("referrals.html", coach=request.ctx.coach, rows=rows, statuses=referrals.STATUSES)

    async def _page(request, referral_id: str, status: int = 200, **extra):
        row = await asyncio.to_thread(referrals.get, referral_id)
        if row is None:
            return render("error.html", status=404, coach=request.ctx.coach,
                          message="There is no such referral. It may have been deleted at the resident's request, "
                                  "or have passed the retention period.")
        return render("referral.html", status=status, coach=request.ctx.coach, row=row, answers=answers(row),
                      statuses=referrals.STATUSES, steps=[(s, ACTIONS[s]) for s in referrals.NEXT[row.referral.status]],
                      **extra)

    @bp.get("/referrals/<referral_id:str>")
    @signed_in
    async def referral(request, referral_id: str):
        return await _page(request, referral_id, saved=MOVED.get(request.args.get("moved", ""), ""))

    @bp.post("/referrals/<referral_id:str>/status")
    @signed_in
    async def move(request, referral_id: str):
        status = form_value(request, "status")
        try:
            await asyncio.to_thread(referrals.move, referral_id, status, request.ctx.coach.staff_id)
        except KeyError:
            return await _page(request, referral_id)
        except referrals.BadStep as e:
            return await _page(request, referral_id, 409, error=str(e))
        return response.redirect(f"{PREFIX}/referrals/{referral_id}?moved={status}", status=303)
