"""Every sentence the bot says to people in Slack, in one place.

Failures of the summarizer speak for themselves (each `SkimError` carries its sentence); these
are the bot's own: help, refusals, limits, notes under a reply. Kept together so the voice stays
one voice, and so a change of wording is a change of one file.
"""

from __future__ import annotations

GENERIC_FAILURE = (
    "Something went wrong on my side while summarizing this; please try again in a few minutes."
)
NOTHING_TO_SUMMARIZE = (
    "There is nothing for me to summarize here: mention me with a link, or paste the text "
    "you want summarized."
)
ONLY_SKIPPED_LINKS = (
    "I don't read links to Slack itself, to files, or addresses that are not web pages; "
    "paste the text you want summarized instead."
)
NOT_IN_CHANNEL = (
    "I can't post in this conversation because I'm not a member of it: invite me with "
    "/invite and try again."
)
SKIPPED_NOTE = "Links to Slack, to files and non-web addresses were not read."
NO_REASON = "Something went wrong."
# Pieces of a rendered reply: the fallback text of a message with no text of its own, the mark
# on the second and later messages of a long reply, and what stands in for nothing at all.
FALLBACK = "Summary"
CONTINUED = "(continued)"
EMPTY = "(empty)"


def help_text(reaction: str) -> str:
    """What `/summarize help` and the App Home say Skim does."""
    return (
        "*Skim* reads articles so you don't have to.\n"
        "• `/summarize <link>`: a summary of the article, posted in this channel.\n"
        "• `/summarize <text>`: a summary of the text you paste (separate several texts "
        "with `|||||` to get one summary of them all).\n"
        "• Mention me with links or text, send me a direct message, use the *Summarize* "
        f"message shortcut, or add :{reaction}: to any message: I answer in its thread.\n"
        "• `/summarize auto on` / `auto react` / `auto off`: answer every link shared in this "
        f"channel, only the ones someone adds :{reaction}: to, or none unless asked.\n"
        "• *Shorter* / *Longer* under a summary change its length in place; 👍 / 👎 tell "
        "whoever runs me how I did."
    )


def limited(limit: int) -> str:
    return (
        f"You've asked me for a lot of summaries in the last minute (the limit is {limit} a "
        "minute); please wait a moment and try again."
    )


def links_omitted(summarized: int, omitted: int, most: int) -> str:
    were = "was" if omitted == 1 else "were"
    return (
        f"I summarized the first {summarized} links; {omitted} more {were} left out "
        f"(at most {most} a message)."
    )


def auto_replies(mode: str, reaction: str) -> str:
    if mode == "on":
        return "Automatic summaries of links shared in this channel are now on."
    if mode == "react":
        return (
            f"Links shared in this channel are now summarized when someone adds :{reaction}: "
            "to the message. Mentions, `/summarize` and the shortcut still work."
        )
    return (
        "Automatic summaries of links shared in this channel are now off, and so are "
        "summaries by reaction. Mentions, `/summarize` and the shortcut still work."
    )


def auto_usage(mode: str) -> str:
    return (
        f"This channel's mode is `{mode}`. `/summarize auto on` answers every shared link, "
        "`auto react` only the ones someone adds the reaction to, `auto off` only when asked."
    )


def working_on(what: str) -> str:
    return f"Summarizing {what} ..."


def word_counts(before: int, after: int) -> str:
    return f"{before:,} words → {after:,} words"


def pasted_heading(documents: int) -> str:
    return f"Summary of the {documents} pasted texts" if documents > 1 else "Summary of the text"


# Leads of a reply, by the kind of page (see README, "What each kind of page gets").
def list_of(count: int) -> str:
    return f"A list of {count:,} item{'s' if count != 1 else ''}:"


def more_items(count: int) -> str:
    return f"… and {count:,} more on the page."


QUESTION = "Question:"


def answer_label(accepted: bool, author: str | None) -> str:
    label = "Accepted answer" if accepted else "Top answer"
    return f"{label} by {author}:" if author else f"{label}:"


def opening_post(author: str | None) -> str:
    return f"Opening post by {author}:" if author else "Opening post:"


def posts(count: int) -> str:
    return f"{count:,} post{'s' if count != 1 else ''}"


TLDR = "TL;DR:"
#: The buttons under a reply that redraw it with fewer or more sentences.
SHORTER = "Shorter"
LONGER = "Longer"
TOO_OLD_TO_RESIZE = (
    "This summary is too old to make shorter or longer; ask me again for a fresh one."
)
#: Feedback on a reply: the buttons, what a screen reader says for them, and the thanks.
GOOD = "👍"
BAD = "👎"
GOOD_SAYS = "This summary was useful"
BAD_SAYS = "This summary missed the point"
THANKS = "Thanks, noted. It helps whoever runs Skim see where it falls short."
MESSAGE_GONE = (
    "I couldn't read the message you reacted to (was it deleted, or is it in a conversation "
    "I'm not in?), so there is nothing for me to summarize."
)
TOO_OLD_TO_VOTE = "This summary is too old to rate; thanks all the same."
RESIZE_FAILED = "I couldn't change the length of that summary; please try again in a moment."
#: The link after each sentence of a page's summary, to that sentence on the page.
SOURCE_LINK = "↗"
WHAT_IT_IS = "What it is:"


# The App Home tab.
HOME_LENGTH = (
    "*Your summary length*\nMy replies to you start at this length; *Shorter* / *Longer* "
    "still change each one."
)
HOME_MODES = "Channel modes"
HOME_MODES_ALL_ON = "Every channel you and I are in answers shared links (`/summarize auto on`)."
HOME_MODES_REST = "Every other channel you and I are in answers shared links."
HOME_MODES_UNKNOWN = (
    "I couldn't read which channels you are in; `/summarize auto` in a channel says."
)
HOME_RECENT = "Your last summaries"
HOME_NONE = "None yet: mention me with a link, or use `/summarize`."


def mode_name(mode: str, reaction: str) -> str:
    if mode == "react":
        return f"links answered when someone adds :{reaction}: (`auto react`)"
    if mode == "off":
        return "links answered only when asked (`auto off`)"
    return "every shared link answered (`auto on`)"
