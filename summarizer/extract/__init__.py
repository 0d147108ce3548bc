"""Stage 2, extract: a fetched page's content and what is known about it, as an `Article`.

Split by cost, in the order the data flows:

- `prepass`: parse with lxml (C, cheap), strip scripts and styles, prune the chrome that
  announces itself, record the facts the verdict needs; `locate` then finds the container
  with the most paragraph text. Only the head and that region go on.
- `metadata`: title, byline, dates, language, URLs from JSON-LD, Open Graph and meta tags
  (BeautifulSoup on the head only).
- `body`: BeautifulSoup on the located region: sibling blocks, a last boilerplate sweep, one
  paragraph a line.
- `verdict`: whether what was found is something to summarize, and if not, why in words.
- `pipeline`: `extract()`, the stages in that order.
- `rules`: the tables every stage reads (tags, roles, class words); `nodes`: the helpers they
  share. Decoding bytes is the fetch stage's (`summarizer.fetch.decode`).
"""
