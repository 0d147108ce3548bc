"""Every error Skim raises, as one small hierarchy under `SkimError`.

The message of each error is written for the person who will read it, usually someone in a
Slack channel who pasted a link, not for the developer: it says what went wrong and, where
there is one, what they can do about it. Callers (the CLI, the bot) show `str(error)` as is
and log the details separately, so nothing here should contain a stack trace or internals.
"""

from __future__ import annotations


class SkimError(Exception):
    """Base class: catching this catches everything Skim raises on purpose.

    Errors cross process boundaries (the bot summarizes in worker processes), and several
    take constructor arguments that `args` does not hold, which plain exception pickling
    would need; `__reduce__` rebuilds any of them from its message and attributes instead.
    """

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[SkimError], args: tuple[object, ...], state: dict[str, object]) -> SkimError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


# --- Input to the summarizer ---------------------------------------------------------------


class InputError(SkimError, ValueError):
    """The text given to the summarizer cannot be summarized as it is."""


class EmptyInputError(InputError):
    """No text at all, or only white space."""

    def __init__(self, message: str = "There is no text to summarize: the input is empty.") -> None:
        super().__init__(message)


class NoWordsError(InputError):
    """Text that holds no words (numbers, symbols, emoji or binary bytes only)."""

    def __init__(
        self,
        message: str = "There is nothing to summarize: the text has no words in it, "
        "only numbers, symbols or other characters.",
    ) -> None:
        super().__init__(message)


class InputTooLargeError(InputError):
    """More text than the summarizer accepts at once."""

    def __init__(self, size: int, limit: int, unit: str = "characters") -> None:
        self.size = size
        self.limit = limit
        super().__init__(
            f"That text is too long to summarize: {size:,} {unit}, and the limit is "
            f"{limit:,} {unit}. Try a shorter excerpt."
        )


class UnsupportedLanguageError(InputError, LookupError):
    """A language that has no sentence splitter, stemmer or stop words here."""

    def __init__(self, language: str, supported: list[str] | tuple[str, ...]) -> None:
        self.language = language
        self.supported = tuple(supported)
        super().__init__(
            f"Skim cannot summarize {language!r} text. Supported languages: "
            f"{', '.join(self.supported)}."
        )


class InvalidLengthError(InputError):
    """A summary length that makes no sense (zero, negative, both kinds at once)."""


class BinaryInputError(InputError):
    """Bytes that are not text (an image, a PDF, an archive, random data) given as text."""

    def __init__(self, kind: str = "binary data") -> None:
        self.kind = kind
        super().__init__(f"That is {kind}, not text, so there is nothing to summarize.")


# --- Fetching a page ----------------------------------------------------------------------


class FetchError(SkimError):
    """The page could not be fetched. `url` is the address the user gave, when known."""

    def __init__(self, message: str, url: str | None = None) -> None:
        self.url = url
        super().__init__(message)


class InvalidURLError(FetchError):
    """Not an http(s) URL Skim can fetch (bad syntax, other scheme, no host)."""


class BlockedAddressError(FetchError):
    """The host resolves to an address Skim must not connect to (private network, metadata)."""


class FetchTimeoutError(FetchError):
    """The server did not answer, or did not finish answering, in time."""


class ResponseTooLargeError(FetchError):
    """The page is bigger than Skim reads (counted after decompression)."""


class TooManyRedirectsError(FetchError):
    """Too many redirects, or a redirect loop."""


class UnsupportedContentTypeError(FetchError):
    """Not a web page or plain text (a PDF, an image, a download...)."""

    def __init__(self, message: str, url: str | None = None, content_type: str = "") -> None:
        self.content_type = content_type
        super().__init__(message, url)


class HTTPStatusError(FetchError):
    """The server answered with an error status (404, 403, 5xx...)."""

    def __init__(self, message: str, url: str | None = None, status: int = 0) -> None:
        self.status = status
        super().__init__(message, url)


class PaywallError(FetchError):
    """The page wants a login or a subscription before it shows the article."""


class ConnectionFailedError(FetchError):
    """The server could not be reached (DNS failure, refused connection, TLS error)."""


# --- Extracting an article ----------------------------------------------------------------


class ExtractionError(SkimError):
    """The page was fetched but no article could be taken from it."""


class NoArticleError(ExtractionError):
    """The page holds nothing to summarize: a login or cookie wall, a JavaScript shell, no text.

    `reason` is a short machine-friendly tag ("login-wall", "javascript-app", "empty",
    "too-short", ...); the message says the same in words.
    """

    def __init__(self, message: str, reason: str = "no-article") -> None:
        self.reason = reason
        super().__init__(message)
