"""Offline tokenization is sumy's tokenization: same sentences, same words, no nltk_data."""

from __future__ import annotations

import random
from pathlib import Path

import nltk
import pytest
from sumy.nlp.tokenizers import Tokenizer

from summarizer.errors import UnsupportedLanguageError
from summarizer.summarize.language import (
    SUPPORTED_LANGUAGES,
    LanguageResources,
    OfflineTokenizer,
    _TreebankWords,
    canonical_language,
    join_broken_splits,
    punkt_parameters,
)

PUNKT_LANGUAGES = (
    "czech",
    "english",
    "french",
    "german",
    "greek",
    "italian",
    "polish",
    "portuguese",
    "spanish",
    "swedish",
)


def write_punkt_tab(root: Path, language: str) -> None:
    """Write the packaged model in NLTK's own `punkt_tab` layout, as NLTK's downloader would.

    With it on `nltk.data.path`, sumy's unmodified `Tokenizer` runs as it does online, which
    is the reference our offline tokenizer must match.
    """
    params = punkt_parameters(language)
    folder = root / "tokenizers" / "punkt_tab" / language
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "abbrev_types.txt").write_text("\n".join(sorted(params.abbrev_types)) + "\n")
    (folder / "sent_starters.txt").write_text("\n".join(sorted(params.sent_starters)) + "\n")
    (folder / "collocations.tab").write_text(
        "".join(f"{a}\t{b}\n" for a, b in sorted(params.collocations))
    )
    (folder / "ortho_context.tab").write_text(
        "".join(f"{w}\t{v}\n" for w, v in sorted(params.ortho_context.items()))
    )


@pytest.fixture
def online_nltk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An nltk_data folder as NLTK's downloader leaves it for punkt_tab, and nothing else."""
    for language in PUNKT_LANGUAGES:
        write_punkt_tab(tmp_path, language)
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    nltk.tokenize._get_punkt_tokenizer.cache_clear()
    yield tmp_path
    nltk.tokenize._get_punkt_tokenizer.cache_clear()


def test_offline_sentences_and_words_match_sumy_online(online_nltk: Path, prose_texts) -> None:
    online = Tokenizer("english")
    offline = OfflineTokenizer("english")
    for text in prose_texts:
        for paragraph in text.split("\n\n"):
            paragraph = " ".join(paragraph.split())
            assert offline.to_sentences(paragraph) == online.to_sentences(paragraph)
            for sentence in online.to_sentences(paragraph):
                assert offline.to_words(sentence) == online.to_words(sentence)


@pytest.mark.parametrize("language", ["german", "french", "spanish", "czech", "greek"])
def test_other_languages_split_as_sumy_online(online_nltk: Path, language: str) -> None:
    text = (
        "Dr. Müller kam am 3. Mai nach Hause. Er war müde, z.B. vom Weg. "
        "M. Dupont est arrivé. Il est 10 h. La Sra. García llegó ayer. ¿Dónde está? "
        "Prof. Novák přišel. Ο κ. Παπαδόπουλος ήρθε; Ναι. Etc. etc. U.S. troops left."
    )
    assert OfflineTokenizer(language).to_sentences(text) == Tokenizer(language).to_sentences(text)


def test_no_nltk_data_is_needed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An empty data path: anything that still asked NLTK for punkt_tab would raise LookupError.
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    nltk.tokenize._get_punkt_tokenizer.cache_clear()
    with pytest.raises(LookupError):
        Tokenizer("english")  # the stock tokenizer really does need the download
    tokenizer = OfflineTokenizer("english")
    assert tokenizer.to_sentences("One. Two here.") == ("One.", "Two here.")
    assert tokenizer.to_words("Don't panic, Mr. Smith.") == ("Do", "n't", "panic", "Smith")


@pytest.mark.slow
def test_batched_word_tokenizer_equals_nltk_on_random_text() -> None:
    words = _TreebankWords()
    assert words.batched, "the installed NLTK's rules changed; re-derive _BATCH_SOURCE"
    alphabet = [
        *"abcAB '\"`.,:;?!-()[]{}<>“”‘’«»„*@#$%&\u2013\u2014\t\xa0\u2009nts0129ſK",
        "can",
        "not",
        "gonna",
        "wanna",
        "'tis",
        "'twas",
        "n't",
        "'s",
        "'ll",
        "...",
        "--",
        "Mr.",
        "e.g.",
        "U.S.",
        "CANNOT",
        "Wanna",
        "'TIS",
        "d'ye",
        "more'n",
        " ",
        "  ",
    ]
    rnd = random.Random(20261125)
    for _ in range(1500):
        texts = [
            "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 40))).strip() or "x"
            for _ in range(rnd.randint(1, 6))
        ]
        assert words.tokenize_many(texts) == [words.tokenize(t) for t in texts], texts


def test_batched_word_tokenizer_equals_nltk_on_prose(prose_texts) -> None:
    words = _TreebankWords()
    tokenizer = OfflineTokenizer("english")
    sentences = [s for text in prose_texts for s in tokenizer.to_sentences(" ".join(text.split()))]
    assert len(sentences) > 100
    assert words.tokenize_many(sentences) == [words.tokenize(s) for s in sentences]


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_supported_language_loads(language: str) -> None:
    resources = LanguageResources.for_language(language)
    assert resources.stop_words
    assert resources.tokenizer.to_sentences("Alpha beta. Gamma delta.")


@pytest.mark.parametrize(
    "alias,name", [("en", "english"), ("English", "english"), ("de", "german"), ("fra", "french")]
)
def test_language_aliases(alias: str, name: str) -> None:
    assert canonical_language(alias) == name


@pytest.mark.parametrize("language", ["klingon", "", "japanese", "dutch"])
def test_unsupported_language_is_refused_in_plain_words(language: str) -> None:
    with pytest.raises(UnsupportedLanguageError) as error:
        canonical_language(language)
    assert "cannot summarize" in str(error.value)
    assert "english" in str(error.value)


@pytest.mark.parametrize(
    "text,sentences",
    [
        (
            "Former Massachusetts Gov. Mitt Romney spoke first. He left early.",
            ("Former Massachusetts Gov. Mitt Romney spoke first.", "He left early."),
        ),
        (
            "The Army said Sgt. Bob Lee died. Capt. Ann Ray agreed.",
            ("The Army said Sgt. Bob Lee died.", "Capt. Ann Ray agreed."),
        ),
        ("The Rev. Al Green sang. Then he left.", ("The Rev. Al Green sang.", "Then he left.")),
    ],
)
def test_a_title_before_a_name_does_not_end_a_sentence(text: str, sentences: tuple[str]) -> None:
    """Punkt's English model does not know these titles (sumy's stock splitter cuts there)."""
    assert OfflineTokenizer("english").to_sentences(text) == sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Former football star O.J. Simpson was arrested. He denied it.",
            ("Former football star O.J. Simpson was arrested.", "He denied it."),
        ),
        ("Robert A. Smith spoke. Then he left.", ("Robert A. Smith spoke.", "Then he left.")),
        (
            "Santoro, who beat world No. 1 Federer, won. He smiled.",
            ("Santoro, who beat world No. 1 Federer, won.", "He smiled."),
        ),
        (
            "It shook at 4:42 a.m. PT (7:42 a.m. ET), the survey said. Nobody was hurt.",
            ("It shook at 4:42 a.m. PT (7:42 a.m. ET), the survey said.", "Nobody was hurt."),
        ),
    ],
)
def test_splits_after_initials_a_number_word_or_inside_brackets_are_joined(
    text: str, sentences: tuple[str, ...]
) -> None:
    assert OfflineTokenizer("english").to_sentences(text) == sentences


@pytest.mark.parametrize(
    "sentences",
    [
        ["He took vitamin C.", "The study says so."],  # one initial after a lower-case word
        ["It was No.", "Nobody agreed."],  # "No." before a word, not a number
        ["They left (for good.", "Then it rained."],  # the bracket never closes after the cut
    ],
)
def test_real_sentence_ends_are_left_alone(sentences: list[str]) -> None:
    assert join_broken_splits(sentences) == sentences
