"""What the tests share, imported as a package (``from tests.support.crawl import run_crawl``).

- `ci`: the one rule for what a test needs from the machine: skip locally, fail in CI.
- `crawl`: `scrapy crawl` and `archive` run as a user runs them (a subprocess from the repository
  root), politeness lifted; the crawl's log read back (summary, stats, log levels).
- `records`: the one JSON Lines reader, and the WARC records of a directory.
- `server`: the loopback server base every mock site of the tests is built on.
- `reader`: `archive serve`'s app on a free port, and a real headless Chromium.
- `mirror`: a crawl of the bundled mirror of The Decoder, and what it wrote and asked for.
- `disks`: a tmpfs that really fills up or is read-only; `exchanges`: made-up captures.
"""
