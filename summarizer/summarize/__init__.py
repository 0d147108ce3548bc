"""Stage 3, summarize: text in, the sentences that say it best out, as a `Summary`.

In the order the data flows:

- `documents`: what was pasted, split into documents and cleaned of labels and requests.
- `language`: sumy's tokenizer, stemmer and stop words, all offline.
- `parse`: documents to sumy's document model, remembering each sentence's document.
- `methods`: the ranking methods by name (`skim`, the default, in `skim` with its filters in
  `content`; `lexrank`, sumy's own, on the fast ranker in `lexrank`); `ranking` is what a
  method returns.
- `select`: whole sentences from a ranking, for the length asked.
- `pipeline`: `summarize()`, the steps in that order.
"""
