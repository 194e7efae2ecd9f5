"""The apps import each other one way (the layers contract in pyproject.toml,
run by `make test` with import-linter); and no import hides inside a
function to dodge that contract: an import of another app is at the top of
its module, where import-linter and a reader see it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["core", "conventions", "profiles", "community", "knowledge", "subscriptions", "search"]
APPS += ["packages", "policies", "api", "demo", "config"]


def imports_inside_functions(source: str, app: str) -> list[tuple[int, str]]:
    """(line, module) of every import of another app made inside a function."""
    found = []

    def visit(node, in_function: bool):
        for child in ast.iter_child_nodes(node):
            if in_function and isinstance(child, ast.Import | ast.ImportFrom):
                relative = isinstance(child, ast.ImportFrom) and child.level
                modules = [alias.name for alias in child.names] if isinstance(child, ast.Import) else [child.module]
                found.extend((child.lineno, name) for name in modules if not relative and _other_app(name, app))
            visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))

    visit(ast.parse(source), False)
    return found


def _other_app(module: str, app: str) -> bool:
    top = (module or "").split(".")[0]
    return top in APPS and top != app


def test_no_app_imports_another_inside_a_function():
    found = [
        f"{path.relative_to(ROOT)}:{line} {module}"
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for line, module in imports_inside_functions(path.read_text(encoding="utf-8"), app)
    ]
    assert found == []


def test_the_check_sees_an_import_of_another_app_inside_a_function_and_only_that():
    source = (
        "from community.models import Answer\n"
        "def f():\n"
        "    from community.models import Question\n"
        "    from . import constants\n"
        "    from search.models import SearchDocument\n"
        "    import json\n"
    )
    assert imports_inside_functions(source, "search") == [(3, "community.models")]
