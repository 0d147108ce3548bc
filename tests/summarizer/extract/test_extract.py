"""Behaviour of the article extractor on small hand-written pages.

Each fixture imitates one layout or one kind of non-article page found on the web; the
assertions check what a reader would: the paragraphs are there, the page chrome is not, the
metadata is right, and a page without an article is refused with the right reason.
"""

from __future__ import annotations

import json

import lxml.html
import pytest

from summarizer import extract
from summarizer.errors import NoArticleError
from summarizer.extract import locate
from summarizer.models import Article
from tests.support.data import PAGES


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def lines(article: Article) -> list[str]:
    return article.text.splitlines()


# --- Articles -----------------------------------------------------------------------------


def test_semantic_article_keeps_paragraphs_and_drops_boilerplate() -> None:
    article = extract(page("article_semantic.html"), url="https://gazette.example/x?utm=1")
    text = article.text
    assert lines(article)[0].startswith("The turbines under the old harbour wall")
    assert "twelve million euros" in text
    assert '"Now it finally works for us."' in text
    assert text.rstrip().endswith("will report next spring.")
    assert len(lines(article)) == 4  # one paragraph a line
    for boilerplate in (
        "cookies",
        "Share on Facebook",
        "Related stories",
        "Wind farm plans delayed",
        "Engineers inspect a turbine",
        "Photo: Jonas Berg",
        "newsletter",
        "Great news for the town",
        "Comments",
        "Copyright",
        "Home",
        "By Maria Lindqvist",
    ):
        assert boilerplate not in text, boilerplate


def test_semantic_article_metadata() -> None:
    article = extract(page("article_semantic.html"), url="https://gazette.example/x?utm=1")
    assert article.title == "Harbour Town Opens Its First Tidal Power Station"
    assert article.byline == "Maria Lindqvist"
    assert article.published == "2024-03-14T09:30:00Z"
    assert article.site_name == "The Coastal Gazette"
    assert article.language == "en"
    assert article.canonical_url == "https://gazette.example/news/tidal-power-station"
    assert article.image_url == "https://gazette.example/images/tidal-station.jpg"
    assert article.url == "https://gazette.example/x?utm=1"


def test_div_soup_page_without_semantic_tags() -> None:
    article = extract(page("div_soup.html"))
    text = article.text
    assert text.startswith("A sourdough starter is a living culture")
    assert "the bacteria make the acids" in text
    assert "collapses in the oven.\nWaiting a few more hours" in text  # <br> breaks the line
    for boilerplate in ("Ten breads to bake", "Recipes", "Privacy", "Crumb Club"):
        assert boilerplate not in text, boilerplate
    assert article.title == "Why sourdough needs patience"
    assert "Why sourdough needs patience" not in text  # the title is metadata, not body


def test_body_split_across_several_containers() -> None:
    article = extract(page("split_body.html"))
    text = article.text
    assert "forty kilometres long" in text
    assert "keeps a month of food in the cellar" in text
    assert "whales passing far out to sea" in text
    assert "the small museum in the old engine room" in text
    assert "Advertisement" not in text
    assert "Subscribe" not in text
    assert len(lines(article)) == 5


def test_non_english_page() -> None:
    article = extract(page("german.html"))
    assert article.language == "de"
    assert article.site_name == "Rheinkurier"
    assert "Elektrofahrzeuge ersetzen" in article.text
    assert "unabhängige Prüfung der Ausschreibung" in article.text
    for boilerplate in ("Startseite", "Auf Facebook teilen", "Impressum"):
        assert boilerplate not in article.text, boilerplate


def test_json_ld_graph_metadata() -> None:
    article = extract(page("jsonld_graph.html"), url="https://mountain.example/glacier-retreat")
    assert article.title == "Glacier Retreat Measured From Space"
    assert article.byline == "Tomás Ruiz, Ana Costa"
    assert article.published == "2023-08-02T07:00:00+02:00"
    assert article.site_name == "Mountain Notes"
    assert article.image_url == "https://mountain.example/img/glacier.jpg"
    assert article.canonical_url == "https://mountain.example/glacier-retreat"
    assert article.language == "en-GB"
    # The body comes from the page, not from the truncated articleBody.
    assert "a retreat that researchers say has accelerated sharply" in article.text
    assert "..." not in article.text


def test_json_ld_as_top_level_list() -> None:
    html = (
        page("jsonld_graph.html")
        .replace(
            '{"@context": "https://schema.org", "@graph": [', '[{"@context": "https://schema.org"},'
        )
        .replace("]}\n</script>", "]\n</script>")
    )
    article = extract(html)
    assert article.title == "Glacier Retreat Measured From Space"
    assert article.byline == "Tomás Ruiz, Ana Costa"


def test_headings_and_list_items_are_lines_of_their_own() -> None:
    article = extract(page("headings_lists.html"))
    got = lines(article)
    assert "What you need" in got
    assert "Step by step" in got
    assert "Fresh potting mix suited to the plant" in got
    assert "Loosen the outer roots gently with your fingers before planting." in got
    assert got.index("What you need") < got.index("Fresh potting mix suited to the plant")
    assert got[-1].startswith("After repotting")
    assert "How to repot a houseplant" not in got


def test_bytes_with_meta_charset() -> None:
    html = page("german.html").replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    article = extract(html.encode("iso-8859-1"))
    assert "unabhängige Prüfung der Ausschreibung" in article.text
    assert article.language == "de"


def test_utf8_bytes_without_declaration() -> None:
    html = page("german.html").replace('<meta charset="utf-8">', "")
    article = extract(html.encode("utf-8"))
    assert "Frühjahr" in article.text


def test_malformed_html_does_not_crash() -> None:
    html = page("article_semantic.html")
    broken = html.replace("</p>", "").replace("</article>", "").replace("</div>", "<div>")
    broken = broken[: len(broken) * 9 // 10] + "<p class='x' <b><i>unclosed &amp &#xZZ;"
    article = extract(broken)
    assert "The turbines under the old harbour wall" in article.text


# --- Pages without an article -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("login_wall.html", "login-wall"),
        ("cookie_wall.html", "cookie-wall"),
        ("js_app.html", "javascript-app"),
        ("empty.html", "empty"),
    ],
)
def test_pages_without_an_article(name: str, reason: str) -> None:
    with pytest.raises(NoArticleError) as caught:
        extract(page(name))
    assert caught.value.reason == reason
    message = str(caught.value)
    assert "nothing to summarize" in message
    assert "<" not in message  # plain words for a Slack user, no markup or internals


def test_a_sign_in_form_in_the_header_of_a_page_with_text_is_not_a_login_wall() -> None:
    # A shop's header carries a sign-in form (a password field) on every page. When the first
    # reading finds little (its tiles are named like a sidebar's picks), the page's hundreds of
    # words say there is something behind the form: the gentler readings get their turn.
    tiles = "".join(
        f"<section class='popular-pick'><h3>Canvas tent, {n} berths</h3><p>Cotton canvas on "
        f"a steel frame, pitched by one person in {n + 8} minutes, dry in any weather.</p>"
        "</section>"
        for n in range(2, 10)
    )
    html = (
        "<html><body><header><form action='/login'><input name='user'>"
        "<input type='password' name='pass'><button>Sign in</button></form></header>"
        f"<main><h1>Tents</h1>{tiles}</main></body></html>"
    )
    article = extract(html)
    assert "Canvas tent, 9 berths" in article.text
    assert "pitched by one person in 17 minutes" in article.text


@pytest.mark.parametrize("markup", ["", b"", "   ", "<html></html>", b"\xff\xfe\x00"])
def test_degenerate_input_is_empty(markup: str | bytes) -> None:
    with pytest.raises(NoArticleError) as caught:
        extract(markup)
    assert caught.value.reason == "empty"


def test_too_little_text() -> None:
    html = "<html><body><article><p>Short note, nothing more.</p></article></body></html>"
    with pytest.raises(NoArticleError) as caught:
        extract(html)
    assert caught.value.reason == "too-short"


def test_content_whose_class_words_read_as_chrome_is_read_again_without_them() -> None:
    """Every section is a "skip-item": the class words take the whole guide, so the page is
    read again with only the chrome its tags declare removed."""
    lines = extract(page("guide_in_skip_sections.html")).text.splitlines()
    headings = ["One router, many rooms", "How mesh works", "Mesh or extender?", "Who needs it"]
    assert [line for line in lines if line in headings] == headings
    assert any(line.startswith("A mesh system places several small units") for line in lines)
    assert not any("Routers" in line or "Privacy" in line for line in lines)


def test_cards_that_are_all_headers_are_read_when_nothing_else_is_left() -> None:
    """Each card of this page is a `<header>`: even the tags misfire, so the last reading
    prunes nothing rather than call a page of eight stories too short."""
    cards = "".join(
        f"<article><header><h3><a href='/s/{i}'>Story number {i} about the harbour</a></h3>"
        f"<p>The {i} boats that came in today brought the first catch of the season, "
        "and the market stayed open late to sell it.</p></header></article>"
        for i in range(1, 9)
    )
    article = extract(f"<html><body><div class='stories'>{cards}</div></body></html>")
    for i in range(1, 9):
        assert f"Story number {i} about the harbour" in article.text


def test_body_cut_into_chunks_in_separate_wrappers() -> None:
    article = extract(page("chunked_body.html"))
    text = article.text
    assert "expected a tourist attraction" in text
    assert "filling it in had quietly moved the problem elsewhere" in text
    assert "watched the rain very carefully" in text
    assert "open channels instead of buried pipes" in text
    assert "unlimited access" not in text
    assert "Canal boat tours resume" not in text


def test_text_split_by_rules_votes_for_its_container() -> None:
    """A rule (`<hr>`) between runs of text is a line break, not a block of its own: both
    containers of a story split by rules are kept."""
    run = (
        "Paragraph {} tells how the council, after a long debate, voted to rebuild the harbour "
        "wall, which storms broke twice this winter."
    )
    first = "<hr>".join(run.format(i) for i in range(3))
    second = "<hr>".join(run.format(i) for i in range(3, 6))
    page = f"<html><body><div class='a'>{first}</div><div class='b'>{second}</div></body></html>"
    text = extract(page).text
    assert [f"Paragraph {i} " in text for i in range(6)] == [True] * 6
    assert len(text.splitlines()) == 6


# --- Pages of other kinds ---------------------------------------------------------------------


def test_a_forum_thread_sent_for_readers_without_javascript_is_every_post_with_its_author() -> None:
    """The posts sit in a `<noscript>` behind an empty app shell: they are the page."""
    article = extract(page("forum_thread.html"))
    lines = article.text.splitlines()
    assert lines[0::2] == ["mara_k", "devon", "mara_k", "team_lena", "devon"]
    assert lines[1].startswith("Since the last update the export button does nothing")
    assert lines[-1].endswith("Marking this as solved, and thank you all.")
    assert "Privacy" not in article.text and "Example Forum" not in article.text


def test_a_thread_in_noscript_is_found_behind_an_application_s_scripts_and_styles() -> None:
    """An application shell carries more script and style text than the posts have words: they
    are not text a reader sees, so the posts still outweigh the page."""
    preload = "<script>window.preloaded = " + '{"key": "value"} ' * 2000 + ";</script>"
    splash = "<section id='splash'><noscript><style>" + "#splash { display: none; } " * 200
    splash += "</style></noscript><p>Loading...</p></section>"
    html = page("forum_thread.html").replace("</head>", preload + "</head>")
    html = html.replace("<body>", "<body>" + splash)
    article = extract(html)
    assert article.text.splitlines()[0::2] == ["mara_k", "devon", "mara_k", "team_lena", "devon"]
    assert "display" not in article.text and "preloaded" not in article.text


def test_a_listing_is_its_items_in_order_not_a_refusal() -> None:
    article = extract(page("listing_20.html"))
    lines = article.text.splitlines()
    titles = [line for line in lines if line.startswith("Workshop ")]
    assert len(titles) == 20
    assert [int(t.split(":")[0].split()[1]) for t in titles] == list(range(1, 21))
    assert "Cast on, knit and purl, and finish a striped scarf." in lines
    assert "Contact" not in article.text and "Mill Lane" not in article.text


def test_a_page_of_teasers_is_its_items() -> None:
    article = extract(page("index_page.html"))
    lines = article.text.splitlines()
    assert lines[0] == "Council approves new budget after long debate"
    assert "Traffic will return to two lanes in both directions." in lines
    assert "World" not in lines and len(lines) == 12


def test_a_question_page_is_the_question_then_every_answer_in_order() -> None:
    article = extract(page("qa_page.html"))
    text = article.text
    assert lines(article)[0].startswith("My log files are several gigabytes each")
    positions = [
        text.index(s)
        for s in ("What is the idiomatic way", "Iterate over the file object", "fixed-size blocks",
                  "Memory-mapping the file")
    ]  # fmt: skip
    assert positions == sorted(positions)
    assert '    errors = sum(1 for line in log if "ERROR" in line)' in lines(
        article
    )  # code as code
    for chrome in ("Related questions", "Hot network questions", "Tail a growing log", "Privacy"):
        assert chrome not in text


def test_a_data_table_is_a_line_a_row_and_a_layout_table_is_its_text() -> None:
    article = extract(page("docs_page.html"))
    assert "Setting | Default | Meaning" in lines(article)
    assert "backoff_factor | 0.5 | Seconds to wait before the second attempt." in lines(article)
    paragraphs = ["".join(f"Sentence {i} of paragraph {p}, written out. " for i in range(8))
                  for p in range(3)]  # fmt: skip
    layout = "<html><body><table><tr><td>" + "".join(f"<p>{p}</p>" for p in paragraphs)
    layout += "</td><td><p>Side note that is a paragraph of its own, too.</p></td></tr></table>"
    text_lines = lines(extract(layout + "</body></html>"))
    assert [line.strip() for line in paragraphs] == text_lines[:3]
    assert all(" | " not in line for line in text_lines)


def _shop_page(description: str, drawer: str) -> str:
    offer = {"price": "24.00", "priceCurrency": "EUR"}
    ld = json.dumps({"@context": "https://schema.org", "@type": "Product", "name": "Trail Mug",
                     "description": description, "offers": offer})  # fmt: skip
    gallery = "".join(f"<li><a href='/p/{n}'>Colour {n}</a></li>" for n in range(12))
    return (
        f"<html><head><title>Trail Mug</title><script type='application/ld+json'>{ld}</script>"
        "</head><body><header><nav><a href='/'>Shop</a> <a href='/mugs'>Mugs</a></nav></header>"
        "<main><h1>Trail Mug</h1><p class='price'>24.00 EUR</p><ul class='swatches'>"
        f"{gallery}</ul><button>Add to basket</button>"
        "<p>Free delivery on orders over 50 EUR, with returns within 30 days.</p>"
        "<h2>Care</h2><p>Rinse the mug before its first use. Stoneware is porous where it is not "
        "glazed, so do not leave it to soak; a soft brush lifts tea stains, and a spoon of baking "
        "soda in warm water takes out the rest without scratching the glaze or dulling it.</p>"
        f"{drawer}</main>"
        "<div role='dialog' class='cookie-banner'><p>We use cookies to make this shop work and "
        "to measure how it is used; you can refuse the ones that are not needed.</p></div>"
        "<footer><p>Copyright 2026 Example Shop.</p></footer></body></html>"
    )


_MUG = (
    "A stoneware mug thrown by hand in a small workshop, glazed in a speckled blue that is "
    "a little different on every piece. It holds a generous 350 ml, keeps tea warm on a cold "
    "morning and survives the dishwasher and the microwave."
)


def test_a_product_description_the_page_declares_is_kept_wherever_it_sits() -> None:
    # The shop shows its description in a drawer, a dialog by its role: chrome by the markup,
    # the content by the page's own JSON-LD.
    drawer = (
        "<div role='dialog' class='sheet'><h2>Details</h2>"
        f"<p>{_MUG.split('. ')[0]}.</p><p>{_MUG.split('. ')[1]}</p></div>"
    )
    article = extract(_shop_page(_MUG, drawer))
    assert "thrown by hand in a small workshop" in article.text
    assert "survives the dishwasher and the microwave" in article.text
    assert "We use cookies" not in article.text  # an undeclared dialog is still chrome
    # The same drawer without the declaration is chrome, as any dialog.
    undeclared = extract(
        _shop_page("Trail Mug", drawer + "<p>" + "A mug for the trail. " * 6 + "</p>")
    )
    assert "thrown by hand" not in undeclared.text


def test_a_declared_description_the_page_never_shows_adds_nothing() -> None:
    shown = (
        "<section><p>" + "The mug is made of stoneware and glazed by hand. " * 4 + "</p></section>"
    )
    article = extract(_shop_page(_MUG, shown))
    assert "glazed by hand" in article.text
    assert "speckled blue" not in article.text


def test_an_attribute_named_like_a_template_placeholder_is_read_past() -> None:
    # A template left unfilled: lxml takes "{category.id}" for a namespace with no name.
    html = "<html><body><article><p {category.id}='3' class='lead'>"
    html += "The body of the story, told in a sentence that goes on. " * 8
    html += "</p></article></body></html>"
    assert extract(html).text.startswith("The body of the story")


def test_a_documentation_page_says_what_each_block_is() -> None:
    blocks = extract(page("docs_page.html")).blocks
    kinds = {block.text.split("\n")[0]: block.kind for block in blocks}
    assert kinds["The default policy"] == "heading"
    assert kinds["Setting | Default | Meaning"] == "row"
    assert kinds["client = Client("] == "code"
    assert kinds["Note"] == "paragraph"
    code = next(block for block in blocks if block.kind == "code")
    # The code block whole, its lines and indentation as written.
    assert code.text.split("\n") == [
        "client = Client(",
        "    retries=Retry(total=5, status_forcelist=[429, 502, 503]),",
        ")",
    ]
    prose = extract(page("docs_page.html")).prose
    assert "The client retries a request" in prose and "A request whose body" in prose
    assert "client = Client(" not in prose and "backoff_factor" not in prose
    assert "The default policy" not in prose


def test_list_items_and_quotes_are_marked_wherever_they_sit() -> None:
    html = (
        "<html><body><article><p>"
        + "The opening paragraph says what the story is about, at some length. " * 4
        + "</p><ul><li><p>A point made in a list, inside a paragraph of its own.</p></li>"
        "<li>A second point, straight in the item.</li></ul>"
        "<blockquote><p>Words someone said, quoted as they said them.</p></blockquote>"
        "<h3>Next steps</h3><p>"
        + "The closing paragraph says what happens next, at some length too. " * 4
        + "</p></article></body></html>"
    )
    kinds = [(block.kind, block.text[:12]) for block in extract(html).blocks]
    assert kinds == [
        ("paragraph", "The opening "),
        ("item", "A point made"),
        ("item", "A second poi"),
        ("quote", "Words someon"),
        ("heading", "Next steps"),
        ("paragraph", "The closing "),
    ]


def test_a_product_page_is_its_description_highlights_and_specifications() -> None:
    article = extract(page("product_page.html"))
    assert lines(article)[0].startswith("A thirty-litre pack for long days on the trail")
    assert "Separate sleeve for a hydration bladder of up to three litres" in lines(article)
    assert "Weight | 1.1 kg" in lines(article)
    for chrome in ("You may also like", "Summit 40", "Add to cart", "Free returns"):
        assert chrome not in article.text
    # The buyers' reviews are the shop's comments, not the product.
    assert "Customer reviews" not in article.text and "hut trek" not in article.text
    assert "hand-written note" not in article.text  # nor is a carousel of testimonials


def test_a_review_of_a_product_is_the_review() -> None:
    """A review article declares the product it reviews: there "review" blocks are the text."""
    parts = "".join(
        f"<div class='review-section'><h2>Part {part}</h2>"
        + "".join(
            f"<p>Paragraph {part}.{i} of the review: the pack carried well on the long climbs, "
            "and its ventilated back panel kept the load off the spine all afternoon.</p>"
            for i in range(2)
        )
        + "</div>"
        for part in range(3)
    )
    json_ld = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "Review", "itemReviewed": '
        '{"@type": "Product", "name": "Trailhead 30"}}, '
        '{"@type": "Product", "name": "Trailhead 30"}]}'
    )
    html = (
        f"<html><head><script type='application/ld+json'>{json_ld}</script></head><body>"
        "<div class='page'><h1>Trailhead 30 review</h1><p class='intro'>We took the Trailhead "
        "30 on three long weekends in the hills, through rain, heat and one night of snow, to "
        "see whether a pack at this price can keep up with the ones that cost twice as much. "
        f"Here is what we found.</p>{parts}</div></body></html>"
    )
    text = extract(html).text
    assert [f"Paragraph {p}.1 of the review" in text for p in range(3)] == [True] * 3


def test_a_pricing_page_is_its_pitch_plans_and_answers() -> None:
    article = extract(page("pricing_page.html"))
    text = article.text
    assert "Ledgerly matches your bank transactions" in text
    assert {"Starter", "Team", "Firm"} <= set(lines(article))
    assert "Every plan is free for the first thirty days, and no card is needed to start." in text
    assert "Jobs" not in text and "Log in" not in text


def test_a_page_spread_over_sections_is_read_whole() -> None:
    # The vote finds the longest section; it holds under half the page's text, so the content
    # is the lowest container holding half of it: every section, the links around them dropped.
    article = extract(page("landing_page.html"))
    text = article.text
    for kept in (
        "corrected each hour against the gauge",
        "Why harbour offices switch",
        "Offline tables.",
        "instead of an hour of phone calls",
        "Harbour | Unlimited crews and surge warnings | $40 a month",
        "vote on the features for the coming season",
    ):
        assert kept in text
    for dropped in ("Log in", "Privacy"):
        assert dropped not in text


def test_a_container_named_as_the_body_is_not_widened_past_its_teasers() -> None:
    # The same page with the longest section named as the text's body: it stays the content.
    html = page("landing_page.html").replace('class="copy-col"', 'class="text-col"')
    text = extract(html).text
    assert "vote on the features for the coming season" in text
    assert "Offline tables." not in text


def test_a_container_named_as_the_body_that_holds_one_block_of_many_is_widened() -> None:
    # The only paragraph, named "inner-content", wins the vote; the features around it are
    # lists, which do not vote. It holds under a fifth of the page's text: the name is a layout
    # class on one block of a spread page, and the located region is every section.
    pitch = (
        "Crews log the catch, the weather, the fuel, the nets, the hours and the port, in one "
        "app that works at sea, offline, on any phone, and sends it all to the office."
    )
    features = "".join(
        f"<section><h2>Feature {i}</h2><ul>"
        + "".join(
            f"<li>Point {i}.{j}: the office sees every boat on one screen</li>" for j in (1, 2, 3)
        )
        + "</ul></section>"
        for i in range(1, 9)
    )
    body = lxml.html.fromstring(
        "<html><body><div class='page'><section><div class='inner-content'>"
        f"<p>{pitch}</p></div></section>{features}</div></body></html>"
    ).find("body")
    assert body is not None
    region = locate.region(body)
    assert region is not None
    assert len(region.findall(".//section")) == 9


def _list_page(sections: str, before: str = "", after: str = "") -> str:
    return (
        "<html><head><title>List of rivers</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/random'>Random page</a></li>"
        "<li><a href='/help'>Help</a></li></ul></nav>"
        f"<main><h1>List of rivers</h1>{before}{sections}{after}</main>"
        "<footer><ul><li><a href='/privacy'>Privacy</a></li><li><a href='/terms'>Terms</a>"
        "</li></ul></footer></body></html>"
    )


_RIVERS = {
    "A": ("Aare", "Adige", "Allier", "Amstel", "Arno"),
    "D": ("Danube", "Dnieper", "Douro", "Drava", "Duero"),
    "R": ("Rhine", "Rhone", "Ruhr", "Rur", "Ryton"),
}


def test_an_index_is_its_lists_of_links_under_their_headings() -> None:
    # A "list of" page: a sentence of introduction, then lists that are all links. The
    # lists are the content, kept in order with their headings; the site's menus are not.
    sections = "".join(
        f"<h2>{letter}</h2><ul>"
        + "".join(f"<li><a href='/wiki/{n}'>{n} river</a></li>" for n in names)
        + "</ul>"
        for letter, names in _RIVERS.items()
    )
    intro = "<p>This is an index of the rivers of Europe that have an article of their own.</p>"
    article = extract(_list_page(sections, before=intro))
    expected = [
        line
        for letter, names in _RIVERS.items()
        for line in (letter, *(f"{n} river" for n in names))
    ]
    found = lines(article)
    assert found[0].startswith("This is an index of the rivers")
    assert found[1:] == expected
    assert article.blocks[2].kind == "item"


def test_an_article_s_contents_and_related_links_are_not_an_index() -> None:
    # The same page as prose with a list of its sections (links within the page) and a list
    # of related pages: the prose is most of it, so both lists of links are dropped.
    contents = (
        "<ul class='toc'>"
        + "".join(f"<li><a href='#{letter}'>{letter}</a></li>" for letter in _RIVERS)
        + "</ul>"
    )
    prose = "".join(
        f"<h2 id='{letter}'>{letter}</h2><p>The {', the '.join(names)} all rise in the hills "
        "and reach the sea after a long course through farmland, towns and forests.</p>"
        for letter, names in _RIVERS.items()
    )
    related = (
        "<ul>" + "".join(f"<li><a href='/wiki/{n}-lake'>{n} lake</a></li>" for n in _RIVERS["A"])
    ) + "</ul>"
    article = extract(_list_page(prose, before=contents, after=related))
    assert "The Aare, the Adige" in article.text
    assert "Aare lake" not in article.text
    assert not any(b.text == "D" and b.kind == "item" for b in article.blocks)


def test_a_page_s_contents_alone_are_no_index_and_the_page_is_read_again() -> None:
    # Every section is a "skip-item", so the first reading holds only the list of sections:
    # links within the page are no index of other pages, so the page is read again, with less
    # pruning, for its text.
    contents = (
        "<div class='toc'><p>In this article</p><ul>"
        + "".join(
            f"<li><a href='#{letter}'>Where the {n} rises and where it ends</a></li>"
            for letter, names in _RIVERS.items()
            for n in names
        )
        + "</ul></div>"
    )
    prose = "".join(
        f"<div class='skip-item'><h2 id='{letter}'>{letter}</h2>"
        f"<p>The {', the '.join(names)} all rise in the hills and reach the sea after a long "
        "course through farmland, towns and forests, and each has a story of its own.</p></div>"
        for letter, names in _RIVERS.items()
    )
    article = extract(_list_page(contents + prose))
    assert "The Danube, the Dnieper" in article.text
    assert "Where the Danube rises" not in article.text


_POSTS = (
    ("Harbour office opens a second quay", "news", "harbour"),
    ("Ferry timetable changes for the winter", "travel", "ferry"),
    ("Fish market moves to the old warehouse", "news", "market"),
    ("Lifeboat crew trains with the coastguard", "safety", "lifeboat"),
    ("Lighthouse open to visitors on Sundays", "heritage", "lighthouse"),
)


def _blog_index(*, shared_class: str = "entry post hentry type-post status-publish") -> str:
    # A blog's front page: every post whole, each <article> with the words all posts share
    # and a post id, category and tag of its own, as blog templates write them.
    posts = "".join(
        f"<article class='{shared_class} post-{n} category-{category} tag-{tag}'>"
        f"<h2><a href='/{tag}'>{title}</a></h2>"
        f"<p>The {tag} story, told at length: who decided it, when it happens, and what it "
        f"changes for the people of the town, who have asked about it for months.</p>"
        + ("<p>A longer second paragraph, with more detail, more names, more dates.</p>" * n)
        + "</article>"
        for n, (title, category, tag) in enumerate(_POSTS, start=1)
    )
    return (
        "<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav>"
        f"<main><section class='blog-list'>{posts}</section></main>"
        "<footer>Harbour Gazette, Quay Street</footer></body></html>"
    )


def test_posts_whose_class_words_differ_by_their_category_and_tags_are_one_run() -> None:
    article = extract(_blog_index())
    text = article.text
    for title, _, tag in _POSTS:
        assert title in text
        assert f"The {tag} story, told at length" in text
    assert article.kind == "listing"
    assert [item.title for item in article.items] == [title for title, _, _ in _POSTS]


def _builder_page() -> str:
    # A page builder's sections, named by their style: mostly the same class words, one of
    # them the article, the others a call to action, a reading list, a social link, an address.
    body = "".join(
        f"<p>Paragraph {i} of the guide: grind the beans fresh, weigh them, heat the water to "
        "ninety-three degrees, pour slowly, wait four minutes, then press, and taste.</p>"
        for i in range(1, 9)
    )
    sections = [
        f"<h1>Brewing with a press</h1>{body}",
        "<h2>Work with us</h2><p>Book a tasting for your office, any weekday.</p>",
        "<h2>Read more guides</h2><ul><li><a href='/pour'>Pour-over basics</a></li>"
        "<li><a href='/cold'>Cold brew at home</a></li></ul>",
        "<h2>Follow us</h2><p>Photos of every roast, every Friday, on our page.</p>",
        "<h2>Visit the roastery</h2><p>Open from eight to four, closed on Mondays.</p>",
    ]
    styles = (
        "image-section is-font-color-light is-background-color-dark",
        "solid-section is-font-color-dark is-background-color-light",
        "solid-section has-divider is-font-color-dark is-background-color-light",
    )
    return (
        "<html><body><main>"
        + "".join(
            f"<section class='{styles[min(i, 1 + i % 2)]}'>{s}</section>"
            for i, s in enumerate(sections)
        )
        + "</main></body></html>"
    )


def test_sections_of_a_page_builder_that_hold_one_text_are_not_a_run_of_items() -> None:
    article = extract(_builder_page())
    text = article.text
    assert "Paragraph 8 of the guide" in text
    assert article.kind == "article" and article.items == ()


def test_a_page_s_footnotes_are_not_its_content() -> None:
    # A shop's models are tiles; its legal footnotes, in the same landmark, are sentences
    # a reader never came for. A block named as the footnotes is dropped like a footer.
    tiles = "".join(
        f"<div class='tile'><h3>Kettle model {n}</h3><p>From ${n}9, in steel or copper, "
        "boils a litre in three minutes and keeps it hot for an hour.</p></div>"
        for n in range(1, 9)
    )
    legal = "".join(
        f"<li>◊ Financing offer {n}, subject to credit approval, for eligible customers only, "
        "with terms that vary by product, region and payment type, as set out at checkout.</li>"
        for n in range(1, 4)
    )
    html = (
        "<html><body><main><h1>Shop kettles</h1>"
        f"<div class='tiles'>{tiles}</div>"
        f"<div class='footnotes'><ul>{legal}</ul></div></main></body></html>"
    )
    text = extract(html).text
    assert "Kettle model 8" in text and "keeps it hot for an hour" in text
    assert "Financing offer" not in text


_JOBS = (
    ("Harbour pilot", "Full-time, Portsmouth"),
    ("Crane operator", "Shifts, Southampton"),
    ("Ferry deckhand", "Seasonal, Dover"),
    ("Dock electrician", "Full-time, Hull"),
    ("Port surveyor", "Contract, Bristol"),
    ("Tug master", "Full-time, Liverpool"),
)


def _job_board() -> str:
    # A listing in the page's main region: an introduction, then cards whose title is a bare
    # link and whose pay and place are short lines, all of which the link and length sweep
    # of a text's body would take for navigation.
    cards = "".join(
        f"<li class='job-card'><div class='job-title'><a href='/jobs/{n}'>{title}</a></div>"
        f"<div class='pay'>£{n + 30},000 a year</div><div class='where'>{where}</div>"
        f"<p>Join a crew of {n + 4} on the {title.lower()} desk; training is paid and the "
        "rota is set a month ahead.</p></li>"
        for n, (title, where) in enumerate(_JOBS, start=1)
    )
    return (
        "<html><body><nav><a href='/'>Home</a> <a href='/jobs'>Jobs</a></nav><main>"
        "<h1>Harbour jobs</h1><p>Work on the water: every opening at the ports of the south "
        "coast, from the pilots' station to the fish quay, updated each morning.</p>"
        f"<ul class='jobs'>{cards}</ul>"
        "<p>Applications close at the end of each month and are read by the harbour office.</p>"
        "</main><footer>Harbour office, Quay Street</footer></body></html>"
    )


def test_the_cards_of_a_listing_keep_their_titles_and_details_beside_the_region_s_text() -> None:
    article = extract(_job_board())
    lines = article.text.split("\n")
    assert article.kind == "listing"
    for n, (title, where) in enumerate(_JOBS, start=1):
        at = lines.index(title)
        assert lines[at + 1 : at + 3] == [f"£{n + 30},000 a year", where]
    assert lines.index("Harbour jobs") < lines.index("Harbour pilot")
    assert lines[-1].startswith("Applications close at the end of each month")
    assert "Quay Street" not in article.text


def test_paragraphs_that_each_hold_a_link_are_a_text_not_cards() -> None:
    # Siblings alike in tag and class, each with a link: the paragraphs of an article. Their
    # links are words of the sentence, not titles, so the headings and lists between them stay.
    paragraphs = [
        f"<p>Point {n} of the plan: the council <a href='/r/{n}'>report number {n}</a> says "
        "the harbour wall will be raised by a metre before the winter storms arrive.</p>"
        for n in range(1, 9)
    ]
    html = (
        "<html><body><article><h1>The harbour plan</h1>"
        + "".join(paragraphs[:4])
        + "<h2>What it costs</h2><ul><li>Wall: four million</li><li>Pumps: one million</li></ul>"
        + "".join(paragraphs[4:])
        + "</article></body></html>"
    )
    article = extract(html)
    assert article.kind == "article"
    assert "What it costs" in article.text and "Pumps: one million" in article.text
    assert "Point 8 of the plan" in article.text


def _kettle_page(more: str) -> str:
    return (
        "<html><body><main><div class='product'><h1>Copper kettle</h1>"
        "<p>A hand-beaten copper kettle that boils a litre in three minutes on gas or "
        "induction, with a beech handle that stays cool and a spout that never drips.</p>"
        "<p>Made in Sheffield from recycled copper, lined with tin, and guaranteed for "
        "twenty years against leaks, dents from ordinary use and a loosened handle.</p></div>"
        f"{more}</main></body></html>"
    )


def test_a_section_headed_as_recommendations_is_not_the_page_s_text() -> None:
    # Class names that say nothing, cards that look like a listing: the heading says what it is.
    cards = "".join(
        f"<div class='col'><a href='/p/{n}'><h3>Steel kettle model {n}</h3></a>"
        f"<p>Brushed steel, {n} litres, boils in four minutes.</p><span>${n}9</span></div>"
        for n in range(1, 9)
    )
    more = f"<section class='section-3'><h2>You may also like</h2><div class='grid'>{cards}"
    article = extract(_kettle_page(more + "</div></section>"))
    assert "boils a litre in three minutes" in article.text
    assert "guaranteed for twenty years" in article.text
    assert "Steel kettle model" not in article.text
    assert "You may also like" not in article.text


def test_in_a_flat_text_only_the_links_under_a_related_heading_go() -> None:
    # "Related resources", three links as paragraphs, then the article's own text resumes
    # without a heading: the links go, the text stays.
    links = "".join(
        f"<p><a href='/guide/{n}'>Guide {n}: caring for copper through the seasons</a></p>"
        for n in range(1, 4)
    )
    more = (
        f"<h3>Related resources</h3>{links}"
        "<p>Here is the care table for every finish, with how often each needs polishing "
        "and which cleaners leave copper dull or streaked.</p>"
        "<table><tr><th>Finish</th><th>Polish every</th></tr>"
        "<tr><td>Bright</td><td>Two months</td></tr><tr><td>Aged</td><td>Never</td></tr></table>"
    )
    text = extract(_kettle_page(more)).text
    assert "caring for copper through the seasons" not in text
    assert "Here is the care table for every finish" in text
    assert "Two months" in text


def test_a_heading_that_only_mentions_liking_is_the_text_s_own() -> None:
    more = (
        "<h2>What is a kettle you love?</h2><p>Tell us about the kettle you reach for every "
        "morning, and what makes it better than the one before it.</p>"
    )
    text = extract(_kettle_page(more)).text
    assert "What is a kettle you love?" in text
    assert "Tell us about the kettle you reach for every morning" in text


@pytest.mark.parametrize("heading", ["h1", "h2"])
def test_a_landing_page_s_hero_with_its_title_is_the_top_of_its_text(heading: str) -> None:
    # A hero is named like page furniture ("banner"), holds too few words to read as prose,
    # and is where a service says what it is: its title and tagline lead the text.
    pitch = "".join(
        f"<p>{blurb}</p>"
        for blurb in (
            "Book a berth by the night or the season, paid online, with water and power at "
            "every pontoon and a launch to take you ashore.",
            "Engines, rigging and hulls looked at within a day by the yard's own shipwrights "
            "and engineers, with a fixed quote before any work.",
            "Boats lifted out and stored ashore for the winter, covered, with monthly checks "
            "and photos sent to the owner.",
        )
    )
    html = (
        f"<html><body><main><section class='hero banner'><{heading}>Harbour services"
        f"</{heading}>"
        f"<p>Everything a boat needs, in one yard.</p></section>{pitch}</main></body></html>"
    )
    lines = extract(html).text.split("\n")
    assert lines[:2] == ["Harbour services", "Everything a boat needs, in one yard."]
    assert lines[-1].startswith("Boats lifted out and stored ashore for the winter")


def _recipes_under_a_notice(tag: str, attrs: str) -> str:
    # A listing whose cards are links, beside a consent manager's panel of purposes (or a
    # footer of small print) that holds more of the page's text outside links than the rest.
    cards = "".join(
        f"<div class='card'><a href='/r/{n}'><h3>Harbour fish stew number {n}</h3>"
        "<span>Ready in 40 minutes</span></a></div>"
        for n in range(1, 13)
    )
    purposes = "".join(
        f"<p>Purpose {n}: we and our partners store and access information on your device "
        "to measure the delivery of content and advertising, on the basis of consent or "
        "legitimate interest, which you may object to at any time.</p>"
        for n in range(1, 9)
    )
    return (
        "<html><body><main><h1>Fish stews</h1>"
        "<p>Our twelve favourite stews from the harbour kitchen.</p>"
        f"<div class='cards'>{cards}</div></main>"
        f"<{tag} {attrs}><h2>Your privacy</h2>{purposes}</{tag}></body></html>"
    )


@pytest.mark.parametrize(
    ("tag", "attrs"),
    [("div", "id='cmp-consent-sdk'"), ("div", "class='preferences' role='dialog'"), ("footer", "")],
)
def test_a_consent_panel_dialog_or_footer_holding_most_of_the_text_is_not_the_content(
    tag: str, attrs: str
) -> None:
    article = extract(_recipes_under_a_notice(tag, attrs))
    assert "Purpose 1" not in article.text and "Your privacy" not in article.text
    assert "Harbour fish stew number 12" in article.text


def test_a_section_s_header_is_its_title_and_the_page_s_header_is_chrome() -> None:
    # HTML: a header inside sectioning content heads that section; only the page's own header
    # is its banner. A landing page writes its hero and each section's title so.
    sections = "".join(
        f"<section><header><h2>{title}</h2><p>{tagline}</p></header>"
        f"<p>{body}</p></section>"
        for title, tagline, body in (
            ("Moorings", "A berth for any boat.", "Book a berth by the night or the season, "
             "paid online, with water and power at every pontoon and a launch to the quay."),
            ("Repairs", "Fixed within a day.", "Engines, rigging and hulls looked at by the "
             "yard's own shipwrights and engineers, with a fixed quote before any work."),
        )
    )  # fmt: skip
    html = (
        "<html><body><header><a href='/'>Harbour yard</a> <a href='/login'>Log in</a></header>"
        f"<main><section><header><h1>Harbour services</h1><p>Everything a boat needs.</p>"
        f"</header></section>{sections}</main></body></html>"
    )
    lines = extract(html).text.split("\n")
    assert lines[:2] == ["Harbour services", "Everything a boat needs."]
    assert lines.index("Moorings") + 1 == lines.index("A berth for any boat.")
    assert "Fixed within a day." in lines
    assert "Log in" not in lines


def test_a_heading_that_is_only_a_list_s_name_heads_recommendations() -> None:
    teasers = "".join(
        f"<article><header><h3><a href='/s/{n}'>Harbour story {n}</a></h3></header>"
        f"<p>The {n}th most read story of the week, about the quay and its boats.</p></article>"
        for n in range(1, 6)
    )
    more = (
        "<h2>The most popular kettles of the year</h2><p>Copper outsold steel for the first "
        "time, and the hand-beaten models sold out before the winter.</p>"
        f"<section><h2>Most popular</h2>{teasers}</section>"
    )
    text = extract(_kettle_page(more)).text
    assert "The most popular kettles of the year" in text
    assert "Copper outsold steel for the first time" in text
    assert "Harbour story" not in text and "most read story" not in text


def test_a_highlighted_code_block_keeps_its_comments() -> None:
    # Syntax highlighters name their tokens with classes ("hljs-comment", "tag", "meta") that
    # are boilerplate words outside code; inside a code block they are the code.
    code = (
        "<pre><code class='language-bash'><span class='hljs-comment'># clone the repo</span>\n"
        "git clone https://example.org/harbour.git\n"
        "<span class='hljs-comment'># see what changed</span>\ngit status</code></pre>"
    )
    html = (
        "<html><body><article><h1>Git for the harbour office</h1>"
        "<p>Every chart the office keeps is in a repository, and this is all you need to get "
        "a copy of it and to see what your colleagues changed since yesterday.</p>"
        f"{code}<p>That is all: the rest of the commands can wait until you need them.</p>"
        "</article></body></html>"
    )
    text = extract(html).text
    assert "# clone the repo\ngit clone https://example.org/harbour.git" in text
    assert "# see what changed" in text


def test_a_table_named_for_how_it_scrolls_is_kept() -> None:
    # "sticky-header" names the table's behaviour; its rows are the list's data.
    rows = "".join(
        f"<tr><td>{1900 + n}</td><td><a href='/w/{n}'>Keeper number {n}</a></td>"
        f"<td><a href='/l/{n}'>Lighthouse number {n}</a></td></tr>"
        for n in range(1, 41)
    )
    html = (
        "<html><body><main><h1>Keepers of the harbour light</h1>"
        "<p>Every keeper of the harbour's lights since records began, with the year each "
        "took the post and the light they kept, as the harbour board's ledgers have them. "
        "The board reads the list aloud each winter, on the night the first keeper was "
        "appointed, and adds the names of those who kept the lights that year.</p>"
        f"<table class='wikitable sortable sticky-header'><tr><th>Year</th><th>Keeper</th>"
        f"<th>Light</th></tr>{rows}</table></main></body></html>"
    )
    text = extract(html).text
    assert "Keeper number 40" in text and "Lighthouse number 40" in text


def test_a_figure_of_a_quote_or_a_table_is_text_and_a_figure_of_a_photo_is_not() -> None:
    html = (
        "<html><body><article><h1>The harbour in numbers</h1>"
        "<p>The harbour had its busiest year since the war, the board said on Monday, with "
        "more ships, more passengers and more fish landed than in any year before.</p>"
        "<figure><blockquote><p>We ran out of berths twice in August.</p></blockquote>"
        "<figcaption>The harbour master</figcaption></figure>"
        "<figure><table><tr><th>Year</th><th>Ships</th></tr><tr><td>2023</td><td>1,204</td>"
        "</tr><tr><td>2024</td><td>1,388</td></tr></table></figure>"
        "<figure><img src='/quay.jpg'><figcaption>The quay at dawn, photographed from the "
        "lighthouse.</figcaption></figure>"
        "<p>The board will decide in the spring whether to build a second quay for the "
        "ferries, which would free the old one for fishing boats.</p></article></body></html>"
    )
    text = extract(html).text
    assert "We ran out of berths twice in August." in text
    assert "2024 | 1,388" in text
    assert "The quay at dawn" not in text


def test_a_script_s_state_written_into_the_page_is_not_text() -> None:
    # Shops write a widget's state as JSON into a div for their scripts; no reader sees it.
    state = (
        '{"widget":"ProductGrid","page":"BROWSE","items":["K1","K2","K3"],'
        '"title":"Copper kettles, hand-beaten in Sheffield, for gas and induction hobs"}'
    )
    more = f"<div class='grid-state'>{state}</div>"
    text = extract(_kettle_page(more)).text
    assert "boils a litre in three minutes" in text
    assert "ProductGrid" not in text and '"items"' not in text


def _thread_in_comment_blocks(declared: bool) -> str:
    # A thread whose replies are written as "comment" blocks, as much forum software does.
    replies = "".join(
        f"<div class='comment'><a href='/u/{n}'>sailor{n}</a><p>Reply {n}: the east quay "
        "floods at spring tides, so moor on the west side and leave a long line, then check "
        "it again before the evening ebb.</p></div>"
        for n in range(1, 7)
    )
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "DiscussionForumPosting", "headline": "Where to moor in March?"}</script>'
        if declared
        else ""
    )
    return (
        f"<html><head>{ld}</head><body><main><h1>Where to moor in March?</h1>"
        "<p>First visit to the harbour next month with a 30-foot boat: which quay is safe "
        "in March, and is there a charge for a single night on the visitors' pontoon? We "
        "will arrive from the south on the morning tide and leave two days later, weather "
        "allowing, and would rather not raft up against the fishing boats.</p>"
        f"<div class='comments'>{replies}</div></main></body></html>"
    )


def test_a_declared_discussion_keeps_its_comments_and_an_article_drops_them() -> None:
    thread = extract(_thread_in_comment_blocks(declared=True))
    assert "Reply 6: the east quay floods" in thread.text
    article = extract(_thread_in_comment_blocks(declared=False))
    assert "which quay is safe in March" in article.text
    assert "Reply 1" not in article.text


@pytest.mark.parametrize(
    ("grid_class", "kept"),
    [
        ("cards-grid hide-read-more-ad", True),
        ("cards-grid no-sidebar", True),
        ("cards-grid read-more-ad", False),
    ],
)
def test_a_class_name_that_negates_says_what_a_block_lacks(grid_class: str, kept: bool) -> None:
    stories = "".join(
        f"<div class='story'><h3><a href='/s/{n}'>Harbour story number {n}</a></h3>"
        f"<p>What happened on the quay on day {n}, told by the people who were there.</p></div>"
        for n in range(1, 9)
    )
    html = (
        "<html><body><main><h1>Latest from the harbour</h1>"
        + "".join(
            f"<p>Part {n} of the week's note from the editor: every story from the quay, the "
            "newest first, from our reporters at the harbour office, on the fish market and "
            "aboard the ferries, collected each evening and checked before it goes out.</p>"
            for n in range(1, 6)
        )
        + f"<div class='{grid_class}'>{stories}</div></main></body></html>"
    )
    text = extract(html).text
    assert ("Harbour story number 8" in text) is kept


def test_a_block_named_as_a_menu_that_reads_as_prose_is_not_navigation() -> None:
    answers = "".join(
        f"<div class='faq-item'><h3>Question {n}: can I stay more than one night?</h3><p>Yes: "
        f"visitors may stay up to {n + 6} nights on the pontoon in summer, paying at the office "
        "or online, and longer in winter when the berths are quieter.</p></div>"
        for n in range(1, 6)
    )
    html = (
        "<html><body><div class='site-menu'><a href='/'>Home</a><a href='/berths'>Berths</a>"
        "<a href='/fees'>Fees</a></div><main><h1>Visiting the harbour</h1>"
        + "".join(
            f"<p>Note {n} for visitors: the harbour office on the east quay is open from eight "
            "to six every day, sells fuel and charts, and keeps a weather board by its door "
            "that is updated each morning before the first ferry leaves.</p>"
            for n in range(1, 7)
        )
        + f"<div class='faq-tabs-menu'>{answers}</div></main></body></html>"
    )
    text = extract(html).text
    assert "visitors may stay up to 11 nights" in text
    assert "Berths" not in text
