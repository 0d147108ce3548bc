"""Documents to sumy's document model, remembering which document each sentence came from.

Each document goes through sumy's own `PlaintextParser` (paragraphs at blank lines, all-caps
lines as headings, Punkt sentences), so the stock LexRank sees exactly the document sumy would
build; the paragraphs of all documents are then joined into one model for multi-document
summarization.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.parsers.plaintext import PlaintextParser

from summarizer.summarize.language import LanguageResources


@dataclass(frozen=True)
class ParsedText:
    document: ObjectDocumentModel
    #: `origins[i]` is the index of the document that `document.sentences[i]` came from.
    origins: tuple[int, ...]
    #: `paragraphs[i]` numbers the paragraph (across all documents) sentence i is in.
    paragraphs: tuple[int, ...] = ()

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self.document.sentences


def parse_documents(documents: Sequence[str], resources: LanguageResources) -> ParsedText:
    paragraphs: list[Paragraph] = []
    origins: list[int] = []
    numbers: list[int] = []
    for index, text in enumerate(documents):
        model = PlaintextParser(text, resources.tokenizer).document
        for paragraph in model.paragraphs:
            numbers.extend([len(paragraphs)] * len(paragraph.sentences))
            paragraphs.append(paragraph)
        origins.extend([index] * len(model.sentences))
    return ParsedText(ObjectDocumentModel(paragraphs), tuple(origins), tuple(numbers))


def tokenize_words(document: ObjectDocumentModel, resources: LanguageResources) -> None:
    """Fill every sentence's words in one batch, as `Sentence.words` would one by one.

    sumy computes `Sentence.words` lazily, one NLTK call per sentence; the tokenizer can do
    all sentences in one pass with the same result (see `language._TreebankWords`), and
    sumy's cached property then simply finds the words already there.
    """
    sentences = [s for p in document.paragraphs for s in p._sentences]
    words = resources.tokenizer.to_words_many([s._text for s in sentences])
    for sentence, sentence_words in zip(sentences, words, strict=True):
        sentence._cached_property_words = sentence_words
