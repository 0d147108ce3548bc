"""Skim's summarizer: fetch a page safely, extract its content, condense it with LexRank.

No Slack in here: the bot is one client of this library, the CLI another. The flow is one way,
one subpackage a stage: `fetch/` (safe HTTP) -> `extract/` (the page's content) ->
`summarize/` (LexRank) -> `Summary`; `summarize_url` (`api.py`) runs all three. The values
that flow between them are in `models`, every error in `errors`.

This facade loads a stage only when one of its names is first used, so that importing a model
or an error (as the bot's acking process does) does not load requests, lxml, NLTK or SciPy.
Each stage's function shares its name with the stage's subpackage; `summarizer.fetch` is the
function, however the subpackage was imported. Reach a stage's modules with `from`:
`from summarizer.fetch import policy` or `from summarizer.fetch.policy import FetchPolicy`
(`import summarizer.fetch.policy as policy` looks `policy` up on the function, and fails; patch
a module's names on the module object, not by a dotted string).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from summarizer.errors import SkimError
from summarizer.models import Answer, Article, Block, BlockKind, Item, Length, Summary

if TYPE_CHECKING:
    from summarizer.api import summarize_page, summarize_url
    from summarizer.detect import detect_language, load_language_model
    from summarizer.extract.pipeline import extract
    from summarizer.fetch.client import fetch
    from summarizer.fetch.policy import FetchPolicy, Page
    from summarizer.summarize.language import text_language
    from summarizer.summarize.pipeline import summarize

__all__ = [
    "Answer",
    "Article",
    "Block",
    "BlockKind",
    "FetchPolicy",
    "Item",
    "Length",
    "Page",
    "SkimError",
    "Summary",
    "detect_language",
    "extract",
    "fetch",
    "load_language_model",
    "summarize",
    "summarize_page",
    "summarize_url",
    "text_language",
]

#: Where each lazily loaded name lives.
_LAZY = {
    "FetchPolicy": "summarizer.fetch.policy",
    "Page": "summarizer.fetch.policy",
    "extract": "summarizer.extract.pipeline",
    "fetch": "summarizer.fetch.client",
    "summarize": "summarizer.summarize.pipeline",
    "summarize_page": "summarizer.api",
    "summarize_url": "summarizer.api",
    "text_language": "summarizer.summarize.language",
    "detect_language": "summarizer.detect",
    "load_language_model": "summarizer.detect",
}
_STAGES = frozenset({"extract", "fetch", "summarize"})


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Facade(types.ModuleType):
    """Keeps `summarizer.fetch` (and `.extract`, `.summarize`) the function.

    When a stage's subpackage is first imported, the import system records it on this module
    under the same name; the function must win, so that record is not kept here (the
    subpackage stays in `sys.modules`, which is where imports find it).
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _STAGES and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Facade
