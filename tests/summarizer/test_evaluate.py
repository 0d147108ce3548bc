"""The evaluation script on a tiny data set written for this test (never the shared data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.evaluate import (
    Budget,
    evaluate,
    lead,
    lead_whole,
    load_rows,
    main,
    ours,
    stock_sumy,
)
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
    picked = lead(["One two three. Four five six seven.", "Eight nine."], Budget(words=5))
    assert picked == ["One two three.", "Four five"]
    assert lead(["One two."], Budget(words=50)) == ["One two."]


def test_lead_by_sentences_takes_the_first_n_whole_sentences_across_documents() -> None:
    documents = ["One two three. Four five six seven.", "Eight nine. Ten."]
    assert lead(documents, Budget(sentences=3)) == ["One two three.", "Four five six seven.",
                                                    "Eight nine."]  # fmt: skip
    assert lead(documents, Budget(sentences=9)) == lead(documents, Budget(words=100))


def test_lead_whole_never_cuts_a_sentence_and_stops_at_the_first_that_does_not_fit() -> None:
    documents = ["One two three. Four five six seven.", "Eight nine."]
    assert lead_whole(documents, Budget(words=6)) == ["One two three."]
    assert lead_whole(documents, Budget(words=8)) == ["One two three.", "Four five six seven."]
    assert lead_whole(documents, Budget(words=2)) == []


def test_every_method_keeps_to_a_sentence_budget(rows: Path) -> None:
    methods = {"skim": ours("skim"), "lexrank": ours("lexrank"), "sumy": stock_sumy, "lead": lead}
    results = evaluate(load_rows(rows, None), methods, Budget(sentences=2))
    for result in results:
        assert result.words and all(w > 0 for w in result.words), result.name
        assert all(0.0 <= s <= 100.0 for s in result.scores["rouge1"])


def test_a_sentence_budget_is_named_in_the_report_and_in_lead_s_name(
    rows: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([str(rows), "--sentences", "2", "--methods", "skim,lead,lead-whole",
                 "--bootstrap", "20"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "2 clusters, 2-sentence budget" in out
    assert "paired against lead-2" in out
    assert any(line.startswith("lead-whole-2") for line in out.splitlines())
    assert main([str(rows), "--sentences", "0"]) == 2


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
