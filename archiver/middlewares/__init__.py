"""Our Scrapy middlewares, one class per module, each off (NotConfigured) when its setting is.

Downloader middlewares, in the order a request passes them (priority in settings.py):

-  45 `image_hosts`: an article's image hosts may be asked for their robots.txt
-  50 `allowed_hosts`: every request and redirect hop stays on the site (host and port)
- 100 `robots_txt`: robots.txt fetched once per host, obeyed, shared with the spider
- 550 `retry_after`: 429/503 retried after the server's Retry-After, bounded
- 650 `mirror_redirects`: a mirror's redirects to the real host followed on the mirror
- 940 `incremental`: unchanged articles skipped, refetched conditionally, revisits
- 950 `warc_capture`: every exchange captured as received, for the WARC files

Spider middleware: `article_limit` (30), `-a limit=N` as a hard stop.
"""
