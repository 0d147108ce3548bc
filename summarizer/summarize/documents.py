"""From what a user pasted to the documents to summarize.

People paste more than articles: several articles joined by `|||||` (the Multi-News format),
a label such as "News article:" on the first line, a request addressed to the summarizer on the
last ("What is a shorter version of the above article?"), control characters from a binary
file. None of that is content, and none of it may end up in a summary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from summarizer.errors import EmptyInputError, InputTooLargeError

#: Where one document ends and the next begins in a pasted multi-document text.
DOCUMENT_SEPARATOR = "|||||"

#: The most text summarized at once, in characters, counted over all documents. About 160,000
#: words: a long book chapter, or a 5 MB web page's article many times over. Ranking cost grows
#: with the square of the sentence count, so this bound is what keeps a 10 MB paste from
#: holding a worker for minutes; above it the user is told to send less.
MAX_INPUT_CHARS = 1_000_000

# A label alone on the first line: "News article:", "Article:", "Text:", "Documents:".
_LEADING_LABEL = re.compile(
    r"^\s*(?:news\s+)?(?:article|text|document|story|passage|input|content)s?\s*:\s*$",
    re.IGNORECASE,
)

# A request to the summarizer on the last line: a question about the text ("What is a shorter
# version of the above article?") or an instruction ("Summarize the following.", "TL;DR:").
_SUMMARY_WORDS = (
    r"summar\w*|shorter|short\s+version|tl;?\s*dr|gist|key\s+points|main\s+points|"
    r"condens\w*|in\s+(?:a\s+)?(?:few|one|two|three)\s+(?:sentences?|words|lines)"
)
_TRAILING_REQUEST = re.compile(
    rf"^\s*(?:question\s*:\s*)?(?:"
    rf"(?:what|which|how|can|could|would|will|please|give|write|provide)\b.*(?:{_SUMMARY_WORDS})"
    rf"|(?:{_SUMMARY_WORDS})\b.*(?:above|following|this|article|text|passage|story|documents?)"
    rf"|tl;?\s*dr\s*:?"
    rf")[^\n]*$",
    re.IGNORECASE,
)

# C0/C1 control characters except tab and newline, as from a binary file pasted as text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text as a reader sees it: NFC, no control characters, Unix newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def strip_requests(text: str) -> str:
    """Drop a leading label line and trailing request lines addressed to the summarizer."""
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and _TRAILING_REQUEST.match(lines[-1]) and len(lines[-1]) < 200:
        lines.pop()
        while lines and not lines[-1].strip():
            lines.pop()
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and _LEADING_LABEL.match(lines[start]):
        start += 1
    return "\n".join(lines[start:])


def split_documents(text_or_documents: str | Sequence[str]) -> list[str]:
    """The documents to summarize, cleaned, empty ones dropped.

    Raises `InputTooLargeError` above `MAX_INPUT_CHARS` and `EmptyInputError` when nothing is
    left; both messages are written for the person who pasted the text.
    """
    if isinstance(text_or_documents, str):
        pieces = [text_or_documents]
    elif isinstance(text_or_documents, Sequence) and all(
        isinstance(d, str) for d in text_or_documents
    ):
        pieces = list(text_or_documents)
    else:
        raise TypeError("summarize() takes a string or a list of strings")
    size = sum(len(p) for p in pieces)
    if size > MAX_INPUT_CHARS:
        raise InputTooLargeError(size, MAX_INPUT_CHARS)
    joined = DOCUMENT_SEPARATOR.join(pieces)
    # The request line may sit after the last separator, on its own: strip on the whole text
    # first, then per document (a label can open each one).
    documents = []
    for piece in strip_requests(clean_text(joined)).split(DOCUMENT_SEPARATOR):
        document = strip_requests(piece).strip()
        if document:
            documents.append(document)
    if not documents:
        raise EmptyInputError()
    return documents
