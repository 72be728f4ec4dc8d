"""The console's pages: sign-in, the coach's sessions, a guided session, and the action plan."""
from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
from pathlib import Path

from sanic import Blueprint, response

from bot.coach import conversation as conv
from bot.coach import insight_views, plan, referral_views, referrals, roles, store
from bot.coach.corrections import OUTSIDE_LONDON, choices, correct, payload
from bot.coach.rasa import Rasa, RasaUnavailable
from bot.coach.web import (COOKIE, PRE_COOKIE, PREFIX, clear_cookie, client_address, form_list, form_value,
                           pre_token, render, same, set_cookie, signed_in)
from knowledge import KnowledgeBaseUnavailable, Profile
from knowledge.profile import LABELS
from knowledge.vocab import vocabulary

log = logging.getLogger(__name__)
FAILED_SIGN_IN_DELAY = 1.0         # seconds added to every failed sign-in
MAX_MESSAGE = 1000
PLAN_CHOICES = 10                  # routes offered for the plan: the best fits, not the whole catalogue
SAVED = {
    "profile": "Profile updated on the conversation.",
    "refreshed": "Profile updated, and the recommendations were refreshed in the conversation.",
    "unchanged": "Nothing in the profile changed.",
    "action": "Saved.", "removed": "Removed.", "notes": "Notes saved.", "plan": "Plan choices saved.",
}


def _recommend(profile):
    from knowledge import advisor       # spaCy (through the normalisers) takes seconds to import: not at start-up

    return advisor.recommend(profile)


def _warm() -> None:
    from knowledge.normalise import normaliser

    normaliser()


def make_blueprint() -> Blueprint:
    bp = Blueprint("coach", url_prefix=PREFIX)

    @bp.listener("after_server_start")
    async def warm_up(app, loop):
        # The first guided session should not wait for spaCy: import it while the console is idle.
        loop.run_in_executor(None, _warm)
    bp.static("/static", str(Path(__file__).parent / "static"), name="coach_static")
    referral_views.add_routes(bp)

    @bp.get("/")
    async def home(request):
        return response.redirect(f"{PREFIX}/sessions")

    # --- signing in and out ---------------------------------------------------------------------------------
    @bp.get("/sign-in")
    async def sign_in_page(request):
        token = pre_token(request)
        notice = "Your session expired. Please sign in again." if request.args.get("expired") else (
            "You have signed out." if request.args.get("out") else "")
        resp = render("sign_in.html", token=token, notice=notice)
        set_cookie(resp, PRE_COOKIE, token)
        return resp

    @bp.post("/sign-in")
    async def sign_in(request):
        token = pre_token(request)
        name = form_value(request, "name").strip()
        if not same(form_value(request, "csrf"), request.cookies.get(PRE_COOKIE)):
            resp = render("sign_in.html", status=403, token=token, name=name,
                          error="The sign-in form had expired. Please try again.")
            set_cookie(resp, PRE_COOKIE, token)
            return resp
        password = form_value(request, "password")
        if not name or not password:
            return render("sign_in.html", status=400, token=token, name=name,
                          error="Enter your staff name and your password.")
        result = await asyncio.to_thread(store.authenticate, name, password, client_address(request))
        if result.retry_after is not None:
            minutes = max(1, int(result.retry_after.total_seconds() // 60) + 1)
            return render("sign_in.html", status=429, token=token, name=name,
                          error=f"Too many failed sign-ins. Try again in {minutes} minute"
                                f"{'s' if minutes > 1 else ''}, or ask a colleague to reset your account.")
        if result.staff_id is None:
            await asyncio.sleep(FAILED_SIGN_IN_DELAY)
            return render("sign_in.html", status=401, token=token, name=name,
                          error="That staff name and password don't match an account.")
        login = await asyncio.to_thread(store.start_login, result.staff_id)
        resp = response.redirect(f"{PREFIX}/sessions", status=303)
        set_cookie(resp, COOKIE, login)
        clear_cookie(resp, PRE_COOKIE)
        return resp

    @bp.post("/sign-out")
    @signed_in
    async def sign_out(request):
        await asyncio.to_thread(store.end_login, request.cookies.get(COOKIE))
        resp = response.redirect(f"{PREFIX}/sign-in?out=1", status=303)
        clear_cookie(resp, COOKIE)
        return resp

    # --- the coach's sessions -------------------------------------------------------------------------------
    @bp.get("/sessions")
    @signed_in
    async def sessions(request):
        return await _list(request)

    async def _list(request, status: int = 200, **extra):
        coach = request.ctx.coach
        rows = await asyncio.to_thread(store.sessions_of, coach.staff_id)
        new_referrals = await asyncio.to_thread(referrals.count_new)
        manager = await asyncio.to_thread(roles.boroughs_of, coach.staff_id) is not None
        return render("sessions.html", status=status, coach=coach, sessions=rows, new_referrals=new_referrals,
                      manager=manager,
                      deleted=request.args.get("deleted", ""), **extra)

    @bp.post("/sessions")
    @signed_in
    async def start(request):
        coach = request.ctx.coach
        label = form_value(request, "label").strip()
        if len(label) > 80:
            return await _list(request, 400, error="Keep the label under 80 characters.", label=label)
        gs = await asyncio.to_thread(store.create_session, coach.staff_id, label)
        try:
            await Rasa().say(gs.sender_id, conv.OPENING)   # a payload: the opening never depends on NLU
        except RasaUnavailable as e:
            await asyncio.to_thread(store.delete_session, gs.id)
            return await _list(request, 503, error=f"Could not start the session. {e}", label=label)
        return response.redirect(f"{PREFIX}/sessions/{gs.id}", status=303)

    def own_session(handler):
        """Gives the handler the signed-in coach's session named in the URL as `gs`; 404 when it is not theirs."""
        @functools.wraps(handler)
        async def with_session(request, session_id: str, **params):
            gs = await asyncio.to_thread(store.get_session, session_id, request.ctx.coach.staff_id)
            if gs is None:
                return render("error.html", status=404, coach=request.ctx.coach,
                              message="There is no such session among yours. It may have been deleted, or have "
                                      "passed the retention period.")
            return await handler(request, gs, **params)
        return with_session

    # --- a guided session -----------------------------------------------------------------------------------
    @bp.get("/sessions/<session_id:str>")
    @signed_in
    @own_session
    async def session_page(request, gs):
        return await _session_page(request, gs, saved=SAVED.get(request.args.get("saved", ""), ""))

    async def _session_page(request, gs, status: int = 200, **extra):
        coach = request.ctx.coach
        rasa_error, tracker = "", {}
        try:
            tracker = await Rasa().tracker(gs.sender_id)
        except RasaUnavailable as e:
            rasa_error = str(e)
        turns = conv.turns(tracker)
        profile = Profile.from_slots(conv.slots(tracker))
        result, kb_error = None, ""
        try:
            result = await asyncio.to_thread(_recommend, profile)
        except KnowledgeBaseUnavailable as e:
            kb_error = str(e)
        except Exception:                 # noqa: BLE001 - the conversation stays usable whatever the engine does
            log.exception("recommendations for the console failed")
            kb_error = "the recommendations could not be worked out (the error is in the web front's log)."
        shown = conv.latest_recommendations(turns)
        shown_ids = [i.get("id") for i in (shown or {}).get("items", [])]
        fields, routes = store.plan_choices(gs)
        actions = await asyncio.to_thread(store.actions_of, gs.id)
        v = vocabulary()
        context = dict(
            coach=coach, gs=gs, rasa_error=rasa_error, kb_error=kb_error, turns=turns,
            buttons=conv.waiting_buttons(turns), asking=(tracker.get("slots") or {}).get("requested_slot"),
            panel=_panel(tracker, profile), declined=conv.declined(tracker), choices=choices(),
            errors={}, shown=shown, route_names={t.id: t.name for t in v.route_types},
            others=[r for r in (result.recommendations if result else ()) if r.programme.id not in shown_ids],
            excluded=list(result.excluded if result else ()),
            actions=actions, action_form={}, action_errors={}, kinds=store.ACTION_KINDS,
            today=store.utcnow().date().isoformat(), field_labels=LABELS,
            plan_fields=fields, plan_routes=routes if routes is not None else
            [r.programme.id for r in (result.recommendations[:plan.ROUTES] if result else ())],
            all_routes=list(result.recommendations[:PLAN_CHOICES] if result else ()),
            questions_done=conv.questions_done(tracker),
        )
        context.update(extra)
        return render("session.html", status=status, **context)

    def _panel(tracker: dict, profile) -> dict:
        return {
            "age": "" if profile.age is None else str(profile.age),
            "qualification_level": profile.qualification_level or "",
            "borough": profile.borough or (OUTSIDE_LONDON if profile.outside_london else ""),
            "barriers": list(profile.barriers), "interests": list(profile.interests),
        }

    def _back(gs, saved: str, anchor: str = ""):
        return response.redirect(f"{PREFIX}/sessions/{gs.id}?saved={saved}{anchor}" if saved
                                 else f"{PREFIX}/sessions/{gs.id}{anchor}", status=303)

    @bp.post("/sessions/<session_id:str>/say")
    @signed_in
    @own_session
    async def say(request, gs):
        """One resident turn: a button they chose (its payload must be one the bot is offering) or typed words."""
        rasa = Rasa()
        payload = form_value(request, "payload")
        text = " ".join(form_value(request, "text").split()).lstrip("/")    # typed words are never intents
        try:
            if payload:
                offered = conv.waiting_buttons(conv.turns(await rasa.tracker(gs.sender_id)))
                if payload not in {b.get("payload") for b in offered}:
                    return await _session_page(request, gs, 409, say_error="That button is no longer on offer; "
                                                                           "choose one of those shown now.")
                message = payload
            elif not text:
                return await _session_page(request, gs, 400, say_error="Type what the resident said, or choose "
                                                                       "a button.")
            elif len(text) > MAX_MESSAGE:
                return await _session_page(request, gs, 400, say_error=f"Keep a message under {MAX_MESSAGE} "
                                                                       "characters.", typed=text)
            else:
                message = text
            await rasa.say(gs.sender_id, message)
        except RasaUnavailable as e:
            return await _session_page(request, gs, 503, say_error=str(e), typed=text)
        if await asyncio.to_thread(store.get_session, gs.id, request.ctx.coach.staff_id) is None:
            # The resident chose "Yes, delete it": the forget hook has deleted this session with the conversation.
            return response.redirect(f"{PREFIX}/sessions?deleted=all", status=303)
        await asyncio.to_thread(store.touch, gs.id)
        return _back(gs, "", "#say")

    @bp.post("/sessions/<session_id:str>/profile")
    @signed_in
    @own_session
    async def profile(request, gs):
        rasa = Rasa()
        form = {k: form_value(request, k) for k in ("age", "qualification_level", "borough", "postcode")}
        form.update({k: form_list(request, k) for k in ("barriers", "interests")})
        try:
            tracker = await rasa.tracker(gs.sender_id)
            fix = await asyncio.to_thread(correct, form, tracker)
            if fix.errors:
                return await _session_page(request, gs, 400, errors=fix.errors, panel={**form})
            if not fix.values:
                return _back(gs, "unchanged", "#profile")
            refreshed = conv.questions_done(tracker)
            await rasa.say(gs.sender_id, payload(fix))      # the assistant updates its recommendations itself
        except RasaUnavailable as e:
            return await _session_page(request, gs, 503, errors={"panel": str(e)}, panel={**form})
        await asyncio.to_thread(store.touch, gs.id)
        return _back(gs, "refreshed" if refreshed else "profile", "#profile")

    @bp.post("/sessions/<session_id:str>/actions")
    @signed_in
    @own_session
    async def add_action(request, gs):
        form = {k: form_value(request, k) for k in ("kind", "text", "owner", "due")}
        try:
            await asyncio.to_thread(store.add_action, gs.id, form["kind"], form["text"], form["owner"], form["due"])
        except store.BadAction as e:
            return await _session_page(request, gs, 400, action_form=form, action_errors={e.field: e.message})
        return _back(gs, "action", "#actions")

    @bp.post("/sessions/<session_id:str>/actions/<action_id:int>/delete")
    @signed_in
    @own_session
    async def remove_action(request, gs, action_id: int):
        await asyncio.to_thread(store.remove_action, gs.id, action_id)
        return _back(gs, "removed", "#actions")

    @bp.post("/sessions/<session_id:str>/notes")
    @signed_in
    @own_session
    async def notes(request, gs):
        await asyncio.to_thread(store.set_notes, gs.id, form_value(request, "notes"))
        return _back(gs, "notes", "#notes")

    @bp.post("/sessions/<session_id:str>/plan-choices")
    @signed_in
    @own_session
    async def plan_choices(request, gs):
        fields = [f for f in form_list(request, "fields") if f in LABELS]
        routes = form_list(request, "routes")
        await asyncio.to_thread(store.set_plan_choices, gs.id, fields, routes)
        return _back(gs, "plan", "#plan")

    @bp.post("/sessions/<session_id:str>/delete")
    @signed_in
    @own_session
    async def delete(request, gs):
        # The assistant deletes a conversation when its resident says "delete my data": the channel deletes the
        # tracker's events, then the forget hook deletes this session (store.forget).
        try:
            await Rasa().say(gs.sender_id, "/forget_me")
            left = [e for e in (await Rasa().tracker(gs.sender_id)).get("events") or [] if e.get("event") == "user"]
            outcome = "all" if not left else "console"
        except RasaUnavailable:
            outcome = "console"
        await asyncio.to_thread(store.delete_session, gs.id)
        return response.redirect(f"{PREFIX}/sessions?deleted={outcome}", status=303)

    # --- the action plan ------------------------------------------------------------------------------------
    async def _plan(request, gs) -> dict | str:
        """The plan from the conversation as it is now, saved as the record of what the resident was given."""
        try:
            tracker = await Rasa().tracker(gs.sender_id)
        except RasaUnavailable as e:
            return str(e)
        profile = Profile.from_slots(conv.slots(tracker))
        try:
            result = await asyncio.to_thread(_recommend, profile)
        except KnowledgeBaseUnavailable as e:
            return str(e)
        fields, routes = store.plan_choices(gs)
        actions = await asyncio.to_thread(store.actions_of, gs.id)
        content = plan.build(label=gs.label, coach=request.ctx.coach.name, profile=profile,
                             declined=conv.declined(tracker), agreed=fields, result=result, routes=routes,
                             actions=actions, today=store.utcnow().date())
        await asyncio.to_thread(store.save_plan, gs.id, content)
        return content

    @bp.get("/sessions/<session_id:str>/plan")
    @signed_in
    @own_session
    async def plan_page(request, gs):
        content = await _plan(request, gs)
        if isinstance(content, str):
            return render("error.html", status=503, coach=request.ctx.coach, message=content)
        return render("plan.html", coach=request.ctx.coach, gs=gs, plan=content, diagram=plan.diagram(content))

    @bp.get("/sessions/<session_id:str>/plan.pdf")
    @signed_in
    @own_session
    async def plan_pdf(request, gs):
        content = await _plan(request, gs)
        if isinstance(content, str):
            return render("error.html", status=503, coach=request.ctx.coach, message=content)
        from bot.coach import pdf                   # fpdf2 and Pillow: imported when a plan is first downloaded

        body = await asyncio.to_thread(pdf.render, content)
        name = f"action-plan-{dt.date.fromisoformat(content['date']).isoformat()}.pdf"
        return response.raw(body, content_type="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})

    insight_views.add_routes(bp)            # the insight report, for managers
    return bp
