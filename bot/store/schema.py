"""The store's tables: one schema, created at start-up if missing (`CREATE ... IF NOT EXISTS`).

Kept apart from the code that reads and writes them so that the whole of what is stored can be
read in one place.
"""

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    channel TEXT NOT NULL,
    key TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    job TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    detail TEXT,
    UNIQUE (channel, key)
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state);
CREATE TABLE IF NOT EXISTS muted (
    channel TEXT PRIMARY KEY,
    since REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS channel_modes (
    channel TEXT PRIMARY KEY,
    mode TEXT NOT NULL,
    since REAL NOT NULL
);
-- Channels muted before modes existed are `off`.
INSERT OR IGNORE INTO channel_modes (channel, mode, since) SELECT channel, 'off', since FROM muted;
DELETE FROM muted;
CREATE TABLE IF NOT EXISTS delivered (
    channel TEXT NOT NULL,
    key TEXT NOT NULL,
    part INTEGER NOT NULL,
    PRIMARY KEY (channel, key, part)
);
CREATE TABLE IF NOT EXISTS url_cache (
    url TEXT PRIMARY KEY,
    summary TEXT NOT NULL,
    stored REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS replies (
    channel TEXT NOT NULL,
    key TEXT NOT NULL,
    reply TEXT NOT NULL,
    user TEXT,
    via_response_url INTEGER NOT NULL,
    level INTEGER NOT NULL DEFAULT 0,
    lowest INTEGER NOT NULL,
    highest INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    shown INTEGER NOT NULL DEFAULT 0,
    target TEXT,
    created REAL NOT NULL,
    PRIMARY KEY (channel, key)
);
CREATE INDEX IF NOT EXISTS replies_created ON replies (created);
CREATE INDEX IF NOT EXISTS replies_user ON replies (user, created);
CREATE TABLE IF NOT EXISTS user_lengths (
    user TEXT PRIMARY KEY,
    words INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    channel TEXT NOT NULL,
    key TEXT NOT NULL,
    user TEXT NOT NULL,
    host TEXT NOT NULL,
    kind TEXT NOT NULL,
    method TEXT NOT NULL,
    vote INTEGER NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (channel, key, user, host)
);
CREATE TABLE IF NOT EXISTS presses (
    press TEXT PRIMARY KEY,
    created REAL NOT NULL
);
"""
