"""The Decoder (the-decoder.com, the-decoder.de): a WordPress/Yoast news site in two editions.

Facts about the real site: flat article slugs under the root, `?p=ID`
shortlinks, robots.txt -> /sitemap_index.xml -> post-sitemap*.xml, RSS at /feed/; ad slots labelled
"Ad"/"Anzeige" with `DEC_D_Incontent-N` slot ids; subscription upsells; a "Plus" tier.
"""

from datetime import date

from .base import SelectorSet, SiteProfile

# Markup that is never the article, whatever the generic cleaner already catches.
_COMMON_REMOVE = (
    "[id^='DEC_D_']", "[class*='DEC_D_']",             # ad slots (DEC_D_Incontent-1, -2, …, header)
    "a[href$='/subscription/']",                       # "Subscribe now" / "The Decoder abonnieren"
    "a[title^='View all posts by']", "a[title^='Alle Beiträge von']",
    "[aria-label='Ask about this article']", "form[role='search']",
    "#wpdiscuz", ".wpdiscuz_top_clearing", "#comments",
)

DECODER = SiteProfile(
    name="decoder",
    editions={"en": "https://the-decoder.com", "de": "https://the-decoder.de"},
    # Yoast's index first; a mirror may instead have WordPress core's or a plain sitemap.xml.
    sitemap_paths=("/sitemap_index.xml", "/sitemap.xml", "/wp-sitemap.xml"),
    # Every sub-sitemap but those of pages, taxonomies and authors (Yoast: post-sitemap2.xml,
    # core: wp-sitemap-posts-post-1.xml, a mirror: sitemap-1.xml.gz); URLs are still filtered.
    sitemap_follow=(r"(?i)/(?![^/?]*(?:page|categor|tag|author|attachment|taxonom|user))[^/?]*(?:\?.*)?$",),
    feed_paths=("/feed/",),
    article_url=r"(?i)^/[a-z0-9%][a-z0-9%\-_]*/?$",       # flat slugs under the root
    not_article_paths=(
        r"^/(artificial-intelligence-news|kuenstliche-intelligenz-news)(/|$)",
        r"^/(tag|author|category|page|feed|wp-content|wp-admin|wp-json|comments)(/|$)",
        r"^/(sign-in|register|subscription|account|newsletter|about|imprint|impressum|"
        r"privacy-policy|datenschutz|terms-and-conditions|agb|advertise|werbung|contact|kontakt)/$",
    ),
    selector_sets=(
        # Older markup: .entry-content body, .summary__text Key Points box.
        SelectorSet(remove=_COMMON_REMOVE + (".summary__text", ".sharedaddy", ".jp-relatedposts"),
                    body=(".entry-content",), until=None),
        # Current markup (utility classes): only stable hooks (ids, roles, hrefs, alt/title texts).
        SelectorSet(remove=_COMMON_REMOVE + ("[alt='Date of publication']",),
                    body=("article",), since=date(2024, 1, 1)),
    ),
    boilerplate_phrases={
        # Ad-slot names printed as text ("DEC_D_Incontent-2"), whatever element holds them.
        "*": ("DEC_D_",),
        "en": (
            "AI News Without the Hype – Curated by Humans", "Subscribe now",
            "Read on for the full picture", "Subscribe for hype-free coverage",
            "Full access to every article on THE DECODER", "Stay in the loop on AI",
            "Subscribe to our Newsletter", "Your email address", "Key Points",
            "Ask about this article", "Copy the url to clipboard", "Share this article",
            "Go to comment section", "Skip to content", "Top Stories", "Don't Miss", "Most Popular",
            "Midjourney prompted by THE DECODER", "Image description",
        ),
        "de": (
            "KI-News ohne Hype – von Menschen kuratiert", "KI-News ohne Hype",
            "Von Menschen kuratiert.", "The Decoder abonnieren", "Jetzt abonnieren",
            "Mit dem THE‑DECODER‑Abo", "Mit dem THE-DECODER-Abo", "Zum Inhalt springen",
            "Artikel teilen", "Zur Kommentarsektion", "Bildbeschreibung",
        ),
    },
    ad_labels=("Ad", "Anzeige", "Advertisement", "Werbung"),
    paywall_selectors=(".plus-label", "[data-plus]", ".label-plus"),   # inferred class names
    paywall_labels=("Plus",),                                           # seen: the label text
    # "Read on for the full picture" closes every article, free or not: it marks nothing, so
    # only the "Plus" label and JSON-LD isAccessibleForFree decide here.
    paywall_phrases=(),
    trust_accessible_for_free=True,
    source_prefixes=("Source:", "Sources:", "Quelle:", "Quellen:"),
    title_suffixes=(" - The Decoder", " | The Decoder", " - THE DECODER", " | THE DECODER"),
)
