"""Yoast SEO's JSON-LD `@graph` and Open Graph article tags for the mirror's pages."""

from __future__ import annotations

import hashlib

from .model import Edition, Post, StaticPage, esc, plain


def _person_id(ed: Edition, slug: str) -> str:
    return f"{ed.base}/#/schema/person/{hashlib.md5(slug.encode()).hexdigest()}"


def _site_nodes(ed: Edition) -> list[dict]:
    logo = ed.url("/wp-content/uploads/2023/01/the-decoder-logo.png")
    return [
        {"@type": "WebSite", "@id": f"{ed.base}/#website", "url": f"{ed.base}/",
         "name": "THE DECODER", "description": ed.tagline,
         "publisher": {"@id": f"{ed.base}/#organization"}, "inLanguage": ed.html_lang,
         "potentialAction": [{"@type": "SearchAction",
                              "target": {"@type": "EntryPoint",
                                         "urlTemplate": f"{ed.base}/?s={{search_term_string}}"},
                              "query-input": "required name=search_term_string"}]},
        {"@type": "Organization", "@id": f"{ed.base}/#organization", "name": "THE DECODER",
         "url": f"{ed.base}/",
         "logo": {"@type": "ImageObject", "@id": f"{ed.base}/#/schema/logo/image/", "url": logo,
                  "contentUrl": logo, "width": 512, "height": 512, "caption": "THE DECODER"},
         "sameAs": ["https://www.linkedin.com/company/the-decoder/"]},
    ]


def word_count(post: Post) -> int:
    return sum(len(plain(str(b[1])).split()) for b in post.blocks if b[0] in ("lead", "p"))


def article_graph(ed: Edition, post: Post) -> list[dict]:
    url = ed.url(post.path)
    section = ed.section(post.section).name
    img = ed.url(post.image.path)
    caption = " ".join(filter(None, (post.image.caption, post.image.credit)))
    article = {
        "@type": ["Article", "NewsArticle"], "@id": f"{url}#article", "isPartOf": {"@id": url},
        "author": [{"name": ed.author(a).name, "@id": _person_id(ed, a)} for a in post.authors],
        "headline": post.title, "datePublished": post.published, "dateModified": post.modified,
        "mainEntityOfPage": {"@id": url}, "wordCount": word_count(post),
        "commentCount": len(post.comments), "publisher": {"@id": f"{ed.base}/#organization"},
        "image": {"@id": f"{url}#primaryimage"}, "thumbnailUrl": img,
        "keywords": list(post.tags), "articleSection": [section], "inLanguage": ed.html_lang,
        "isAccessibleForFree": not post.plus,
    }
    if post.plus:
        article["hasPart"] = {"@type": "WebPageElement", "isAccessibleForFree": False,
                              "cssSelector": ".plus-content"}
    people = [{"@type": "Person", "@id": _person_id(ed, a.slug), "name": a.name,
               "image": {"@type": "ImageObject", "url": ed.url(a.avatar)}, "sameAs": [a.linkedin],
               "url": ed.url(a.path)} for a in map(ed.author, post.authors)]
    home = "Home" if ed.code == "en" else "Startseite"
    return [
        article,
        {"@type": "WebPage", "@id": url, "url": url, "name": f"{post.title} | The Decoder",
         "isPartOf": {"@id": f"{ed.base}/#website"},
         "primaryImageOfPage": {"@id": f"{url}#primaryimage"}, "thumbnailUrl": img,
         "datePublished": post.published, "dateModified": post.modified,
         "description": post.description, "breadcrumb": {"@id": f"{url}#breadcrumb"},
         "inLanguage": ed.html_lang,
         "potentialAction": [{"@type": "ReadAction", "target": [url]}]},
        {"@type": "ImageObject", "inLanguage": ed.html_lang, "@id": f"{url}#primaryimage",
         "url": img, "contentUrl": img, "width": post.image.width, "height": post.image.height,
         "caption": caption},
        {"@type": "BreadcrumbList", "@id": f"{url}#breadcrumb", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": home, "item": f"{ed.base}/"},
            {"@type": "ListItem", "position": 2, "name": section,
             "item": ed.url(ed.section(post.section).path)},
            {"@type": "ListItem", "position": 3, "name": post.title}]},
        *_site_nodes(ed), *people,
    ]


def collection_graph(ed: Edition, url: str, name: str, kind: str = "CollectionPage") -> list[dict]:
    """Hubs, tag, author and home pages (CollectionPage / ProfilePage), static pages (WebPage)."""
    return [{"@type": kind, "@id": url, "url": url, "name": f"{name} | The Decoder",
             "isPartOf": {"@id": f"{ed.base}/#website"}, "inLanguage": ed.html_lang},
            *_site_nodes(ed)]


def static_graph(ed: Edition, page: StaticPage) -> list[dict]:
    g = collection_graph(ed, ed.url(page.path), page.title, "WebPage")
    g[0]["dateModified"] = page.modified
    return g


def article_meta(ed: Edition, post: Post) -> str:
    """article:* Open Graph tags, Yoast's author/reading-time twitter labels."""
    tags = "".join(f'<meta property="article:tag" content="{esc(x)}">\n' for x in post.tags)
    names = ", ".join(ed.author(a).name for a in post.authors)
    minutes = max(1, round(word_count(post) / 200))
    return (f'<meta property="article:publisher" content="https://www.facebook.com/thedecoder">\n'
            f"{tags}"
            f'<meta property="article:section" content="{esc(ed.section(post.section).name)}">\n'
            f'<meta property="article:published_time" content="{post.published}">\n'
            f'<meta property="article:modified_time" content="{post.modified}">\n'
            f'<meta name="author" content="{esc(names)}">\n'
            f'<meta name="twitter:label1" content="Written by">\n'
            f'<meta name="twitter:data1" content="{esc(names)}">\n'
            f'<meta name="twitter:label2" content="Est. reading time">\n'
            f'<meta name="twitter:data2" content="{minutes} minute{"s" if minutes > 1 else ""}">\n')
