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
# "download" do not trip them. A block named by one of these is dropped whatever it holds.
BOILERPLATE_WORDS = frozenset(
    {"nav", "navbar", "navigation", "menu", "submenu", "megamenu", "breadcrumb", "breadcrumbs",
     "footer", "share", "shares", "sharing", "sharebar", "social", "comment", "comments",
     "commentlist", "disqus", "respond", "related", "recommended", "recommendations", "recirc",
     "trending", "popular", "cookie", "cookies", "consent", "gdpr", "newsletter", "subscribe",
     "subscription", "signup", "login", "ad", "ads", "advert", "adverts", "advertisement",
     "advertising", "adsense", "adslot", "adunit", "dfp", "outbrain", "taboola", "sidebar",
     "popup", "modal", "pagination", "pager", "skip", "footnote", "footnotes"}
)  # fmt: skip
# Tags, roles and words of chrome that never wrap the page: the guard that spares a block
# holding most of the page's text (layout words on wrappers misfire) does not spare these.
# (`header` and `aside` are not here: templates wrap whole posts in them.)
UNWRAPPING_TAGS = frozenset({"dialog", "footer"})
UNWRAPPING_ROLES = frozenset({"dialog", "alertdialog", "contentinfo"})
CONSENT_WORDS = frozenset({"cookie", "cookies", "consent", "gdpr"})
# Words that name page furniture which, on many pages, also wraps content: a section's header,
# a hero banner, an expandable caption, a metadata line. A block named by one of these, or
# hidden until a script shows it, is dropped unless it reads as prose (`PROSE_CHARS`) or holds
# a heading (a titled section: WCXB dev F1 0.8532 with an h1 only, 0.8541 with an h1 or h2,
# 0.8544 with any heading).
SOFT_BOILERPLATE_WORDS = frozenset(
    {"header", "masthead", "banner", "search", "meta", "caption", "captions", "figcaption",
     "credit", "credits", "copyright", "promo", "promos", "promotion", "sponsor", "sponsored",
     "tags", "toolbar", "byline", "author", "authors", "print"}
)  # fmt: skip
#: Characters of text outside links that make a softly flagged block prose worth keeping, with
#: at most `PROSE_LINK_SHARE` of its text in links.
PROSE_CHARS = 300
PROSE_LINK_SHARE = 0.3
#: Words a block must hold for a second copy of it to be dropped as printed twice (two
#: sentences or so; a repeated label, price or "Free shipping" line stays). Flat on the dev
#: sets, so not a fitted value: WCXB F1 0.8343 without, 0.8362 / 0.8363 / 0.8361 at 15 / 30 /
#: 60 words; Zyte 0.9722 without, 0.9731 / 0.9737 / 0.9742.
REPEAT_WORDS = 30
# Words naming what a shop's buyers write on its product page: their reviews are the page's
# comments (on the WCXB dev product pages whose markup names a schema.org Product, blocks named
# so hold 427 reference shingles against 7,232 others; on review articles, which declare an
# article too, they are the content and stay). Testimonials are the same words in a carousel:
# 294 reference shingles against 1,379 others on those pages; adding them moved two pages (0.000
# -> 0.637 and 0.834 -> 0.549) and product F1 0.5934 -> 0.5981. On service pages, which sell no
# product, testimonials are much of the pitch and stay.
USER_CONTENT_WORDS = frozenset({"review", "reviews", "testimonial", "testimonials"})
# Boilerplate words that name navigation: a block named only by these that reads as prose
# (`PROSE_CHARS`) is not a menu of links ("faq-tabs-menu" holding the answers; WCXB dev F1
# 0.8579 -> 0.8586, forum 0.791 -> 0.796, service 0.820 -> 0.823; product pages' mega menus of
# blurbs lose 0.01 each).
NAVIGATION_WORDS = frozenset({"nav", "navbar", "navigation", "menu", "submenu", "megamenu"})
# Words that open a class name saying what a block lacks or hides ("no-sidebar", "hide-ad").
NEGATIONS = frozenset({"no", "hide", "without", "disable", "disabled", "not"})
# Words naming readers' comments, chrome under an article and the content of a page that
# declares a discussion (`THREAD_TYPES` in its JSON-LD): there, a block named by these alone
# stays (WCXB dev forum F1 0.7715 -> 0.7907; 0543 +0.93, 2201 +0.65, 0546 +0.48; three forum
# pages lose under 0.03).
DISCUSSION_WORDS = frozenset({"comment", "comments", "commentlist"})
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
# What a text fragment link's search sees (`visible`): the elements whose text a browser does
# not show or search (the spec's "search invisible" ones and form controls' values: a button's
# label is searched, a select's options are not), and the boundaries a search term cannot
# cross (HTML's default block display; a line break too, so a term never joins two lines).
UNRENDERED_TAGS = frozenset(
    {"audio", "canvas", "datalist", "embed", "head", "iframe", "img", "input", "meter",
     "noscript", "object", "option", "progress", "script", "select", "style", "svg",
     "template", "textarea", "title", "video"}
)  # fmt: skip
RENDERED_BLOCK_TAGS = LINE_TAGS | {
    "aside", "br", "caption", "dialog", "figcaption", "hgroup", "legend", "menu", "nav",
    "search",
}  # fmt: skip
# Code blocks: kept whole by pruning, whose class words inside them are a syntax highlighter's
# token names ("comment", "meta", "tag"), not chrome.
CODE_TAGS = frozenset({"pre", "code"})
# Rows that make a softly flagged table data to keep (a header row and two of data).
MIN_TABLE_ROWS = 3
# Containers that collect votes but never cast their own: headings, lists and tables are
# parts of a text, not the place where it lives.
NON_VOTING = HEADINGS | {"body", "ul", "ol", "table", "tr"}
# Nested blocks that the body stage's last sweep may drop when they are mostly links,
# images or forms.
CONDITIONAL_TAGS = ("div", "section", "ul", "ol", "table", "form", "dl", "figure")
# Commas of the scripts Skim reads: a paragraph's commas are a sign of prose.
COMMAS = (",", "\u060c", "\uff0c", "\u3001")

# JSON-LD types of pages that list other pages rather than hold one text.
LISTING_TYPES = frozenset({"CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage"})

#: The best container stands for the page's `<main>` landmark only when it holds this share of
#: the landmark's text outside links. WCXB dev F1 (all / service / product / article): no
#: landmark 0.771 / 0.535 / 0.409 / 0.922; 0.5: 0.812 / 0.707 / 0.538 / 0.938; 0.8: 0.814 /
#: 0.716 / 0.537 / 0.938; 0.95: 0.813 / 0.716 / 0.538 / 0.935. Zyte F1 at 0.8: 0.971 (0.975).
LANDMARK_SHARE = 0.8

#: A best container holding less than this share of the pruned page's text outside links is one
#: section of a page that spreads its content; the lowest ancestor holding this share is the
#: content. WCXB dev F1 (all / service / product), one run each: off 0.8245 / 0.740 / 0.541;
#: 0.5: 0.8343 / 0.783 / 0.557; 0.5 widening to 0.7: 0.8352 / 0.784 / 0.561. Without sparing
#: containers named as the body, Zyte F1 fell from 0.972 to 0.959 (teaser rails outweighing
#: short articles); with it, unchanged.
SPREAD_SHARE = 0.5
#: A container named as the body (`POSITIVE_WORDS`) is spared the widening while it holds this
#: share of the page's reading text: an article among heavy teaser rails holds a fifth or more;
#: a "text-col" or "inner-content" holding a tenth is one block of a spread page. One run each,
#: WCXB dev F1 / Zyte F1: 0.1: 0.8384 / 0.9737; 0.2: 0.8396 / 0.9737; 0.3: 0.8396 / 0.9737;
#: 0.5 (no sparing): 0.8394 / 0.9627.
NAMED_SHARE = 0.2

#: A product's description in its JSON-LD marks the content only when it says something: a
#: sentence or two, not a name and a size (set before measuring, not swept). On WCXB dev, 44
#: pages declare one this long and 26 references hold it; its holder is found on 17 pages, 15
#: of them among those 26 (the others never show it as written). Sparing the holder moved
#: three pages (all product, all up: 0.000 -> 0.680, 0.000 -> 0.704, 0.571 -> 0.617) and no
#: other by 0.02 F1 or more; product F1 0.5764 -> 0.5934, Zyte F1 unchanged (0.9737).
DECLARED_WORDS = 20

#: A run of repeated items (cards, posts, products) has at least this many siblings of one kind,
#: each with at least `MIN_ITEM_CHARS` characters of text.
MIN_ITEMS = 4
MIN_ITEM_CHARS = 20
#: Siblings are of one kind when this share of their class words (Jaccard) is shared: templates
#: add a category, tags or "featured" to the words every item has. On WCXB dev F1 is flat from
#: 0.34 to 0.5 (0.8442) and 0.67 gives 0.8436, cutting blog indexes back into pieces.
SIMILAR_CLASS_SHARE = 0.5
#: A group of siblings whose class words differ, one of which holds more than this share of the
#: group's text, is a page builder's sections with the text in one of them, not a run of items.
#: On WCXB dev 0.3 gives F1 0.8441, 0.5 gives 0.8442, 0.7 gives 0.8440.
MAX_SECTION_SHARE = 0.5

#: On a thread (a forum or Q&A page), a line of at most `TEMPLATE_LINE_WORDS` words that recurs,
#: numbers aside, `TEMPLATE_LINE_REPEATS` times or more is the post template's (`template`).
#: WCXB dev, with only digits left out of the key: F1 0.8586 -> 0.8600, forum pages 0.7955 ->
#: 0.8124 at 3 repeats and 8 words, the same at 2 repeats or at 12 words, 0.8086 at 4 repeats,
#: 0.8094 at 5 words (a card's "Edited May 22, 2024 by ..." is longer than that); applied to
#: every kind of page instead, F1 falls to 0.8538 (a listing's cards repeat their prices,
#: which are content). With dates and grouped numbers left out too: F1 0.8602, forum 0.8155.
TEMPLATE_LINE_WORDS = 8
TEMPLATE_LINE_REPEATS = 3
#: The words of a date, left out of a template line like its numbers: each post's "answered
#: Mar 29, 2022 at 17:30" is one line of the template. English names only, the dev pages'
#: (forum 0.8125 -> 0.8150 on WCXB dev); other languages' dates still lose their numbers.
DATE_WORDS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?|am|pm"
)

# JSON-LD types of pages that are a discussion: a run of repeated items on them is the posts.
THREAD_TYPES = frozenset({"DiscussionForumPosting", "QAPage", "Question", "SocialMediaPosting"})

# The kind of page each JSON-LD type declares (`kind.classify`).
KIND_OF_TYPE = {
    "QAPage": "qa",
    "DiscussionForumPosting": "forum",
    "SocialMediaPosting": "forum",
    "Product": "product",
    "ProductGroup": "product",
    "ItemList": "listing",
    "CollectionPage": "listing",
    "SearchResultsPage": "listing",
    "TechArticle": "documentation",
    "APIReference": "documentation",
    "Article": "article",
    "NewsArticle": "article",
    "BlogPosting": "article",
    "Report": "article",
    "ScholarlyArticle": "article",
    "AnalysisNewsArticle": "article",
    "OpinionNewsArticle": "article",
    "ReportageNewsArticle": "article",
}

# Where a page says nothing in JSON-LD, the software that serves it often says it in the URL:
# forum engines put threads under /t/ (Discourse), /threads/ (XenForo), /topic/ (phpBB, NodeBB),
# /questions/ (Stack Exchange); documentation lives under /docs/ or on a docs. host. A path
# segment or the host's first label, never a host name.
FORUM_PATH_WORDS = frozenset(
    {"t", "thread", "threads", "topic", "topics", "forum", "forums", "questions", "discussion"}
)
FORUM_HOST_LABELS = frozenset({"forum", "forums", "community", "discuss", "discourse"})
DOC_PATH_WORDS = frozenset({"docs", "documentation", "reference", "manual", "api-reference"})
DOC_HOST_LABELS = frozenset({"docs", "doc", "developer", "developers", "devdocs"})

# What a heading over a block of recommendations says, in the languages Skim reads: "Related
# articles", "You may also like", "Customers also bought", "More from ...". Matched anywhere in a
# heading of at most `RECOMMENDATION_HEADING_WORDS` words, case-folded; the section under such a
# heading points at other pages, it is not this page's text.
RECOMMENDATION_PHRASES = (
    # English
    r"\brelated (?:articles?|posts?|stories|content|reading|products?|items?|videos?|links?"
    r"|topics|guides|news|searches|resources)\b",
    r"\b(?:you|we think you)(?:'ll| will| may| might| could| would) (?:also )?"
    r"(?:like|love|enjoy|be interested)\b",
    r"\balso (?:like|love|enjoy|viewed|bought|purchased|read|watched)\b",
    r"\bsimilar (?:items?|products?|articles?|posts?|listings?|stories)\b",
    r"\brecommended (?:for you|articles?|posts?|products?|reading|stories|videos?)\b",
    r"\bmore (?:stories|articles|posts|news|videos) (?:from|like|on|in|about)\b",
    r"\bmore (?:from|like this)\b",
    r"\b(?:explore|discover) (?:more|related)\b",
    r"\b(?:read|watch|what to read) next\b",
    # German, French, Spanish, Italian, Portuguese, Dutch
    r"\bdas könnte (?:sie|dich) auch interessieren\b",
    r"\bähnliche (?:artikel|beiträge|produkte)\b",
    r"\bweitere (?:artikel|beiträge) (?:zum thema|von)\b",
    r"\bvous (?:aimerez|aimeriez|pourriez aimer) aussi\b",
    r"\b(?:articles|produits) (?:similaires|liés|associés)\b",
    r"\bà lire aussi\b",
    r"\btambién te (?:puede|podría) (?:interesar|gustar)\b",
    r"\b(?:artículos|noticias|productos) (?:relacionados|similares)\b",
    r"\bpotrebbe (?:interessarti|piacerti) anche\b",
    r"\b(?:articoli|prodotti) (?:correlati|simili)\b",
    r"\b(?:artigos|produtos) (?:relacionados|semelhantes)\b",
    r"\bvocê também pode gostar\b",
    r"\bgerelateerde (?:artikelen|berichten|producten)\b",
    # Russian
    r"\bматериалы по теме\b",
    r"\bчитайте также\b",
    r"\bпохожие (?:статьи|материалы|новости)\b",
    # A whole heading that is only a list's name: "Most popular", "Trending now", "Related".
    r"^(?:most (?:popular|read|viewed|shared)|(?:popular|trending)(?: now| posts| articles"
    r"| stories)?|recommended|related)[:.]?$",
)
RECOMMENDATION_HEADING_WORDS = 10
