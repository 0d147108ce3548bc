"""Logging set-up: full details in the log, never a token or the signing secret.

Why a formatter rather than care at each call: secrets can reach a log line indirectly (an
exception message, a library's debug output of a request), so the finished line, traceback
included, is scrubbed of the configured secrets and of anything shaped like a Slack token.
"""

from __future__ import annotations

import logging
import re
import sys

_TOKEN = re.compile(r"\b(xox[a-z]|xapp)-[A-Za-z0-9-]+")


class RedactingFormatter(logging.Formatter):
    def __init__(self, fmt: str, secrets: tuple[str, ...]) -> None:
        super().__init__(fmt)
        self._secrets = tuple(s for s in secrets if len(s) >= 6)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self._secrets)


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    for secret in secrets:
        text = text.replace(secret, "[redacted]")
    return _TOKEN.sub(lambda m: m.group(1) + "-[redacted]", text)


def setup_logging(level: str, secrets: tuple[str, ...]) -> None:
    """One handler on the root logger, to stderr, scrubbing secrets from every line."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # waitress logs each queue backlog warning; keep its info lines at the chosen level too.
    logging.getLogger("waitress").setLevel(level)
