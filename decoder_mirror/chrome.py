"""Page frame shared by every HTML page: <head>, consent dialog, header, footer.

Two styles: "classic" (older WordPress theme, semantic class names) and "current" (utility
classes). Markup the reference material does not confirm is marked `<!-- inferred -->`.
"""

from __future__ import annotations

import json
from datetime import datetime

from .content import FOOTER_PATHS
from .model import Edition, esc
from .texts import t

_DE_MONTHS = ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.",
              "Nov.", "Dez.")

_CSS = """:root{--c-accent:#0a5bd3;--c-text:#111;--c-muted:#6b7280}
body{margin:0;font:17px/1.6 Georgia,serif;color:var(--c-text)}a{color:inherit}
.screen-reader-text,.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.site-header,.dec-header{display:flex;align-items:center;justify-content:space-between;padding:12px 24px}
.entry-content p,.prose p{margin:0 0 1.2em}.summary__text{background:#f3f4f6;padding:16px}
.dec-ad__label{font:10px/1 sans-serif;text-transform:uppercase;color:var(--c-muted)}
#sp_message_container_1071532{position:fixed;inset:auto 0 0 0;z-index:2147483647}"""


def display_date(iso: str, lang: str) -> str:
    """The date as the byline shows it: "Aug 5, 2026" / "5. Aug. 2026" (German: inferred)."""
    d = datetime.fromisoformat(iso)
    if lang == "de":
        return f"{d.day}. {_DE_MONTHS[d.month - 1]} {d.year}"
    return f"{d:%b} {d.day}, {d.year}"


def head(ed: Edition, *, title: str, description: str, canonical: str, og_type: str,
         graph: list[dict], image: str | None = None, article_meta: str = "",
         shortlink: str | None = None, style: str = "current") -> str:
    """<head> as WordPress + Yoast SEO print it (Yoast block order, schema graph last)."""
    site = "THE DECODER"
    og_image = (f'<meta property="og:image" content="{esc(image)}">\n'
                '<meta property="og:image:width" content="1200">\n'
                '<meta property="og:image:height" content="675">\n') if image else ""
    links = f'<link rel="shortlink" href="{esc(shortlink)}">\n' if shortlink else ""
    asset = ("/wp-content/themes/decoder/style.css?ver=2.4.9" if style == "classic"
             else "/wp-content/themes/decoder/dist/app.css?ver=3.2.1")
    schema = json.dumps({"@context": "https://schema.org", "@graph": graph},
                        ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"""<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | The Decoder</title><!-- inferred title suffix -->
<meta name="description" content="{esc(description)}">
<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1">
<link rel="canonical" href="{esc(canonical)}">
<meta property="og:locale" content="{ed.locale}">
<meta property="og:type" content="{og_type}">
<meta property="og:title" content="{esc(title)}">
<meta property="og:description" content="{esc(description)}">
<meta property="og:url" content="{esc(canonical)}">
<meta property="og:site_name" content="{site}">
{article_meta}{og_image}<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:site" content="@the_decoder_en">
<script type="application/ld+json" class="yoast-schema-graph">{schema}</script>
<link rel="alternate" type="application/rss+xml" title="{site} &raquo; Feed" href="{ed.url('/feed/')}">
<link rel="https://api.w.org/" href="{ed.url('/wp-json/')}">
{links}<link rel="stylesheet" id="decoder-style-css" href="{ed.url(asset)}" media="all">
<style id="decoder-inline-css">{_CSS}</style>
<script>window.dataLayer=window.dataLayer||[];window.decAds={{site:"{ed.code}",slots:["DEC_D_Billboard","DEC_D_Incontent-1","DEC_D_Incontent-2","DEC_D_Sidebar-1"]}};</script>
<script async src="{ed.url('/wp-content/themes/decoder/dist/app.js?ver=3.2.1')}"></script>
</head>"""


def header_ad(lang: str, style: str) -> str:
    """The header slot: an "Ad"/"Anzeige" label over an (empty, unfilled) ad container."""
    if style == "classic":
        return (f'<div class="dec-ad dec-ad--header"><div class="dec-ad__label">{t(lang, "ad")}'
                f'</div><div id="DEC_D_Billboard" class="dec-ad__slot"></div></div>')
    return (f'<div class="flex flex-col items-center bg-neutral-50 py-2"><span class="text-[10px] '
            f'uppercase tracking-widest text-neutral-400">{t(lang, "ad")}</span>'
            f'<div id="DEC_D_Billboard" class="min-h-[250px] w-full max-w-[970px]"></div></div>')


def skip_link(style: str) -> str:
    cls = "skip-link screen-reader-text" if style == "classic" else (
        "sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50")
    return f'<a class="{cls}" href="#content">{t("en", "skip")}</a>'


def consent_dialog(lang: str) -> str:
    """The consent manager's first-layer message (inferred: Sourcepoint-style container)."""
    return f"""<!-- inferred: consent manager (CMP) message container -->
<div id="sp_message_container_1071532" class="sp-message-container" role="dialog" aria-modal="true" aria-label="{t(lang, 'privacy_manager')}">
<div class="message-component message-row"><p class="message-title">{t(lang, 'cmp_title')}</p>
<p class="message-body">{t(lang, 'cmp_body')}</p>
<button class="message-button sp_choice_type_11" title="{t(lang, 'cmp_accept')}">{t(lang, 'cmp_accept')}</button>
<button class="message-button sp_choice_type_13" title="{t(lang, 'cmp_reject')}">{t(lang, 'cmp_reject')}</button>
<button class="message-button sp_choice_type_12" title="{t(lang, 'cmp_settings')}">{t(lang, 'cmp_settings')}</button></div>
</div>"""


def site_header(ed: Edition, switch_url: str, style: str) -> str:
    """Logo, section menu, Log In, Subscribe, edition switch ("DE Switch to German")."""
    lang = ed.code
    code, label = t(lang, "switch")
    menu = "".join(f'<li class="menu-item"><a href="{ed.url(s.path)}">{esc(s.name)}</a></li>'
                   for s in ed.sections)
    logo = (f'<a href="{ed.url("/")}" rel="home" class="custom-logo-link"><img class="custom-logo" '
            f'src="{ed.url("/wp-content/themes/decoder/assets/logo.svg")}" alt="THE DECODER" '
            f'width="180" height="28"></a>')
    if style == "classic":
        return f"""<header id="masthead" class="site-header">
<div class="site-branding">{logo}</div>
<nav id="site-navigation" class="main-navigation" aria-label="Main menu"><button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">{t(lang, 'menu')}</button><ul id="primary-menu" class="menu">{menu}</ul></nav>
<div class="header-actions"><a class="header-login" href="{ed.url('/sign-in/')}">{t(lang, 'login')}</a> <a class="header-subscribe button" href="{ed.url('/subscription/')}">{t(lang, 'subscribe')}</a> <a class="language-switch" href="{esc(switch_url)}" hreflang="{ed.other}"><span class="language-switch__code">{code}</span> {label}</a></div>
</header>"""
    return f"""<header class="sticky top-0 z-40 border-b border-neutral-200 bg-white/95 backdrop-blur">
<div class="mx-auto flex max-w-7xl items-center justify-between gap-6 px-4 py-3">{logo}
<nav aria-label="Main menu" class="hidden lg:block"><ul class="flex gap-6 text-sm font-semibold">{menu}</ul></nav>
<div class="flex items-center gap-3 text-sm"><a class="font-medium hover:underline" href="{ed.url('/sign-in/')}">{t(lang, 'login')}</a><a class="rounded-full bg-neutral-900 px-4 py-2 font-semibold text-white" href="{ed.url('/subscription/')}">{t(lang, 'subscribe')}</a><a class="flex items-center gap-1 rounded border px-2 py-1" href="{esc(switch_url)}" hreflang="{ed.other}"><span class="font-bold">{code}</span><span class="sr-only md:not-sr-only">{label}</span></a><button class="lg:hidden" aria-label="{t(lang, 'menu')}"><svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true"><path d="M3 6h18M3 12h18M3 18h18" stroke="currentColor"/></svg></button></div>
</div></header>"""


def site_footer(ed: Edition, style: str) -> str:
    lang = ed.code
    items = []
    for label, path in zip(t(lang, "footer"), FOOTER_PATHS[lang]):
        items.append(f'<li><a href="{ed.url(path)}">{label}</a></li>' if path else
                     f'<li><button class="sp-privacy-manager" type="button">{label}</button></li>')
    cls = "site-footer" if style == "classic" else "mt-16 border-t bg-neutral-950 py-10 text-neutral-300"
    return f"""<footer id="colophon" class="{cls}">
<nav aria-label="Footer"><ul class="footer-menu">{''.join(items)}</ul></nav>
<p class="footer-brand">{t(lang, 'footer_brand')}</p>
<p class="footer-copyright">{t(lang, 'copyright')}</p>
</footer>"""


def page(ed: Edition, *, head_html: str, body_class: str, main: str, switch_url: str,
         style: str) -> str:
    """A whole HTML document: ad label, skip link, CMP, header, main content, footer."""
    return f"""<!DOCTYPE html>
<html lang="{ed.html_lang}" prefix="og: https://ogp.me/ns#">
{head_html}
<body class="{body_class}">
{header_ad(ed.code, style)}
{skip_link(style)}
{consent_dialog(ed.code)}
<div id="page" class="site">
{site_header(ed, switch_url, style)}
{main}
{site_footer(ed, style)}
</div>
<script id="decoder-app-js-extra">var decoderConfig={{"ajaxUrl":"{ed.url('/wp-admin/admin-ajax.php')}","lang":"{ed.code}"}};</script>
</body>
</html>
"""
