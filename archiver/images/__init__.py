"""An article's images: which belong to it (select), fetching them in the crawl (fetch; the
hosts they may come from: archiver.middlewares.image_hosts), what the archive holds already
(ledger), their pixel size (size), and carrying them into a reprocessed archive (carry)."""
