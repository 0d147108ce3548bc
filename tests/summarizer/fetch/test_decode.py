"""Media types and charsets: what is sniffed, what is refused, how bytes become text."""

from __future__ import annotations

import codecs
import random

import pytest

from summarizer import extract, fetch
from summarizer.errors import (
    SkimError,
    UnsupportedContentTypeError,
)
from summarizer.fetch.decode import decode, decode_markup, sniff
from tests.summarizer.fetch.serving import local, page
from tests.support.httpservers import (
    LocalServer,
)


@pytest.mark.parametrize(
    ("content_type", "body", "words"),
    [
        ("application/pdf", b"%PDF-1.7\n...", "a PDF document (application/pdf)"),
        ("image/png", b"\x89PNG\r\n\x1a\n....", "an image (image/png)"),
        ("image/jpeg", b"\xff\xd8\xff\xe0", "an image (image/jpeg)"),
        ("application/octet-stream", b"\x00\x01", "(application/octet-stream)"),
        ("application/json", b"{}", "(application/json)"),
    ],
)
def test_other_content_types_are_refused_by_name(
    server: LocalServer, content_type: str, body: bytes, words: str
) -> None:
    server.route("/file", page(body, content_type))
    with pytest.raises(UnsupportedContentTypeError) as caught:
        fetch(server.url("/file"), local())
    assert caught.value.content_type == content_type
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("body", "sniffed"),
    [
        (b"\n  <!DOCTYPE html><html><body><p>Hi</p></body></html>", "text/html"),
        (b"<p>Just a paragraph</p>", "text/html"),
        (b"Just some plain words.\nAnd a second line.", "text/plain"),
        (codecs.BOM_UTF8 + b"<html><body>bom</body></html>", "text/html"),
    ],
)
def test_missing_content_type_is_sniffed(server: LocalServer, body: bytes, sniffed: str) -> None:
    server.route("/untyped", page(body, None))
    result = fetch(server.url("/untyped"), local())
    assert (result.content_type, result.is_html) == (sniffed, sniffed == "text/html")


@pytest.mark.parametrize(
    ("body", "sniffed"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"\x00\x00\x01\x00binary", "application/octet-stream"),
    ],
)
def test_missing_content_type_sniffed_as_binary_is_refused(
    server: LocalServer, body: bytes, sniffed: str
) -> None:
    server.route("/untyped", page(body, None))
    with pytest.raises(UnsupportedContentTypeError) as caught:
        fetch(server.url("/untyped"), local())
    assert caught.value.content_type == sniffed
    assert sniffed in str(caught.value)


FRENCH = "Le café crème est servi à côté de la forêt, où l'élève a goûté “la bûche”. " * 5


RUSSIAN = "Съешь же ещё этих мягких французских булок, да выпей чаю. " * 5


JAPANESE = "日本語の記事です。吾輩は猫である。名前はまだ無い。" * 5


@pytest.mark.parametrize(
    ("header", "body", "text", "encoding"),
    [
        # Header charset, including latin-1 read as windows-1252 the way browsers read it.
        ("text/html; charset=windows-1252", FRENCH.encode("cp1252"), FRENCH, "cp1252"),
        ("text/html; charset=ISO-8859-1", FRENCH.encode("cp1252"), FRENCH, "cp1252"),
        ('text/plain; charset="Shift_JIS"', JAPANESE.encode("shift_jis"), JAPANESE, "shift_jis"),
        ("text/html; charset=koi8-r", RUSSIAN.encode("koi8-r"), RUSSIAN, "koi8-r"),
        # An unknown label is ignored; the UTF-8 bytes are then recognized as such.
        ("text/html; charset=no-such-charset", FRENCH.encode(), FRENCH, "utf-8"),
        # Not a text encoding: must not be usable from a page.
        ("text/html; charset=base64", FRENCH.encode(), FRENCH, "utf-8"),
        # No charset, valid UTF-8.
        ("text/html", JAPANESE.encode(), JAPANESE, "utf-8"),
    ],
)
def test_header_charset(
    server: LocalServer, header: str, body: bytes, text: str, encoding: str
) -> None:
    server.route("/", page(body, header))
    result = fetch(server.url("/"), local())
    assert (result.text, result.encoding) == (text, encoding)


def test_missing_charset_on_legacy_bytes_is_not_mojibake(server: LocalServer) -> None:
    server.route("/", page(FRENCH.encode("cp1252"), "text/html"))
    result = fetch(server.url("/"), local())
    assert "café crème" in result.text and "forêt" in result.text
    assert "\ufffd" not in result.text and "Ã" not in result.text


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        ('<meta charset="windows-1251">', "cp1251"),
        ("<meta charset=koi8-r>", "koi8-r"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', "cp1251"),
    ],
)
def test_meta_charset(server: LocalServer, head: str, codec: str) -> None:
    document = f"<html><head>{head}<title>t</title></head><body>{RUSSIAN}</body></html>"
    server.route("/", page(document.encode(codec), "text/html"))
    result = fetch(server.url("/"), local())
    assert (result.text, result.encoding) == (document, codec)


def test_xml_declaration_encoding_in_xhtml(server: LocalServer) -> None:
    document = f'<?xml version="1.0" encoding="ISO-8859-1"?><html><body>{FRENCH}</body></html>'
    server.route("/", page(document.encode("cp1252"), "application/xhtml+xml"))
    assert fetch(server.url("/"), local()).text == document


def test_header_charset_wins_over_meta(server: LocalServer) -> None:
    document = f'<html><head><meta charset="windows-1251"></head><body>{FRENCH}</body></html>'
    server.route("/", page(document.encode(), "text/html; charset=utf-8"))
    assert fetch(server.url("/"), local()).text == document


@pytest.mark.parametrize(
    ("bom", "codec", "header"),
    [
        (codecs.BOM_UTF8, "utf-8", "text/html"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "text/html"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "text/plain"),
        # A BOM cannot be there by accident: it wins over a contradicting header, as in browsers.
        (codecs.BOM_UTF8, "utf-8", "text/html; charset=iso-8859-1"),
    ],
)
def test_byte_order_mark(server: LocalServer, bom: bytes, codec: str, header: str) -> None:
    document = f"<html><body>{JAPANESE}</body></html>"
    server.route("/", page(bom + document.encode(codec), header))
    result = fetch(server.url("/"), local())
    assert (result.text, result.encoding) == (document, codec)


@pytest.mark.parametrize("header", ["text/html", "text/html; charset=utf-8", "text/plain"])
def test_binary_garbage_served_as_text_does_not_crash(server: LocalServer, header: str) -> None:
    garbage = random.Random(7).randbytes(100_000)
    server.route("/", page(garbage, header))
    result = fetch(server.url("/"), local())
    assert isinstance(result.text, str) and result.text


ARTICLE = (
    "Le conseil a voté le budget de l'école. Les élèves auront une cantine neuve, "
    "et la commune paiera les travaux sur trois ans, sans emprunt nouveau. "
) * 4


# --- The one decoder, also for markup given as bytes ------------------------------------------


@pytest.mark.parametrize("label", ["base64", "rot13", "zlib", "hex", "uu", "bz2", "idna"])
def test_a_codec_that_is_not_a_charset_is_ignored_by_extract(label: str) -> None:
    """`base64` and friends are Python codecs, not text encodings: a page naming one gets the
    usual UTF-8 decoding and a plain-words answer, never a bare LookupError."""
    with pytest.raises(SkimError):
        extract(f'<meta charset="{label}"><p>x</p>'.encode())
    article = extract(f'<meta charset="{label}"><p>{ARTICLE}</p>'.encode())
    assert "Le conseil a voté" in article.text


def test_utf7_is_not_honoured_in_markup_bytes() -> None:
    """UTF-7 would let a page smuggle markup past filters ("+ADw-script+AD4-"); browsers refuse
    it, and so does Skim: the bytes read as what they are."""
    markup = f'<meta charset="utf-7"><p>{ARTICLE} +ADw-b+AD4-bold+ADw-/b+AD4-</p>'.encode()
    article = extract(markup)
    assert "+ADw-b+AD4-" in article.text and "<b>" not in article.text
    assert decode_markup(markup) == markup.decode("utf-8")


def test_extract_decodes_bytes_as_fetch_does() -> None:
    """Markup as bytes and the same page fetched both go through `decode`: same text."""
    markup = f'<html><head><meta charset="windows-1252"></head><p>{ARTICLE}</p>'.encode("cp1252")
    assert decode_markup(markup) == decode(markup, None, is_html=True)[0]
    assert "Le conseil a voté" in extract(markup).text


@pytest.mark.parametrize(
    ("head", "sniffed"),
    [
        (b"\x00\x01\x02 binary", "application/octet-stream"),
        (b"plain text with an escape \x1b[0m and a form feed \x0c", "text/plain"),
        (b"a text then a control byte \x1c", "application/octet-stream"),
        (b"\x89PNG\r\n\x1a\nrest", "image/png"),
        (b"%PDF-1.4 rest", "application/pdf"),
        (b"  <!DOCTYPE html><p>x", "text/html"),
        (codecs.BOM_UTF16_LE + "<html><p>x".encode("utf-16-le"), "text/html"),
        (b"", "text/plain"),
    ],
)
def test_sniffing_tells_text_from_binary(head: bytes, sniffed: str) -> None:
    """WHATWG MIME Sniffing: a control byte that no text holds in the first bytes is binary."""
    assert sniff(head) == sniffed


def test_random_bytes_are_always_binary() -> None:
    rng = random.Random(0)
    assert all(sniff(rng.randbytes(3000)) == "application/octet-stream" for _ in range(200))


def test_markup_bytes_whose_declaration_is_wrong_are_read_as_what_they_are() -> None:
    """Saved or pasted markup may say UTF-8 and be windows-1252: the declaration is checked."""
    markup = f'<meta charset="utf-8"><p>{ARTICLE}</p>'.encode("cp1252")
    assert "Le conseil a voté" in decode_markup(markup)
    assert "\ufffd" not in decode_markup(markup)
    # A fetched page's declaration is honoured, as browsers do.
    assert "\ufffd" in decode(markup, None, is_html=True)[0]


def test_nearly_utf8_bytes_lose_only_their_damaged_bytes() -> None:
    """One stray byte in a UTF-8 text must not make every accent read as legacy characters."""
    good = ARTICLE.encode("utf-8")
    damaged = good[:100] + b"\xff" + good[100:]
    text, codec = decode(damaged, None, is_html=False)
    assert codec == "utf-8" and text.count("\ufffd") == 1
    assert text.replace("\ufffd", "") == ARTICLE
    # Real legacy bytes still get their guess.
    assert decode(ARTICLE.encode("cp1252"), None, is_html=False) == (ARTICLE, "cp1252")


def test_a_vertical_tab_from_a_word_processor_is_text() -> None:
    assert sniff(b"A line\x0bthe same paragraph, copied out of a word processor.") == "text/plain"
