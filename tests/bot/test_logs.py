"""Log lines never carry a token or the signing secret."""

from __future__ import annotations

import logging

from bot.logs import RedactingFormatter, redact


def test_secrets_are_redacted_from_log_lines() -> None:
    fmt = RedactingFormatter("%(message)s", ("signing-secret-value",))
    record = logging.LogRecord("x", logging.INFO, __file__, 1,
                               "token %s secret %s", ("xoxb-123-abc", "signing-secret-value"),
                               None)  # fmt: skip
    line = fmt.format(record)
    assert "xoxb-123" not in line and "signing-secret-value" not in line
    assert redact("app xapp-1-A0-123 user xoxp-9") == "app xapp-[redacted] user xoxp-[redacted]"
