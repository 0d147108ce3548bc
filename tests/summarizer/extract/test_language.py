"""The page's language from its text, where the page says nothing or says wrong."""

from __future__ import annotations

from summarizer import extract
from summarizer.detect import MIN_WORDS, choose_language, detect_language
from summarizer.summarize.language import text_language
from tests.support.data import FIXTURES, PAGES

# The German fixture with its one declaration taken away.
GERMAN = (PAGES / "german.html").read_text(encoding="utf-8").replace('<html lang="de">', "<html>")
GERMAN_TEXT = extract(GERMAN).text


def test_a_german_page_without_lang_is_read_as_german() -> None:
    article = extract(GERMAN)
    assert "<html>" in GERMAN and "lang=" not in GERMAN  # the fixture declares nothing
    assert article.language == "de"
    assert "Die Stadtwerke wollen bis zum Jahr 2030" in article.text


def test_a_template_declaration_the_text_contradicts_gives_way() -> None:
    wrong = GERMAN.replace("<html>", '<html lang="en">')
    assert extract(wrong).language == "de"


def test_a_declaration_the_text_agrees_with_is_kept_as_written() -> None:
    assert extract(GERMAN.replace("<html>", '<html lang="de-AT">')).language == "de-AT"
    assert choose_language("de_CH", GERMAN_TEXT) == "de_CH"


def test_too_little_text_is_no_reading_and_the_declaration_stands() -> None:
    short = "Impressum Datenschutz Kontakt"
    assert len(short.split()) < MIN_WORDS
    assert detect_language(short) is None
    assert choose_language("en", short) == "en" and choose_language(None, short) is None


def test_part_numbers_are_no_language() -> None:
    codes = " ".join(f"KIT3P-{n} 827{n}63 X{n}" for n in range(20))
    assert detect_language(codes) is None


def test_pasted_text_gets_its_language_and_english_is_the_fallback() -> None:
    assert text_language(GERMAN_TEXT) == "german"
    assert text_language((FIXTURES / "article-rail.txt").read_text(encoding="utf-8")) == "english"
    assert text_language("kurz") == "english"
