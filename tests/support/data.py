"""The texts and pages under tests/fixtures, written for these tests (the canonical Multi-News
example is a copy of ../shared/fixtures/multinews-example.txt, kept by permission)."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PAGES = FIXTURES / "pages"

#: The request to the summarizer that ends the canonical example.
QUESTION = "What is a shorter version of the above article?"


def read_fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")
