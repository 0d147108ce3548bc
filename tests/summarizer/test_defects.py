"""The defect rate, on labels and summaries written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.defects import DefectCount, LabelError, load_labels, sentence_key
from summarizer.evaluate import main

STORY = "The council approved the new bridge on Tuesday."
CAPTION = "A man walks past the old bridge in Port Ellis on March 3, 2024."
PRONOUN = "It will cost 40 million dollars."
SAME_FACT = "On Tuesday the council voted for a new bridge."
LATER = "Work starts in May."


def write_labels(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def labels(tmp_path: Path) -> Path:
    k = sentence_key
    return write_labels(tmp_path / "labels.jsonl", [
        {"row": "r", "sentence": k(STORY), "kind": "ok"},
        {"row": "r", "sentence": k(CAPTION), "kind": "caption"},
        {"row": "r", "sentence": k(PRONOUN), "kind": "dangling", "needs": [k(STORY)]},
        {"row": "r", "sentence": k(SAME_FACT), "kind": "repeat", "of": [k(STORY)]},
        {"row": "r", "sentence": k(LATER), "kind": "ok"},
    ])  # fmt: skip


def count(labels: Path, *summaries: list[str], row: str = "r") -> DefectCount:
    counted = DefectCount()
    for summary in summaries:
        counted.add(row, summary, load_labels(labels))
    return counted


def test_a_key_names_the_words_not_the_spacing() -> None:
    assert sentence_key("It  will\ncost.") == sentence_key("It will cost.")
    assert sentence_key("It will cost.") != sentence_key("It will not cost.")
    assert len(sentence_key(STORY)) == 12


def test_a_caption_is_a_defect_wherever_it_is(labels: Path) -> None:
    counted = count(labels, [STORY, CAPTION], [CAPTION])
    assert counted.kinds == {"caption": 2}
    assert (counted.sentences, counted.labelled, counted.defects) == (3, 3, 2)


def test_a_pronoun_is_a_defect_only_when_its_referent_is_not_before_it(labels: Path) -> None:
    assert count(labels, [STORY, PRONOUN]).defects == 0
    assert count(labels, [PRONOUN]).kinds == {"dangling": 1}
    assert count(labels, [PRONOUN, STORY]).kinds == {"dangling": 1}  # after it is too late


def test_a_repeat_is_a_defect_only_beside_what_it_repeats(labels: Path) -> None:
    assert count(labels, [SAME_FACT, LATER]).defects == 0
    assert count(labels, [STORY, SAME_FACT]).kinds == {"repeat": 1}
    assert count(labels, [SAME_FACT, STORY]).kinds == {"repeat": 1}


def test_the_same_sentence_twice_is_a_repeat_without_a_label(labels: Path) -> None:
    assert count(labels, ["Nobody labelled this one.", "Nobody labelled this one."]).kinds == {
        "repeat": 1
    }


def test_unlabelled_sentences_are_counted_apart_and_left_out_of_the_rate(labels: Path) -> None:
    counted = count(labels, [STORY, CAPTION, "A sentence nobody labelled."])
    assert (counted.unlabelled, counted.labelled, counted.defects) == (1, 2, 1)
    assert counted.rate == pytest.approx(0.5)
    other_row = count(labels, [CAPTION], row="another row")
    assert (other_row.unlabelled, other_row.defects, other_row.rate) == (1, 0, 0.0)


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("not json", "not a label"),
        ('{"row": "r", "kind": "ok"}', "not a label"),
        ('{"row": "r", "sentence": "abc", "kind": "boring"}', "unknown kind 'boring'"),
    ],
)
def test_a_bad_labels_file_is_refused_with_its_line(tmp_path: Path, line: str, says: str) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text('{"row": "r", "sentence": "abc", "kind": "ok"}\n' + line + "\n")
    with pytest.raises(LabelError, match=f"labels.jsonl:2: {says}"):
        load_labels(path)


def test_a_second_label_for_one_sentence_is_refused(tmp_path: Path) -> None:
    record = {"row": "r", "sentence": "abc", "kind": "ok"}
    with pytest.raises(LabelError, match="a second label"):
        load_labels(write_labels(tmp_path / "labels.jsonl", [record, record]))


@pytest.fixture
def row_file(tmp_path: Path) -> Path:
    document = " ".join([STORY, PRONOUN, CAPTION, LATER, "Residents asked for a footpath."])
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"id": "r", "documents": [document], "summary": STORY}) + "\n")
    return path


def test_evaluate_prints_the_defect_rate_and_writes_a_worksheet_of_the_unlabelled(
    row_file: Path, labels: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "sheet.jsonl"
    code = main([str(row_file), "--sentences", "5", "--methods", "lead", "--bootstrap", "10",
                 "--labels", str(labels), "--worksheet", str(sheet)])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    # Lead-5 is the whole text: STORY, PRONOUN (its referent before it), CAPTION, LATER, and
    # one sentence without a label.
    line = next(x for x in out.splitlines() if x.startswith("lead-5") and "%" in x)
    assert "25.00%  1 of 4 (caption 1); 1 of 5 sentences unlabelled" in line
    (entry,) = [json.loads(x) for x in sheet.read_text().splitlines()]
    assert entry["row"] == "r" and entry["method"] == "lead-5"
    unlabelled = [s for s in entry["sentences"] if not s["labelled"]]
    assert [s["text"] for s in unlabelled] == ["Residents asked for a footpath."]
    assert unlabelled[0]["prev_text"] == LATER
    assert unlabelled[0]["prev_hash"] == sentence_key(LATER)


def test_evaluate_refuses_a_labels_file_that_is_missing_or_bad(
    row_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(row_file), "--labels", str(tmp_path / "none.jsonl")]) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{}\n")
    assert main([str(row_file), "--labels", str(bad)]) == 2
    assert "bad.jsonl:1: not a label" in capsys.readouterr().err


def test_a_piece_of_a_quotation_is_a_defect_unless_the_whole_quotation_is_there(
    tmp_path: Path,
) -> None:
    opening, middle, closing = '"We knew.', "It was hard.", 'We stayed," she said.'
    k = sentence_key
    path = write_labels(tmp_path / "labels.jsonl", [
        {"row": "r", "sentence": k(opening), "kind": "quote", "needs": [k(middle), k(closing)]},
        {"row": "r", "sentence": k(middle), "kind": "quote", "needs": [k(opening), k(closing)]},
        {"row": "r", "sentence": k(closing), "kind": "quote", "needs": [k(opening), k(middle)]},
        {"row": "r", "sentence": k(STORY), "kind": "quote"},  # no needs: a defect anywhere
    ])  # fmt: skip
    assert count(path, [opening, middle, closing]).defects == 0
    assert count(path, [opening, middle]).kinds == {"quote": 2}
    assert count(path, [STORY, opening, middle, closing]).kinds == {"quote": 1}
