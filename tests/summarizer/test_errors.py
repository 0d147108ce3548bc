"""Errors: typed, written for the reader, and whole after crossing a process boundary."""

from __future__ import annotations

import pickle

from summarizer import errors


def test_every_error_survives_pickling_with_its_message_and_details() -> None:
    # The bot summarizes in worker processes; an error must come back whole.
    samples = [
        errors.EmptyInputError(),
        errors.NoWordsError(),
        errors.InputTooLargeError(12, 10, unit="sentences"),
        errors.UnsupportedLanguageError("klingon", ["english"]),
        errors.InvalidLengthError("bad length"),
        errors.BlockedAddressError("private", url="http://10.0.0.1/"),
        errors.HTTPStatusError("gone", url="http://x.example/", status=404),
        errors.UnsupportedContentTypeError("pdf", content_type="application/pdf"),
        errors.NoArticleError("login", reason="login-wall"),
    ]
    for error in samples:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert copy.__dict__ == error.__dict__
