"""The work-coach console at /coach: staff sign in, run guided sessions with residents, and produce action plans.

Its data (staff, sessions, agreed actions, plans) lives in its own database (PATHWAYS_CONSOLE_DB_URL); the
conversation lives in Rasa, which the console calls server-side.
"""
from __future__ import annotations


def blueprint():
    """The Sanic Blueprint, mounted at /coach (bot/web/app.py registers it)."""
    from bot.coach.views import make_blueprint

    return make_blueprint()
