"""The pictures the mirror serves: uploads on each edition's host, and the two outside hosts
an article names for images (an image CDN and a counting pixel).

Figure variants (the optional fifth item of a ("figure", ...) block; see model.py):
- "srcset" (WordPress's responsive images, ``wp_image_srcset``: seen on WordPress sites; on this
  site inferred): ``src`` is the 1024 px "large" rendition, ``srcset`` lists the 300, 768 and
  1024 px renditions and the 1600 px original, all on the site's own host;
- "webp" (inferred: a WebP plugin's markup, as WebP Express or ShortPixel print it): a
  ``<picture>`` whose ``<source type="image/webp">`` comes before the PNG ``<img>``;
- "cdn" (inferred: Jetpack's image CDN, ``i0.wp.com/<host>/<path>?resize=…``): the upload served
  from another host.
The German edition's counting pixel is VG Wort's ("Zählmarke", a 1x1 image on
``vgNN.met.vgwort.de`` inside the article text, as German publishers' WordPress plugins insert
it): inferred for this site.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .imagefiles import TYPES
from .model import Block, Edition

CDN_BASE = "https://i0.wp.com"
PIXEL_BASE = "https://vg08.met.vgwort.de"
THIRD_PARTY_BASES = (CDN_BASE, PIXEL_BASE)
FIGURE_SIZE = (1024, 576)
ORIGINAL_SIZE = (1600, 900)
RENDITIONS = ((300, 169), (768, 432), (1024, 576))

# A picture to serve: (content type, width, height).
Upload = tuple[str, int, int]


def rendition(path: str, width: int, height: int) -> str:
    """WordPress's name for a resized copy: ``name-300x169.png``."""
    stem, dot, ext = path.rpartition(".")
    return f"{stem}-{width}x{height}.{ext}"


def webp_twin(path: str) -> str:
    return path.rpartition(".")[0] + ".webp"


def cdn_url(ed: Edition, path: str) -> str:
    w, h = FIGURE_SIZE
    return f"{CDN_BASE}/{urlsplit(ed.base).hostname}{path}?resize={w}%2C{h}&ssl=1"


def variant(block: Block) -> str | None:
    return block[4] if len(block) > 4 else None


def _typed(path: str, width: int, height: int) -> Upload:
    return TYPES["." + path.rpartition(".")[2].lower()], width, height


def figure_files(block: Block) -> dict[str, Upload]:
    """Every picture a figure's markup names on the edition's own host."""
    path, kind = block[1], variant(block)
    if kind == "srcset":
        files = {rendition(path, w, h): _typed(path, w, h) for w, h in RENDITIONS}
        return {**files, path: _typed(path, *ORIGINAL_SIZE)}
    if kind == "webp":
        return {path: _typed(path, *FIGURE_SIZE), webp_twin(path): _typed(webp_twin(path), *FIGURE_SIZE)}
    if kind == "cdn":
        return {}
    return {path: _typed(path, *FIGURE_SIZE)}


def best_figure_url(ed: Edition, block: Block) -> str:
    """The one URL a correct crawl archives for a figure (real base)."""
    path, kind = block[1], variant(block)
    if kind == "webp":
        return ed.url(webp_twin(path))
    if kind == "cdn":
        return cdn_url(ed, path)
    return ed.url(path)


def figure_decoys(ed: Edition, block: Block) -> tuple[str, ...]:
    """URLs a figure's markup names that a crawl must not fetch (the other renditions)."""
    path, kind = block[1], variant(block)
    if kind == "srcset":
        return tuple(ed.url(rendition(path, w, h)) for w, h in RENDITIONS)
    if kind == "webp":
        return (ed.url(path),)
    return ()


def edition_uploads(ed: Edition) -> dict[str, Upload]:
    """Avatars, logo, lead images and figures of one edition, by path."""
    files: dict[str, Upload] = {"/wp-content/uploads/2023/01/the-decoder-logo.png":
                                ("image/png", 360, 56)}
    for author in ed.authors:
        files[author.avatar] = _typed(author.avatar, 96, 96)
    for post in ed.posts:
        files[post.image.path] = _typed(post.image.path, post.image.width, post.image.height)
        for block in post.blocks:
            if block[0] == "figure":
                files.update(figure_files(block))
    return files


def third_party_uploads(editions: tuple[Edition, ...]) -> dict[str, tuple[str, int, int] | str]:
    """Path on the outside host -> picture (or "pixel"), for every CDN figure and pixel."""
    files: dict[str, tuple[str, int, int] | str] = {}
    for ed in editions:
        for post in ed.posts:
            for block in post.blocks:
                if block[0] == "figure" and variant(block) == "cdn":
                    files[urlsplit(cdn_url(ed, block[1])).path] = _typed(block[1], *FIGURE_SIZE)
                elif block[0] == "pixel":
                    files[urlsplit(block[1]).path] = "pixel"
    return files
