"""The source as pyflakes reads it (through flake8, which honours `# noqa`): a test function defined twice under one
name runs once, and Python says nothing. Two tables of tests/bot/test_answers.py went missing that way in the
twenty-eighth issue-10 session (46 cases), and four older tables of tests/knowledge/test_normalise.py had been."""
from __future__ import annotations

import subprocess
import sys

from bot.model import ROOT

CHECKED = ("actions", "bench", "bot", "knowledge", "pathways", "tests")


def test_pyflakes_finds_nothing():
    run = subprocess.run([sys.executable, "-m", "flake8", "--select=F", "--extend-exclude=node_modules", *CHECKED],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def _constants_set_twice(path) -> list[str]:
    import ast
    seen, twice = set(), []
    for node in ast.parse(path.read_text()).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) \
            else []
        names = [e.id for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t]) if isinstance(e, ast.Name)]
        for name in names:
            if name.lstrip("_").isupper() and name in seen:
                twice.append(f"{path.relative_to(ROOT)}: {name}")
            seen.add(name)
    return twice


def test_no_module_constant_is_set_twice():
    """pyflakes does not see a module constant set again further down, which changes it for the code above too: a
    second `_STOPS` in knowledge/normalise.py (thirty-first session) stopped the typo search at commas."""
    twice = [t for d in CHECKED for p in sorted((ROOT / d).rglob("*.py")) if "node_modules" not in p.parts
             for t in _constants_set_twice(p)]
    assert not twice, twice
