"""python -m bot.web: serves the web front on 127.0.0.1 (PATHWAYS_WEB_PORT, default 8000)."""
from bot.settings import port
from bot.web.app import create_app

if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=port("web"), access_log=False)
