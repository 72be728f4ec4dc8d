"""python -m bot.web: serves the web front on 127.0.0.1 (PATHWAYS_WEB_PORT, default 8000)."""
import sys

# Never used here; without this, spaCy's thinc imports TensorFlow, several times this process's own memory.
sys.modules.setdefault("tensorflow", None)

from pathways.settings import port  # noqa: E402
from bot.web.app import create_app  # noqa: E402

if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=port("web"), access_log=False)
