"""The layers of the README's architecture picture, enforced: every import of every module
(at the top or inside a function) is read from the source and checked against them."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Bottom to top. A package may import its own modules and those of the packages listed for
# it; third-party packages are free except where NO_DJANGO says otherwise.
LIB, COMMON = "lib", "common"
# The audit log: above common, below every domain app (accounts included), so that every
# service can write its entry; it imports nothing of the apps above it.
AUDIT = "audit"
# Each may import those before it. notifications, onboarding and schedule (the loop issue) sit
# above the domain proper: they read it and subscribe to its events (common/events.py).
DOMAIN = (
    "accounts",
    "talent",
    "matching",
    "volunteers",
    "notifications",
    "onboarding",
    "schedule",
    "office",
)
ADAPTERS = ("api", "web", "bench", "config")
PROJECT = (LIB, COMMON, AUDIT, *DOMAIN, *ADAPTERS)
NO_DJANGO = {LIB, COMMON}

ALLOWED: dict[str, set[str]] = {
    LIB: {LIB},
    COMMON: {COMMON, LIB},
    AUDIT: {LIB, COMMON, AUDIT},
    **{app: {LIB, COMMON, AUDIT, *DOMAIN[: i + 1]} for i, app in enumerate(DOMAIN)},
    "api": {LIB, COMMON, AUDIT, *DOMAIN, "api"},
    "web": {LIB, COMMON, AUDIT, *DOMAIN, "web"},
    "bench": {LIB, COMMON, AUDIT, *DOMAIN, "bench"},
    "config": set(PROJECT),
}
# Management commands are adapters too (they translate a command line into service calls):
# inside a domain app they may use any domain app, but never api/ or web/.
COMMANDS_MAY = {LIB, COMMON, AUDIT, *DOMAIN}


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level package) of every import in the file, wherever it stands."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((node.lineno, arg.value.split(".")[0]))
    return found


def forbidden_edges(package: str) -> list[str]:
    out = []
    for path in sorted((ROOT / package).rglob("*.py")):
        rel = path.relative_to(ROOT)
        allowed = ALLOWED[package]
        if "commands" in rel.parts[:-1]:
            allowed = allowed | COMMANDS_MAY
        for line, top in imports(path):
            if top in PROJECT and top not in allowed:
                out.append(f"{rel}:{line} imports {top}")
            if package in NO_DJANGO and top in {"django", "rest_framework", "django_filters"}:
                out.append(f"{rel}:{line} imports {top} (must stay Django-free)")
    return out


@pytest.mark.parametrize("package", PROJECT)
def test_the_package_imports_only_the_layers_below_it(package):
    assert forbidden_edges(package) == []


def test_no_two_domain_apps_import_each_other():
    edges = {
        (app, top)
        for app in DOMAIN
        for path in (ROOT / app).rglob("*.py")
        if "commands" not in path.relative_to(ROOT).parts[:-1]
        for _, top in imports(path)
        if top in DOMAIN and top != app
    }
    assert {(a, b) for a, b in edges if (b, a) in edges} == set()


NOT_CODE = {"tests", "scripts", "fixtures", "artifacts"}


def test_every_package_has_its_place_in_the_layers():
    """A new top-level package must be placed here (and in the README's picture) by where its
    imports put it; otherwise nothing would check it."""
    packages = {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if not path.parent.name.startswith(".") and path.parent.name not in NOT_CODE
    }
    assert packages - set(PROJECT) == set()


def test_the_checker_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from matching.models import Match\n    import web.views\n")
    assert imports(module) == [(2, "matching"), (3, "web")]


def _rank(app_label: str) -> int:
    return DOMAIN.index(app_label) if app_label in DOMAIN else -1  # Django's own apps: below


@pytest.mark.parametrize("app", DOMAIN)
def test_models_point_only_at_their_own_layer_or_below(app):
    from django.apps import apps

    upward = [
        f"{model.__name__}.{field.name} -> {field.related_model._meta.label}"
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields(include_hidden=True)
        if field.is_relation and field.concrete and field.related_model is not None
        if _rank(field.related_model._meta.app_label) > _rank(app)
    ]
    assert upward == []


@pytest.mark.parametrize("app", DOMAIN)
def test_migrations_depend_only_on_their_own_layer_or_below(app):
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    upward = [
        f"{key[1]} depends on {dep[0]}.{dep[1]}"
        for key in graph.nodes
        if key[0] == app
        for dep in graph.node_map[key].parents
        if _rank(dep[0]) > _rank(app)
    ]
    assert upward == []


def test_one_sudachi_dictionary_is_built_in_one_place():
    """The analyser's (lib/text/analysis.py); snippets and queries use that one."""
    builders = [
        str(path.relative_to(ROOT))
        for package in PROJECT
        for path in (ROOT / package).rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Dictionary"
    ]
    assert builders == ["lib/text/analysis.py"]
