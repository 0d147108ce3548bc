"""The evaluation script on a tiny data set written for this test (never the shared data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.evaluate import lead, main
from tests.support.data import read_fixture


@pytest.fixture
def rows(tmp_path: Path) -> Path:
    harbour, rail = read_fixture("article-harbour.txt"), read_fixture("article-rail.txt")
    data = [
        {"id": "a", "documents": [harbour, rail[:800]],
         "summary": "Port Ellis voted to build a flood wall. It costs 210 million dollars."},
        {"id": "b", "documents": [rail],
         "summary": "A night train returned after twenty years. The first trip sold out."},
    ]  # fmt: skip
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in data) + "\n", encoding="utf-8")
    return path


def test_lead_takes_the_first_words_and_never_more() -> None:
    picked = lead(["One two three. Four five six seven.", "Eight nine."], 5)
    assert picked == ["One two three.", "Four five"]
    assert lead(["One two."], 50) == ["One two."]


def test_prints_every_method_with_intervals_and_the_paired_comparison(
    rows: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([str(rows), "--max-words", "40", "--methods", "skim,lexrank,sumy,lead,skim-nograph",
                 "--bootstrap", "50"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "2 clusters, 40-word budget" in out
    for name in ("skim", "lexrank", "sumy", "lead-40", "skim-nograph"):
        assert any(line.startswith(name) for line in out.splitlines()), name
    assert "paired against lead-40" in out


def test_paired_comparison_against_another_baseline(
    rows: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main([str(rows), "--methods", "skim,skim-nograph", "--baseline", "skim-nograph",
          "--bootstrap", "20"])  # fmt: skip
    assert "paired against skim-nograph" in capsys.readouterr().out


def test_unknown_method_and_missing_file_are_refused(
    rows: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(rows), "--methods", "gpt"]) == 2
    assert main([str(tmp_path / "missing.jsonl")]) == 2
    assert "unknown method" in capsys.readouterr().err
