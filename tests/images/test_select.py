"""Which pictures are an article's, which source of each, which to fetch; sizes from bytes."""

from __future__ import annotations

import pytest
from lxml.html import fragment_fromstring, tostring

from archiver.extract.article import Article
from archiver.extract.srcset import best_source, largest, parse_srcset, promote_best_sources
from archiver.images.select import article_images, choose, is_tracking_pixel
from archiver.images.size import image_size, sniff_type
from decoder_mirror.imagefiles import PIXEL_GIF, jpeg, png, webp


def test_srcset_is_split_as_browsers_split_it():
    assert parse_srcset("a.jpg 300w, b.jpg 1024w") == [("a.jpg", "300w"), ("b.jpg", "1024w")]
    assert parse_srcset("https://i0.wp.com/x.png?resize=300,169 300w,  y.png 2x") == \
        [("https://i0.wp.com/x.png?resize=300,169", "300w"), ("y.png", "2x")]
    assert parse_srcset("only.jpg") == [("only.jpg", "")]
    assert parse_srcset("a.jpg,, b.jpg 2x") == [("a.jpg", ""), ("b.jpg", "2x")]
    assert parse_srcset("  ") == []


def test_largest_candidate():
    assert largest("s.jpg 300w, l.jpg 1600w, m.jpg 768w") == "l.jpg"
    assert largest("one.jpg, two.jpg 2x, half.jpg 0.5x") == "two.jpg"


def img_in(html: str):
    root = fragment_fromstring(html, create_parent="div")
    return root, next(root.iter("img"))


def test_picture_takes_the_first_usable_source():
    root, img = img_in('<picture><source media="(max-width: 600px)" srcset="phone.webp">'
                       '<source type="image/jxl" srcset="x.jxl"><source type="image/webp" '
                       'srcset="a.webp 800w, b.webp 1600w"><img src="a.jpg"></picture>')
    assert best_source(img) == "b.webp"


def test_promote_sets_src_and_drops_srcset():
    root, _ = img_in('<p>x</p><figure><img src="m.png" srcset="s.png 300w, l.png 1600w" '
                     'sizes="100vw"></figure><img data-src="lazy.png" '
                     'data-srcset="lazy-big.png 2x" src="data:image/gif;base64,R0lGOD">')
    promote_best_sources(root, "https://news.example/a/story/")
    srcs = [i.get("src") for i in root.iter("img")]
    assert srcs == ["https://news.example/a/story/l.png",
                    "https://news.example/a/story/lazy-big.png"]
    assert b"srcset" not in tostring(root)


def test_article_images_lead_first_each_once_pixels_out():
    html = ('<p>Text</p><figure><img src="https://x.org/chart.png" width="800" height="450">'
            '<figcaption>A chart | Image: Lab</figcaption></figure>'
            '<img src="https://x.org/lead.jpg">'
            '<img src="https://x.org/count.gif" width="1" height="1">'
            '<img src="https://vg04.met.vgwort.de/na/abc">'
            '<img src="data:image/png;base64,iVBOR"><img src="ftp://x.org/a.png">')
    article = Article(url="https://x.org/s/", html=html,
                      image={"url": "https://x.org/lead.jpg", "caption": None, "credit": "AP"})
    refs, pixels = article_images(article)
    assert [r.url for r in refs] == ["https://x.org/lead.jpg", "https://x.org/chart.png"]
    assert refs[0].lead and refs[0].credit == "AP"
    assert (refs[1].caption, refs[1].credit, refs[1].width, refs[1].height) == \
        ("A chart", "Image: Lab", 800, 450)
    assert pixels == 2


@pytest.mark.parametrize("url, width, height, pixel", [
    ("https://x.org/a.png", 1, 1, True), ("https://x.org/a.png", 0, None, True),
    ("https://x.org/a.png", 600, 1, True), ("https://x.org/a.png", None, None, False),
    ("https://pixel.wp.com/g.gif", None, None, True),
    ("https://www.facebook.com/tr?id=1", None, None, True),
    ("https://cdn.x.org/a.png", 2, 2, False),
])
def test_tracking_pixels(url, width, height, pixel):
    assert is_tracking_pixel(url, width, height) is pixel


def test_choose_by_setting_and_bound():
    article = Article(url="https://x.org/s/", image={"url": "https://x.org/0.png"},
                      html="".join(f'<img src="https://x.org/{i}.png">' for i in range(1, 4)))
    refs, _ = article_images(article)
    reasons = lambda mode, n: [r for _, r in choose(refs, mode, n)]  # noqa: E731
    assert reasons("article", 20) == [None] * 4
    assert reasons("article", 2) == [None, None, "limit", "limit"]
    assert reasons("lead", 20) == [None, "setting", "setting", "setting"]
    assert reasons("none", 20) == ["setting"] * 4


@pytest.mark.parametrize("data, kind, size", [
    (png(48, 27, (10, 20, 30)), "image/png", (48, 27)),
    (jpeg(1200, 675, (200, 100, 50)), "image/jpeg", (1200, 675)),
    (webp(640, 360, (1, 2, 3)), "image/webp", (640, 360)),
    (PIXEL_GIF, "image/gif", (1, 1)),
])
def test_size_from_the_bytes(data, kind, size):
    assert sniff_type(data) == kind
    assert image_size(data) == size
    assert image_size(data[:8]) is None          # a cut header is "unknown", not an error


def test_not_an_image():
    assert sniff_type(b"<!doctype html><p>Not found</p>") is None
    assert image_size(b"<html>") is None
    assert sniff_type(b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>') == \
        "image/svg+xml"
