"""Errors: typed, written for the reader, and whole after crossing a process boundary."""

from __future__ import annotations

import pickle

from summarizer import errors

#: One instance of every error class, with the arguments that make it what it is.
SAMPLES: list[errors.SkimError] = [
    errors.SkimError("something"),
    errors.InputError("bad input"),
    errors.EmptyInputError(),
    errors.NoWordsError(),
    errors.InputTooLargeError(12, 10, unit="sentences"),
    errors.UnsupportedLanguageError("klingon", ["english"]),
    errors.InvalidLengthError("bad length"),
    errors.BinaryInputError("a PDF document"),
    errors.FetchError("no", url="http://x.example/"),
    errors.InvalidURLError("not a link", url="ftp://x"),
    errors.BlockedAddressError("private", url="http://10.0.0.1/"),
    errors.FetchTimeoutError("slow", url="http://x.example/"),
    errors.ResponseTooLargeError("big", url="http://x.example/"),
    errors.TooManyRedirectsError("loop", url="http://x.example/"),
    errors.UnsupportedContentTypeError("pdf", content_type="application/pdf"),
    errors.HTTPStatusError("gone", url="http://x.example/", status=404),
    errors.PaywallError("pay", url="http://x.example/"),
    errors.ConnectionFailedError("down", url="http://x.example/"),
    errors.ExtractionError("nothing"),
    errors.NoArticleError("login", reason="login-wall"),
]


def _all_subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _all_subclasses(sub)
    return found


def test_the_samples_cover_every_error_class() -> None:
    """A new error class must be added above, so the pickling test below covers it too."""
    assert {type(e) for e in SAMPLES} == {errors.SkimError} | _all_subclasses(errors.SkimError)


def test_every_error_survives_pickling_with_its_message_and_details() -> None:
    # The bot summarizes in worker processes; an error must come back whole.
    for error in SAMPLES:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert copy.__dict__ == error.__dict__
