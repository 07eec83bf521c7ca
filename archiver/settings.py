"""Scrapy settings for the archiver. Our own settings carry an ARCHIVER_ or WARC_ prefix.

Every setting of ours is here once, under its literal name, with its default, as Scrapy's
``default_settings`` does for Scrapy's: components read them by name and take the default from
this module (``from archiver import settings as defaults``) when a crawler's settings do not
hold one (a crawler built without the project settings, a spider made without a crawler).

Polite by default: robots.txt obeyed, AutoThrottle on, two requests at a time per domain, an
honest User-Agent that names the project. Override any of these with ``-s NAME=VALUE``.
"""

from archiver import __version__

BOT_NAME = "archiver"
SPIDER_MODULES = ["archiver.spiders"]
NEWSPIDER_MODULE = "archiver.spiders"

# --- where the archive goes ---------------------------------------------------------------
ARCHIVE_DIR = "archives"
WARC_ENABLED = True                    # capture every fetch into WARC files (off: nothing is)
WARC_PREFIX = "ARCHIVER"               # file name prefix: letters, digits, '.', '_', '-'
WARC_MAX_SIZE = 1_000_000_000          # rotate between articles past this many bytes
WARC_OPERATOR = ""                     # who runs the crawl (warcinfo `operator`)
WARC_IS_PART_OF = "archiver"           # warcinfo `isPartOf`
WARC_DESCRIPTION = ("News articles: raw HTTP captures, clean conversions and extracted "
                    "metadata")        # warcinfo `description` (empty: this text)

# --- politeness -----------------------------------------------------------------------------
ARCHIVER_USER_AGENT = (
    f"archiver/{__version__} (+https://github.com/archiver/archiver; news archiving bot)"
)
USER_AGENT = ARCHIVER_USER_AGENT
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = False          # we never send cookies we were not configured with
REFERRER_POLICY = "no-referrer"  # and no Referer header at all (no referrer tricks)
TELNETCONSOLE_ENABLED = False
# Only the content codings every WARC validator reads (warcio check crashes on brotli records).
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en",
    "Accept-Encoding": "gzip, deflate",
}
REMOTE_CONTROL_ENABLED = False   # Scrapy's HTTP endpoint that runs Python code: off, like telnet

# News pages are well under 10 MB; the bound applies to the decompressed body (gzip bombs).
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
DOWNLOAD_TIMEOUT = 60
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

# --- components -------------------------------------------------------------------------------
# Raw capture sits above RedirectMiddleware (600) and HttpCompressionMiddleware (590) so that it
# sees every redirect hop and the body exactly as it came over the network.
DOWNLOADER_MIDDLEWARES = {
    # robots.txt of an article's image hosts
    "archiver.middlewares.image_hosts.ImageHostsMiddleware": 45,
    # every request, redirects included
    "archiver.middlewares.allowed_hosts.AllowedHostsMiddleware": 50,
    # robots.txt fetched once per host: obeyed here (a 5xx or unreachable one disallows all),
    # its Sitemap: lines read by the spider
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "archiver.middlewares.robots_txt.SharedRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    # honours Retry-After, bounded
    "archiver.middlewares.retry_after.RetryAfterMiddleware": 550,
    # a mirror's real-host redirects stay on it
    "archiver.middlewares.mirror_redirects.MirrorRedirectMiddleware": 650,
    # skip/conditional/revisit, after capture
    "archiver.middlewares.incremental.IncrementalMiddleware": 940,
    "archiver.middlewares.warc_capture.WarcCaptureMiddleware": 950,
}
EXTENSIONS = {
    "archiver.state.recorder.StateRecorder": 500,       # the archive's crawl state
    "archiver.resume.ResumeJournal": 510,               # with JOBDIR: nothing lost on a kill
    "archiver.crawl_report.CrawlReport": 600,           # progress lines, summary, exit status
}
# `limit=N` is a hard stop: article requests are held back before they are scheduled.
SPIDER_MIDDLEWARES = {
    "archiver.middlewares.article_limit.ArticleLimit": 30,
}
ARCHIVER_PROGRESS_INTERVAL = 30        # seconds between progress lines (0: none)
ARCHIVER_INCREMENTAL = True            # skip unchanged articles, conditional refetch, revisits
ARCHIVER_RETRY_AFTER_MAX = 60.0        # never wait longer than this for a Retry-After
# The article's images (lead + body), fetched after the article and kept in its WARC file:
# "article" (all of them), "lead" (the lead image only) or "none"; at most ARCHIVER_IMAGES_MAX
# per article, each cut at ARCHIVER_IMAGE_MAXSIZE bytes (recorded WARC-Truncated; 0: no bound).
ARCHIVER_IMAGES = "article"
ARCHIVER_IMAGES_MAX = 20
ARCHIVER_IMAGE_MAXSIZE = 5 * 1024 * 1024
ITEM_PIPELINES = {
    "archiver.pipelines.ArticlePipeline": 300,
}
# Extraction runs in this many worker processes (unset: one per CPU; 0: in the reactor thread).
ARCHIVER_EXTRACT_WORKERS = None
ARCHIVER_EXTRACT_TIMEOUT = 30.0        # a page whose extraction runs longer is archived raw
# With -s REDIS_URL=redis://…, crawl through scrapy-redis's shared frontier (archiver/distributed.py).
ADDONS = {
    "archiver.distributed.RedisFrontier": 0,
    "archiver.crawl_log.QuietFramework": 10,    # our summary instead of Scrapy's stats dump
}

# Bounds on discovery: a hostile or broken site can chain sitemap indexes without end, list
# 100,000 sitemaps or advertise thousands of feeds.
ARCHIVER_DISCOVERY_MAX_DOCUMENTS = 2000   # sitemaps and feeds fetched per edition
ARCHIVER_SITEMAP_MAX_DEPTH = 3            # sitemap indexes nested below the first one
ARCHIVER_FEEDS_PER_PAGE = 10              # feeds read of those one page advertises
# The generic `news` spider's bounded crawl of home and listing pages.
ARCHIVER_NEWS_MAX_DEPTH = 3               # home page = 0; a section = 1; its page 2 = 2; ...
ARCHIVER_NEWS_MAX_PAGES = 50              # listing pages fetched per crawl

# Many crawlers, one frontier (archiver/distributed.py): with REDIS_URL set, the crawls that
# share ARCHIVER_CRAWL_ID share their queue. ARCHIVER_REDIS_PERSIST is set by the add-on from
# SCHEDULER_PERSIST (never by hand, so it has no value here).
ARCHIVER_CRAWL_ID = "crawl"

# --- Scrapy housekeeping --------------------------------------------------------------------
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
LOG_FORMATTER = "archiver.crawl_log.ArchiverLogFormatter"   # expected outcomes at INFO, one line
# `scrapy crawl` checks spider arguments and settings before it starts (one line, exit 2) and
# exits 1 when the crawl could not reach its site.
COMMANDS_MODULE = "archiver.scrapy_commands"
