"""Stage 1, fetch: read a web page someone posted, safely.

- `policy`: `FetchPolicy` (every limit, in one value) and `Page` (what comes back).
- `client`: `fetch()`, the redirect loop: each hop's URL checked, sent, its body read.
- `netguard`: which addresses may be connected to (no private networks, no metadata service).
- `urls`: the shape of a link, as requests will send it.
- `transport`: a requests adapter that connects to exactly the address netguard approved.
- `deadline`: one wall-clock budget for the whole fetch, enforced while a read blocks.
- `body`: the body read in bounded pieces, decompressed as it comes.
- `decode`: media type sniffing and charset detection, bytes to text (used by extraction too).
- `messages`: the errors' sentences, written for the person who posted the link.
"""
