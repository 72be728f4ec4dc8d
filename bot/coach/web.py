"""Signing in and out, CSRF and rendering: what every console page shares."""
from __future__ import annotations

import asyncio
import functools
import hmac
import secrets
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import response

from bot.coach import settings, store

COOKIE = "pathways_coach"
PRE_COOKIE = "pathways_coach_pre"        # the sign-in form's CSRF token, before there is a login to hold one
PREFIX = "/coach"

_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


def render(template: str, status: int = 200, **context) -> response.HTTPResponse:
    html = _env.get_template(template).render(prefix=PREFIX, **context)
    return response.html(html, status=status, headers={
        "Cache-Control": "no-store",            # pages hold residents' answers
        "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                   "script-src 'self'; frame-ancestors 'none'; form-action 'self'",
        "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"})


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def form_value(request, name: str, default: str = "") -> str:
    value = request.form.get(name) if request.form else None
    return default if value is None else str(value)


def form_list(request, name: str) -> list[str]:
    return [str(v) for v in (request.form.getlist(name) or [])] if request.form else []


def set_cookie(resp, name: str, value: str, path: str = PREFIX) -> None:
    resp.cookies[name] = value
    c = resp.cookies[name]
    c["path"] = path
    c["httponly"] = True
    c["samesite"] = "Strict"
    if settings.secure_cookies():
        c["secure"] = True


def clear_cookie(resp, name: str) -> None:
    set_cookie(resp, name, "")
    resp.cookies[name]["max-age"] = 0


def pre_token(request) -> str:
    return request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(32)


def client_address(request) -> str:
    return request.remote_addr or request.ip or "unknown"


def signed_in(handler):
    """Pages for signed-in coaches. Anyone else goes to the sign-in page; a form without the login's CSRF
    token is refused."""
    @functools.wraps(handler)
    async def wrapped(request, *args, **kwargs):
        coach = await asyncio.to_thread(store.current_login, request.cookies.get(COOKIE))
        if coach is None:
            if request.method == "GET":
                return response.redirect(f"{PREFIX}/sign-in?expired=1" if request.cookies.get(COOKIE)
                                         else f"{PREFIX}/sign-in")
            return render("sign_in.html", status=401, token=pre_token(request),
                          error="You were signed out. Sign in again, then repeat what you were doing.")
        if request.method == "POST" and not same(form_value(request, "csrf"), coach.csrf):
            return render("error.html", status=403, coach=coach,
                          message="This form has expired or did not come from the console. Go back, reload the "
                                  "page and try again.")
        request.ctx.coach = coach
        return await handler(request, *args, **kwargs)
    return wrapped
