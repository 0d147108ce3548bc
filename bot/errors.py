"""The bot's own errors. The summarizer's (`summarizer.errors`) carry the sentences users see;
these are for the operator (a bad setting) and for the job runner's control flow."""

from __future__ import annotations


class ConfigError(ValueError):
    """A missing or malformed setting; the message is one line saying what to set."""


class Interrupted(Exception):
    """The pipeline was closed (the bot is stopping) before it could answer: the job must stay
    pending for the next start, not be answered with the internal-error sentence."""


class DeliveryRefused(Exception):
    """A response_url refused the reply (expired, used up, malformed): retrying won't help."""


class WorkerCrashed(RuntimeError):
    """The worker process running a task died every time the task was tried."""


class WorkerError(Exception):
    """A bug in a worker process (not a `SkimError`); the message holds its traceback."""
