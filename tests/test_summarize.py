"""summarize(): input handling, lengths, methods, bad input, and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from summarizer import Summary, summarize
from summarizer.documents import MAX_INPUT_CHARS, split_documents, strip_requests
from summarizer.errors import (
    EmptyInputError,
    InputError,
    InputTooLargeError,
    InvalidLengthError,
    NoWordsError,
    SkimError,
    UnsupportedLanguageError,
)
from summarizer.summarize import MAX_SENTENCES, default_sentence_count

QUESTION = "What is a shorter version of the above article?"


# --- Input ---------------------------------------------------------------------------------


def test_canonical_example_is_three_documents_without_the_question(multinews_example) -> None:
    documents = split_documents(multinews_example)
    assert len(documents) == 3
    assert all(QUESTION not in d for d in documents)
    assert not documents[0].startswith("News article:")
    summary = summarize(multinews_example, max_words=300)
    assert summary.input_documents == 3
    assert QUESTION not in summary.text
    assert "News article" not in summary.text
    assert set(summary.documents) <= {0, 1, 2}


@pytest.mark.parametrize(
    "request_line",
    [
        QUESTION,
        "Summarize the above article.",
        "Please give me a summary of the text above.",
        "TL;DR:",
        "Question: Can you write a short version of this story?",
    ],
)
def test_trailing_requests_are_not_content(request_line: str) -> None:
    text = "The wall will cost 210 million dollars.\nIt opens in 2031.\n\n" + request_line
    assert strip_requests(text).rstrip().endswith("It opens in 2031.")


def test_an_article_ending_with_a_question_keeps_it() -> None:
    text = "The council met on Tuesday.\nWho will pay for the new ramps?"
    assert strip_requests(text) == text


def test_list_of_documents_maps_sentences_to_their_document(prose_texts) -> None:
    summary = summarize(prose_texts[:2], sentences=6)
    for sentence, document in zip(summary.sentences, summary.documents, strict=True):
        assert sentence in " ".join(prose_texts[document].split())


# --- Lengths -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["skim", "lexrank"])
@pytest.mark.parametrize("count", [1, 2, 5])
def test_sentences_gives_that_many_in_source_order(prose_texts, method: str, count: int) -> None:
    text = prose_texts[0]
    summary = summarize(text, sentences=count, method=method)
    assert len(summary.sentences) == count
    flat = " ".join(text.split())
    positions = [flat.index(s) for s in summary.sentences]
    assert positions == sorted(positions)


@pytest.mark.parametrize("method", ["skim", "lexrank"])
def test_max_words_is_never_exceeded(multinews_example, method: str) -> None:
    for budget in (12, 25, 40, 63, 100, 150, 300, 1000):
        summary = summarize(multinews_example, max_words=budget, method=method)
        words = sum(len(s.split()) for s in summary.sentences)
        assert words == summary.output_words <= budget
        assert summary.sentences


def test_max_words_uses_the_budget_well(multinews_example) -> None:
    summary = summarize(multinews_example, max_words=300)
    assert summary.output_words >= 250


def test_default_length_scales_with_input(prose_texts, multinews_example) -> None:
    assert default_sentence_count(5) == 1
    assert default_sentence_count(40) == 3
    assert default_sentence_count(100_000) == 7
    short = summarize("A short note. It has two sentences only.")
    assert len(short.sentences) == 1
    article = summarize(prose_texts[0])
    assert 2 <= len(article.sentences) <= 4
    assert len(summarize(multinews_example).sentences) >= len(article.sentences)


def test_counts(prose_texts) -> None:
    summary = summarize(prose_texts[1], sentences=2)
    assert isinstance(summary, Summary)
    assert summary.input_words == len(prose_texts[1].split())
    assert summary.output_words == sum(len(s.split()) for s in summary.sentences)
    assert summary.text == " ".join(summary.sentences)


@pytest.mark.parametrize(
    "kwargs", [{"sentences": 0}, {"sentences": -1}, {"max_words": 0}, {"sentences": 2.5},
               {"sentences": True}, {"max_words": "ten"}],
)
def test_nonsense_lengths_are_refused(kwargs) -> None:
    with pytest.raises(InvalidLengthError) as error:
        summarize("One sentence here. And another one.", **kwargs)
    assert "must be" in str(error.value)


def test_a_budget_no_sentence_fits_says_so() -> None:
    with pytest.raises(InvalidLengthError) as error:
        summarize("This sentence has exactly seven words in it.", max_words=3)
    assert "longer summary" in str(error.value)


# --- Methods -------------------------------------------------------------------------------


def test_default_method_skips_credits_links_and_headings(multinews_example) -> None:
    summary = summarize(multinews_example, max_words=300)
    assert summary.method == "skim"
    for sentence in summary.sentences:
        assert not sentence.startswith("@")
        assert sentence[-1] in ".!?\"'”’)"


def test_default_method_does_not_repeat_a_fact() -> None:
    documents = [
        "The city council voted to build a flood wall on Tuesday. The wall costs 210 million. "
        "Fishermen worry about access to the harbour for their boats.",
        "On Tuesday the city council voted to build a flood wall. Construction starts in spring. "
        "A salt marsh north of the harbour will also be restored.",
    ]
    summary = summarize(documents, sentences=2)
    assert not ("voted to build a flood wall" in summary.sentences[0]
                and "voted to build a flood wall" in summary.sentences[1])


def test_unknown_method_is_refused() -> None:
    with pytest.raises(InputError) as error:
        summarize("One sentence. Two sentences.", method="gpt")
    assert "skim" in str(error.value)


@pytest.mark.parametrize(
    "language,text",
    [
        ("german", "Der Rat hat die Mauer beschlossen. Sie kostet viel Geld. Die Fischer sind "
                   "dagegen, weil der Hafen schwer erreichbar wird. Der Bau beginnt im Frühjahr."),
        ("french", "Le conseil a voté la construction du mur. Il coûtera très cher. Les pêcheurs "
                   "craignent de perdre l'accès au port. Les travaux commencent au printemps."),
        ("spanish", "El consejo aprobó el muro. Costará mucho dinero. Los pescadores temen "
                    "perder el acceso al puerto. Las obras empiezan en primavera."),
    ],
)
def test_other_languages(language: str, text: str) -> None:
    for method in ("skim", "lexrank"):
        assert summarize(text, sentences=2, language=language, method=method).sentences


# --- Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t  ", "|||||", "\n\n|||||\n" + QUESTION])
def test_empty_input(text: str) -> None:
    with pytest.raises(EmptyInputError) as error:
        summarize(text)
    assert "no text" in str(error.value)


@pytest.mark.parametrize("text", ["12345 678. 99!", "🙂🙂 🙂 🎉", "--- *** ///", "3.14 2.71 1.41"])
def test_text_without_words(text: str) -> None:
    with pytest.raises(NoWordsError) as error:
        summarize(text)
    assert "no words" in str(error.value)


def test_binary_garbage_gives_a_plain_answer_not_a_crash() -> None:
    garbage = bytes(range(256)).decode("latin-1") * 40
    try:
        summary = summarize(garbage)
    except SkimError:
        return
    assert "\x00" not in summary.text


def test_one_sentence_is_its_own_summary() -> None:
    summary = summarize("Only one sentence lives here.", sentences=3)
    assert summary.sentences == ("Only one sentence lives here.",)


def test_ten_megabyte_paste_is_refused_at_once() -> None:
    text = "The council voted for the wall. " * (10 * 1024 * 1024 // 32)
    start = time.monotonic()
    with pytest.raises(InputTooLargeError) as error:
        summarize(text)
    assert time.monotonic() - start < 30  # a guard against hanging, not a speed target
    assert f"{MAX_INPUT_CHARS:,}" in str(error.value)


def test_too_many_sentences_are_refused_in_plain_words() -> None:
    # Well under the character limit, but more sentences than are ranked at once.
    text = "Wall. " * (MAX_SENTENCES + 1)
    assert len(text) < MAX_INPUT_CHARS
    with pytest.raises(InputTooLargeError) as error:
        summarize(text)
    assert f"{MAX_SENTENCES:,} sentences" in str(error.value)


@pytest.mark.parametrize("method", ["skim", "lexrank"])
def test_the_worst_case_at_the_sentence_limit_is_summarized(method: str) -> None:
    # Every sentence like every other: the similarity graph is complete, the most costly case.
    sentence = "Council member number {} voted for the new harbour wall on Tuesday. "
    text = "".join(sentence.format(i) for i in range(MAX_SENTENCES))
    summary = summarize(text, max_words=60, method=method)
    assert summary.sentences
    assert summary.output_words <= 60


def test_unsupported_language() -> None:
    with pytest.raises(UnsupportedLanguageError):
        summarize("Some text here. More text.", language="klingon")


def test_wrong_type() -> None:
    with pytest.raises(TypeError):
        summarize(42)  # type: ignore[arg-type]


# --- CLI -----------------------------------------------------------------------------------


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    # Without SKIM_FETCH_ALLOW, a loopback URL must be refused before any connection.
    env = {k: v for k, v in os.environ.items() if k != "SKIM_FETCH_ALLOW"}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        input=stdin, capture_output=True, text=True, timeout=120, env=env,
    )


def test_cli_file_and_json(tmp_path, prose_texts) -> None:
    path = tmp_path / "a.txt"
    path.write_text(prose_texts[0], encoding="utf-8")
    result = run_cli(str(path), "--sentences", "2", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert len(payload["sentences"]) == 2
    assert payload["sentences"][0]["document"] == 0
    assert payload["input_words"] == len(prose_texts[0].split())


def test_cli_stdin_words(multinews_example) -> None:
    result = run_cli("-", "--words", "80", stdin=multinews_example)
    assert result.returncode == 0, result.stderr
    assert 0 < len(result.stdout.split()) <= 80


@pytest.mark.parametrize(
    "args,stdin,message",
    [
        (("missing-file.txt",), None, "No such file"),
        (("-",), "", "no text to summarize"),
        (("-", "--language", "klingon"), "Some text. More.", "cannot summarize"),
        (("http://127.0.0.1:9/",), None, "private network"),
        (("ftp://example.invalid/x",), None, "No such file"),
    ],
)
def test_cli_errors_are_one_line_on_stderr(args, stdin, message) -> None:
    result = run_cli(*args, stdin=stdin)
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr


def test_cli_rejects_a_bad_length() -> None:
    result = run_cli("-", "--sentences", "0", stdin="Text here. More text.")
    assert result.returncode == 2
    assert "at least 1" in result.stderr


def test_every_error_survives_pickling_with_its_message_and_details() -> None:
    # The bot summarizes in worker processes; an error must come back whole.
    import pickle

    from summarizer import errors

    samples = [
        errors.EmptyInputError(),
        errors.NoWordsError(),
        errors.InputTooLargeError(12, 10, unit="sentences"),
        errors.UnsupportedLanguageError("klingon", ["english"]),
        errors.InvalidLengthError("bad length"),
        errors.BlockedAddressError("private", url="http://10.0.0.1/"),
        errors.HTTPStatusError("gone", url="http://x.example/", status=404),
        errors.UnsupportedContentTypeError("pdf", content_type="application/pdf"),
        errors.NoArticleError("login", reason="login-wall"),
    ]
    for error in samples:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert copy.__dict__ == error.__dict__


def test_cli_reads_a_bounded_amount_of_a_huge_input() -> None:
    from summarizer.cli import MAX_READ_BYTES

    huge = "The council voted for the wall. " * (3 * MAX_READ_BYTES // 32)
    result = run_cli("-", stdin=huge)
    assert result.returncode == 1
    assert "too long to summarize" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "sentence,content",
    [
        ("The full report can be downloaded HERE.", False),
        ("You can read the whole interview with the mayor here.", False),
        ("The council said the new vaccine was available here and in two other towns.", True),
        ("Officials told reporters that the soldiers were here to stay for the winter.", True),
    ],
)
def test_default_method_leaves_out_sentences_that_are_links(sentence: str, content: bool) -> None:
    from summarizer.skim import SkimConfig, is_content

    assert is_content(sentence, SkimConfig()) is content
