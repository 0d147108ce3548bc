"""`python -m summarizer`: files, standard input and URLs; every error is one line and a
non-zero exit."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.cli import MAX_READ_BYTES, main
from summarizer.summarize.language import text_language
from tests.support.httpservers import LOOPBACK, LocalServer


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    # Without SKIM_FETCH_ALLOW, a loopback URL must be refused before any connection.
    env = {k: v for k, v in os.environ.items() if k != "SKIM_FETCH_ALLOW"}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.mark.slow
def test_cli_file_and_json(tmp_path, prose_texts) -> None:
    path = tmp_path / "a.txt"
    path.write_text(prose_texts[0], encoding="utf-8")
    result = run_cli(str(path), "--sentences", "2", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert len(payload["sentences"]) == 2
    assert payload["sentences"][0]["document"] == 0
    assert payload["input_words"] == len(prose_texts[0].split())


@pytest.mark.slow
def test_cli_stdin_words(multinews_example) -> None:
    result = run_cli("-", "--words", "80", stdin=multinews_example)
    assert result.returncode == 0, result.stderr
    assert 0 < len(result.stdout.split()) <= 80


@pytest.mark.slow
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


@pytest.mark.slow
def test_cli_rejects_a_bad_length() -> None:
    result = run_cli("-", "--sentences", "0", stdin="Text here. More text.")
    assert result.returncode == 2
    assert "at least 1" in result.stderr


@pytest.mark.slow
def test_cli_reads_a_bounded_amount_of_a_huge_input() -> None:
    huge = "The council voted for the wall. " * (3 * MAX_READ_BYTES // 32)
    result = run_cli("-", stdin=huge)
    assert result.returncode == 1
    assert "too long to summarize" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.slow
def test_cli_summarizes_a_url_when_the_environment_allows_it(site: LocalServer) -> None:
    env = {**os.environ, "SKIM_FETCH_ALLOW": LOOPBACK}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarizer",
            site.url("/article_semantic.html"),
            "--json",
            "--words",
            "60",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["article"]["title"] == "Harbour Town Opens Its First Tidal Power Station"
    assert 0 < payload["output_words"] <= 60


@pytest.mark.slow
def test_cli_reports_a_bad_allow_list_in_one_line() -> None:
    env = {**os.environ, "SKIM_FETCH_ALLOW": "10.0.0.0/33"}
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", "http://127.0.0.1:9/"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "SKIM_FETCH_ALLOW" in result.stderr


class _Stdin:
    """Standard input whose `buffer` holds `data`, as `sys.stdin` has."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (random.Random(7).randbytes(3000), "binary data"),
        (b"\x89PNG\r\n\x1a\n" + random.Random(8).randbytes(500), "an image"),
        (b"%PDF-1.7\n" + b"stream of things. " * 50, "a PDF document"),
        (b"PK\x03\x04" + bytes(200), "a ZIP archive"),
    ],
)
def test_cli_refuses_binary_input_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    data: bytes,
    kind: str,
) -> None:
    """Binary data is not summarized as mojibake: one line says what it is, exit status 1."""
    path = tmp_path / "input.bin"
    path.write_bytes(data)
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    for source in ("-", str(path)):
        assert main([source], environ={}) == 1
        out, err = capsys.readouterr()
        assert out == ""
        assert err.count("\n") == 1 and f"That is {kind}, not text" in err, err


@pytest.mark.slow
def test_random_bytes_on_standard_input_end_with_one_line() -> None:
    """As a user would type it: `head -c 3000 /dev/urandom | python -m summarizer -`."""
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", "-"],
        input=os.urandom(3000),
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode().count("\n") == 1 and b"not text" in result.stderr


def test_cli_reads_legacy_encoded_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A text file in a legacy encoding is read as text, not refused and not mojibake."""
    text = "Le conseil a voté le budget de l'école. Les élèves auront une cantine neuve. " * 4
    path = tmp_path / "fr.txt"
    path.write_bytes(text.encode("cp1252"))
    assert main([str(path), "--language", "french", "--sentences", "1"], environ={}) == 0
    out = capsys.readouterr().out
    assert ("voté" in out or "élèves" in out) and "\ufffd" not in out


def test_cli_reads_the_language_of_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """German text with no --language is summarized as German: the same as when told so."""
    german = " ".join(
        f"Die Stadtwerke ersetzen bis {2030 + i} weitere Linienbusse durch Elektrofahrzeuge, "
        f"wie der Aufsichtsrat nach der {i + 1}. Sitzung des Jahres mitteilte."
        for i in range(8)
    )
    path = tmp_path / "text.txt"
    path.write_text(german, encoding="utf-8")
    outputs = []
    for extra in ([], ["--language", "german"], ["--language", "english"]):
        assert main([str(path), "--json", *extra], environ={}) == 0
        outputs.append(json.loads(capsys.readouterr().out)["sentences"])
    assert outputs[0] == outputs[1]
    assert text_language(german) == "german"  # so the equality above is not English's


def test_cli_prints_a_listing_as_its_items(
    site: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = site.url("/listing_20.html")
    assert main([url], environ={"SKIM_FETCH_ALLOW": LOOPBACK}) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Workshops this spring - Riverside Makers"
    assert lines[2] == "A list of 20 items:" and lines[3] == "- Workshop 1: Pottery for beginners"
    assert len(lines) == 3 + 20
