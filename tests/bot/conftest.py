"""Running Pathways for real (`python -m bot run`) on free ports, beside any `make run`, with its own tracker."""
from __future__ import annotations

import pytest

from tests.servers import Servers


@pytest.fixture(scope="module")
def servers(kb_url, tmp_path_factory):
    s = Servers(kb_url, str(tmp_path_factory.mktemp("tracker") / "tracker.db"))
    s.start()
    yield s
    s.cleanup()
