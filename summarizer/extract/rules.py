"""The extractor's rule tables, kept out of the code that applies them.

Every entry is a general signal of HTML as the web writes it (tags, ARIA roles, the words
developers put in class and id attributes); none names a site.
"""

from __future__ import annotations

# Elements whose content is never page text. lxml removes them in C right after parsing, so
# neither the Python passes nor BeautifulSoup ever walk them: on news pages they are often half
# the bytes.
STRIP_TAGS = (
    "script", "style", "svg", "noscript", "template", "iframe", "object", "embed", "canvas",
    "math", "video", "audio", "select", "textarea", "button",
)  # fmt: skip

# Structural elements that never hold the main content.
DROP_TAGS = frozenset(
    {"nav", "footer", "aside", "header", "figcaption", "dialog", "menu", "input", "label"}
)
DROP_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
     "menu", "menubar", "toolbar"}
)  # fmt: skip

# Generic words web developers use in class and id attributes of boilerplate blocks, matched
# as whole tokens ("share-bar" -> share, "relatedPosts" -> related) so "shareholder" or
# "download" do not trip them.
BOILERPLATE_WORDS = frozenset(
    {"nav", "navbar", "navigation", "menu", "submenu", "megamenu", "breadcrumb", "breadcrumbs",
     "footer", "header", "masthead", "share", "shares", "sharing", "sharebar", "social",
     "comment", "comments", "commentlist", "disqus", "respond", "related", "recommended",
     "recommendations", "recirc", "trending", "popular", "promo", "promos", "promotion",
     "sponsor", "sponsored", "cookie", "cookies", "consent", "gdpr", "newsletter", "subscribe",
     "subscription", "signup", "login", "caption", "captions", "figcaption", "credit", "credits",
     "copyright", "ad", "ads", "advert", "adverts", "advertisement", "advertising", "adsense",
     "adslot", "adunit", "dfp", "outbrain", "taboola", "banner", "sidebar", "widget", "widgets",
     "popup", "modal", "tags", "pagination", "pager", "toolbar", "byline", "author", "authors",
     "meta", "skip", "search", "print"}
)  # fmt: skip
# Words that mark a block as (also) content: a block named both ways is kept.
POSITIVE_WORDS = frozenset(
    {"article", "body", "content", "entry", "main", "post", "story", "text", "blog",
     "articlebody", "postbody"}
)  # fmt: skip

# Block elements whose own text counts as a paragraph when locating the content (a rule, a
# table footer or a disclosure summary holds no paragraph of its own, so they are not here:
# counting an <hr> as a block would make the text it separates vote apart).
BLOCK_TAGS = frozenset(
    {"address", "article", "blockquote", "body", "center", "dd", "details", "div", "dl", "dt",
     "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li",
     "main", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul"}
)  # fmt: skip
# Elements that start a new line when the located region is written out as text.
LINE_TAGS = BLOCK_TAGS | {"hr", "html", "summary", "tfoot"}
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Containers that collect votes but never cast their own: headings, lists and tables are
# parts of a text, not the place where it lives.
NON_VOTING = HEADINGS | {"body", "ul", "ol", "table", "tr"}
# Nested blocks that the body stage's last sweep may drop when they are mostly links,
# images or forms.
CONDITIONAL_TAGS = ("div", "section", "ul", "ol", "table", "form", "dl", "figure")
# Commas of the scripts Skim reads: a paragraph's commas are a sign of prose.
COMMAS = (",", "\u060c", "\uff0c", "\u3001")

# JSON-LD types of pages that list other pages rather than hold one text.
LISTING_TYPES = frozenset(
    {"CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage", "WebSite"}
)
