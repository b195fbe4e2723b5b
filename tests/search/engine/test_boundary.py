"""The engine folder stands alone: replacing it (docs/scaling.md) must not pull at the rest."""

from __future__ import annotations

import ast
from pathlib import Path

import search.engine

ENGINE = Path(search.engine.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_engine_imports_nothing_of_the_project_or_of_django_settings():
    modules = sorted(ENGINE.glob("*.py"))
    assert len(modules) >= 7
    for path in modules:
        for module in _imported_modules(path):
            assert not module.startswith(("clauses", "policykb")), (path.name, module)
            assert not (module.startswith("search") and not module.startswith("search.engine")), (path.name, module)
            # Sizes and timeouts arrive through the connection's OPTIONS, not settings read at import.
            assert module != "django.conf.settings", (path.name, module)
