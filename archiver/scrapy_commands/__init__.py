"""Scrapy commands of the project (``COMMANDS_MODULE``): ``crawl`` replaces Scrapy's own."""
