"""Bytes to text: what a body is (media type sniffing) and how it is encoded (charset).

The one decoder of the project: `fetch` decodes page bodies with it, `extract` decodes markup
given as bytes with it, and the CLI decodes files with it, so a charset label is judged the same
way everywhere (no `base64` or UTF-7 "charsets" from a page, windows-1252 for latin-1 labels,
a guess only when nothing is declared and the bytes are not UTF-8).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = HTML_TYPES | {"text/plain"}

#: How far into a body a `<meta charset>` or XML declaration is looked for. Browsers also
#: honour a declaration found later in the head (they re-parse), so this is generous.
META_SCAN_BYTES = 8192
_SNIFF_BYTES = 1024
_GUESS_SAMPLE_BYTES = 64 * 1024


def media_type(header: str | None) -> tuple[str, dict[str, str]]:
    """A Content-Type header's media type, lower-cased, and its parameters."""
    if not header:
        return "", {}
    head, *rest = header.split(";")
    params: dict[str, str] = {}
    for item in rest:
        key, sep, value = item.partition("=")
        if sep:
            params[key.strip().lower()] = value.strip().strip("\"'")
    return head.strip().lower(), params


_HTML_SNIFF = re.compile(
    rb"\s*<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body"
    rb"|br|p|!--)[\s>]",
    re.IGNORECASE,
)
_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG MIME Sniffing's "binary data bytes": control characters that text never holds (tab,
# line feed, form feed, carriage return and escape are not among them), less the vertical tab,
# which word processors write for a line break inside a paragraph and so turns up in text
# copied out of them.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def sniff(body: bytes) -> str:
    """Guess the media type of a body that came without one, the way browsers do: known
    binary signatures first, then HTML tags at the start, then text unless its first bytes
    hold a control character that no text has (WHATWG MIME Sniffing)."""
    head = body[:_SNIFF_BYTES]
    for magic, media in _MAGIC:
        if head.startswith(magic):
            return media
    bom = next((name for mark, name in _BOMS if head.startswith(mark)), None)
    if bom is not None:
        text = body[: _SNIFF_BYTES * 4].decode(bom, "replace").lstrip("\ufeff")
        return "text/html" if _HTML_SNIFF.match(text.encode("utf-8", "replace")) else "text/plain"
    if _HTML_SNIFF.match(head):
        return "text/html"
    if _BINARY_BYTES.search(head):
        return "application/octet-stream"
    return "text/plain"


_WINDOWS_1252_LABELS = frozenset(
    {
        "ascii",
        "us-ascii",
        "iso-8859-1",
        "iso8859-1",
        "iso_8859-1",
        "latin1",
        "latin-1",
        "l1",
        "cp819",
        "ibm819",
        "x-cp1252",
        "windows-1252",
        "cp1252",
    }
)
_UNSAFE_CODECS = frozenset(
    {
        "utf-7",
        "undefined",
        "idna",
        "punycode",
        "unicode-escape",
        "raw-unicode-escape",
        "mbcs",
        "oem",
        "charmap",
    }
)


def _codec(label: str | None, *, from_meta: bool = False) -> str | None:
    """The Python codec for a charset label, or None if it is unknown or not a text encoding
    (`base64`, `rot13` and friends are codecs too, and must not be reachable from a page)."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
        b"".decode(name)
    except (LookupError, ValueError):
        return None
    if name.replace("_", "-") in _UNSAFE_CODECS:
        return None
    if from_meta and name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a meta tag that could be read as ASCII cannot be in UTF-16 (WHATWG)
    return name


_META_CHARSET = re.compile(rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([-\w.:]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"\s*<\?xml\s[^>]*?encoding\s*=\s*[\"']([-\w.:]+)", re.IGNORECASE)


def _declared_in_document(body: bytes) -> str | None:
    head = body[:META_SCAN_BYTES]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.match(head) if pattern is _XML_ENCODING else pattern.search(head)
        if match:
            codec = _codec(match.group(1).decode("ascii", "replace"), from_meta=True)
            if codec:
                return codec
    return None


def _non_ascii_letters(text: str) -> int:
    return sum(1 for char in text if ord(char) > 127 and char.isalpha())


def _latin_script(text: str) -> bool:
    return all(
        unicodedata.name(char, "").startswith("LATIN")
        for char in text
        if ord(char) > 127 and char.isalpha()
    )


# A well-formed UTF-8 sequence of two to four bytes (no overlongs, no surrogates).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# Any byte that is not ASCII: what is left of them once the well-formed sequences are removed
# is what UTF-8 cannot read.
_NON_ASCII = re.compile(rb"[\x80-\xff]")


def _mostly_utf8(sample: bytes) -> bool:
    """UTF-8 with a few damaged bytes (a truncated character, one stray legacy byte) rather
    than a legacy encoding: more well-formed multi-byte sequences than stray bytes. Text in an
    8-bit encoding almost never forms a valid UTF-8 sequence (an accented letter is followed by
    an ASCII one), so it has none, while damaged UTF-8 keeps nearly all of its sequences."""
    sequences = len(_UTF8_MULTIBYTE.findall(sample))
    stray = len(_NON_ASCII.findall(_UTF8_MULTIBYTE.sub(b"", sample)))
    return sequences > stray


def _guess_codec(sample: bytes) -> str:
    """Guess the codec of unlabelled bytes that are not (all) valid UTF-8.

    Nearly valid UTF-8 is UTF-8 (`_mostly_utf8`): guessing from its bytes reads every accent
    as two legacy characters ("cafÃ©"), or worse.

    charset-normalizer tells scripts apart well (Cyrillic, Greek, CJK...) but within Latin
    script it cannot tell windows-1252 from its Central European and Baltic siblings, and
    often answers cp1250 for French or German, which turns "crème" into "crčme". So when its
    answer is Latin script and windows-1252 reads the bytes as at least as many letters,
    windows-1252 wins: it is by far the most common legacy encoding, and what browsers assume.
    """
    if _mostly_utf8(sample):
        return "utf-8"
    best = charset_normalizer.from_bytes(sample).best()
    guessed = _codec(best.encoding) if best is not None else None
    if guessed is None or guessed == "cp1252":
        return "cp1252"
    try:
        guessed_text = sample.decode(guessed, "replace")
    except (LookupError, UnicodeError):
        return "cp1252"
    if not _latin_script(guessed_text):
        return guessed
    western_text = sample.decode("cp1252", "replace")
    if _non_ascii_letters(western_text) >= _non_ascii_letters(guessed_text):
        return "cp1252"
    return guessed


def decode(
    body: bytes, header_charset: str | None, is_html: bool, *, verify_declared: bool = False
) -> tuple[str, str]:
    """Decode the body; returns (text, codec name).

    A byte-order mark wins over everything, as in browsers: it cannot be there by accident, and
    honouring a contradicting header would leave mojibake. Then the HTTP charset, then a
    <meta>/XML declaration near the start, then UTF-8 if the bytes are valid UTF-8, then a
    guess (`_guess_codec`). Decoding errors are replaced, never raised: a page of binary
    garbage labelled text/html still yields text. With `verify_declared`, a declared charset
    the bytes do not decode in is passed over for the undeclared path (for markup saved or
    pasted from elsewhere, whose declaration may no longer be true); a fetched page's
    declaration is honoured, as browsers do.
    """
    for mark, name in _BOMS:
        if body.startswith(mark):
            return body[len(mark) :].decode(name, "replace"), name
    codec = _codec(header_charset)
    if codec is None and is_html:
        codec = _declared_in_document(body)
    if codec is not None:
        try:
            return body.decode(codec, "strict" if verify_declared else "replace"), codec
        except (LookupError, UnicodeError):
            pass
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    codec = _guess_codec(body[:_GUESS_SAMPLE_BYTES])
    try:
        return body.decode(codec, "replace"), codec
    except (LookupError, UnicodeError):
        pass
    return body.decode("cp1252", "replace"), "cp1252"


def decode_markup(markup: str | bytes) -> str:
    """HTML given as text or as bytes (a file, a page saved to disk) as text: bytes are
    decoded as a page without a charset header would be, its declaration checked."""
    if isinstance(markup, str):
        return markup
    return decode(markup, None, is_html=True, verify_declared=True)[0]
