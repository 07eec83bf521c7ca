"""Pure extraction: HTML in, a clean Article out. No Scrapy inside.

    from archiver.extract import extract_article, Article, NotAnArticle
"""

from .article import Article, NotAnArticle
from .extractor import extract_article

__all__ = ["Article", "NotAnArticle", "extract_article"]
