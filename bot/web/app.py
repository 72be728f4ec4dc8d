"""The Sanic app behind http://127.0.0.1:8000: widget assets, the demo council page, the coach console."""
from __future__ import annotations

from sanic import Sanic, response

from bot import coach
from bot.health import summary as health_summary
from bot.web import assets, demo


def create_app(name: str = "pathways_web") -> Sanic:
    app = Sanic(name)

    @app.get("/health")
    async def health(request):
        # 503 while a Rasa process's tracker store is failing (conversations only in memory): see bot/health.py.
        healthy, body = health_summary()
        return response.json(body, status=200 if healthy else 503)

    @app.get("/")
    async def demo_page(request):
        return response.html(demo.page(f"{request.scheme}://{request.host}"))

    @app.get("/assets/demo.css")
    async def demo_css(request):
        return response.text(assets.static_text("demo.css"), content_type="text/css; charset=utf-8")

    @app.get("/widget/pathways.js")
    async def widget_js(request):
        try:
            body = assets.widget_script()
        except assets.NotBuilt as e:
            return response.text(f"/* {e} */", status=503, content_type="application/javascript; charset=utf-8")
        headers = {"Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            return response.raw(assets.gzipped(body), content_type="application/javascript; charset=utf-8",
                                headers={**headers, "Content-Encoding": "gzip"})
        return response.text(body, content_type="application/javascript; charset=utf-8", headers=headers)

    @app.get("/widget/pathways.css")
    async def widget_css(request):
        return response.text(assets.static_text("pathways.css"), content_type="text/css; charset=utf-8",
                             headers={"Cache-Control": "no-cache"})

    app.blueprint(coach.blueprint())        # the work-coach console, under /coach

    return app
