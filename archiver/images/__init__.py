"""An article's images: which belong to it (select), fetching them in the crawl (fetch, hosts),
what the archive holds already (ledger), their pixel size (size), and carrying them into a
reprocessed archive (carry)."""
