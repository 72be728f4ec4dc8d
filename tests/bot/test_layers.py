"""One door to Rasa (docs/rasa.md): who may import what, read from the source itself."""
from __future__ import annotations

import ast
from pathlib import Path

from bot.model import ROOT

PACKAGES = ("actions", "bot", "bench", "knowledge", "pathways")


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def sources() -> dict[str, set[str]]:
    return {str(p.relative_to(ROOT)): imports(p) for package in PACKAGES for p in (ROOT / package).rglob("*.py")
            if "node_modules" not in p.parts}


def _under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_only_the_adapter_imports_rasa():
    offenders = {f: sorted(m for m in mods if _under(m, "rasa")) for f, mods in sources().items()
                 if not f.startswith("bot/rasa/") and any(_under(m, "rasa") for m in mods)}
    assert offenders == {}


def test_rasa_sdk_stays_with_the_actions():
    offenders = {f for f, mods in sources().items() if any(_under(m, "rasa_sdk") for m in mods)
                 and not f.startswith("actions/")}
    assert offenders == set()


def test_the_adapter_never_reaches_into_the_console_or_the_web_front():
    offenders = {f: sorted(m for m in mods if _under(m, "bot.coach") or _under(m, "bot.web"))
                 for f, mods in sources().items() if f.startswith("bot/rasa/")}
    assert all(not v for v in offenders.values()), offenders


def test_the_actions_import_nothing_from_the_runtime():
    offenders = {f: sorted(m for m in mods if _under(m, "bot")) for f, mods in sources().items()
                 if f.startswith("actions/")}
    assert all(not v for v in offenders.values()), offenders


def test_the_check_sees_imports_wherever_they_are(tmp_path):
    """The checks above can fail: a function-level import is found like a module-level one."""
    f = tmp_path / "m.py"
    f.write_text("def f():\n    from rasa.core import agent\n    import bot.coach.store\n")
    assert imports(f) == {"rasa.core", "bot.coach.store"}
