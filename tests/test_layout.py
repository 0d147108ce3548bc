"""The shape of the code, checked: the stages import one way, nothing imports in a cycle, no
import hides inside a function to dodge one, modules stay small, and importing a model does not
load the fetching or ranking stack."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("summarizer", "bot")
#: A module longer than this says why in its docstring ("long because ...").
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(path: Path, *, nested_only: bool = False) -> set[str]:
    """Project modules `path` imports (`from a import b` counts `a` and, if a module, `a.b`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = ast.walk(tree)
    if nested_only:
        nested = [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        nodes = (inner for fn in nested for inner in ast.walk(fn))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {n for n in names if n in MODULES}


def _is_type_checking_only(path: Path, module: str) -> bool:
    """Imports under `if TYPE_CHECKING:` never run, so they cannot make a cycle."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.ImportFrom)
                    and inner.module
                    and (module == inner.module or module.startswith(inner.module + "."))
                ):
                    return True
    return False


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        graph[name] = {
            d for d in _imports(path) if d != name and not _is_type_checking_only(path, d)
        }
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for vertex in graph:
        if vertex not in index:
            visit(vertex)
    return found


def test_no_import_cycles() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_project_import_inside_a_function() -> None:
    """An import inside a function is how a cycle is usually hidden; there are none."""
    offenders = {name: sorted(_imports(path, nested_only=True)) for name, path in MODULES.items()}
    assert {name: deps for name, deps in offenders.items() if deps} == {}


@pytest.mark.parametrize(
    ("stage", "may_import"),
    [
        ("summarizer.fetch", {"summarizer.errors", "summarizer.fetch"}),
        (
            "summarizer.extract",
            {
                "summarizer.errors",
                "summarizer.models",
                "summarizer.detect",
                "summarizer.extract",
                "summarizer.fetch.decode",
            },
        ),
        (
            "summarizer.summarize",
            {"summarizer.errors", "summarizer.models", "summarizer.detect", "summarizer.summarize"},
        ),
    ],
)
def test_data_flows_one_way_between_the_stages(stage: str, may_import: set[str]) -> None:
    """fetch knows nothing of extraction or summarizing; extraction takes only the decoder from
    fetch; summarizing knows neither. Both read a text's language with `summarizer.detect`,
    so a page and a paste are read the same way."""
    for name, path in MODULES.items():
        if name == stage or name.startswith(stage + "."):
            for dep in _imports(path):
                assert any(dep == ok or dep.startswith(ok + ".") for ok in may_import), (name, dep)


def test_the_library_knows_nothing_of_slack() -> None:
    for name, path in MODULES.items():
        if name.startswith("summarizer"):
            text = path.read_text(encoding="utf-8")
            assert "slack" not in {m.split(".")[0] for m in _all_imports(text)}, name
            assert not any(dep.startswith("bot") for dep in _imports(path)), name


def _all_imports(text: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return {n.replace("slack_sdk", "slack").replace("slack_bolt", "slack") for n in names}


def test_modules_are_small_or_say_why() -> None:
    long = []
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_LINES:
            docstring = ast.get_docstring(ast.parse(text)) or ""
            if "long because" not in docstring.lower():
                long.append(name)
    assert long == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "module", ["summarizer.models", "summarizer.errors", "summarizer", "bot.app", "bot.__main__"]
)
def test_importing_a_model_loads_no_stack(module: str) -> None:
    """The bot's acking process (`bot.app`: the summarizer runs in worker processes) and any
    caller that only needs the types stay light."""
    heavy = ("requests", "urllib3", "lxml", "bs4", "nltk", "sumy", "scipy", "numpy")
    code = f"import sys, {module}; print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []


@pytest.mark.slow
def test_the_facade_names_are_the_functions_however_the_stages_were_imported() -> None:
    code = (
        "import summarizer.fetch.policy, summarizer.extract.rules, summarizer.summarize.select\n"
        "from summarizer import (Article, FetchPolicy, Page, SkimError, Summary, extract, fetch,"
        " summarize, summarize_url)\n"
        "import summarizer\n"
        "assert callable(fetch) and callable(extract) and callable(summarize)\n"
        "assert summarizer.fetch is fetch and summarizer.summarize is summarize\n"
        "assert summarizer.extract is extract and callable(summarize_url)\n"
        "assert set(summarizer.__all__) <= set(dir(summarizer))\n"
        "from summarizer.fetch import client\n"
        "from summarizer.extract.rules import BLOCK_TAGS\n"
        "assert client.fetch is fetch and BLOCK_TAGS\n"
        "print(fetch.__module__, extract.__module__, summarize.__module__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "summarizer.fetch.client",
        "summarizer.extract.pipeline",
        "summarizer.summarize.pipeline",
    ]
