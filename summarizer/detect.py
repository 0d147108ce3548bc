"""The language a text is written in, from the text itself.

Pages often say nothing (no `lang`, no `inLanguage`), or say what their template says: an
`<html lang="en">` left on a German shop's pages. Summarizing German with English stop words
and stemming still works, but worse; a language read from the text does not depend on the
template. py3langid (langid.py's model, 97 languages, shipped inside the package: nothing is
downloaded) reads the first few thousand characters in about a millisecond once its model is
loaded, which is once per process (about 0.5 s and 74 MB of memory).

A module of its own, beside the models and the errors, because two stages read languages:
extraction (a page's, against what it declares) and summarizing (pasted text's), and neither
stage may import the other.
"""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

#: Fewer words than this is a guess, not a reading: a menu, a title, a caption.
MIN_WORDS = 20
#: A detection overrides what the page declares only when at least this sure. (The model's
#: probabilities, normalised; on WCXB dev, see the issue's closing note for the figures.)
MIN_PROBABILITY = 0.9
#: Detection reads at most this much of the text: enough to be sure, and a bounded cost.
SAMPLE_CHARS = 4000
#: Labels of the model that are not a language: "no linguistic content" (codes, part numbers).
_NOT_LANGUAGES = frozenset({"zxx", "und"})


@cache
def _identifier() -> LanguageIdentifier:
    """The model, loaded on first use (about half a second) and kept for the process."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load_language_model() -> None:
    """Load the model now (a worker process at start), not during the first request."""
    _identifier()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is in ("de"), or None when unsure."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < MIN_WORDS:
        return None
    code, probability = _identifier().classify(sample)
    if probability < MIN_PROBABILITY or code in _NOT_LANGUAGES:
        return None
    return str(code)


def choose_language(declared: str | None, text: str) -> str | None:
    """The page's language: what it declares, unless its text is surely in another one.

    A declaration that agrees with the text is kept as written ("de-AT", not "de").
    """
    detected = detect_language(text)
    if detected is None:
        return declared
    if declared and declared.replace("_", "-").split("-")[0].strip().lower() == detected:
        return declared
    return detected
