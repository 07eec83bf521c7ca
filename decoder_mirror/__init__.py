"""An offline mirror of The Decoder (both editions) for `archive demo` and the test suite.

    from decoder_mirror import serve_mirror
    with serve_mirror() as mirror:          # both editions on 127.0.0.1, free ports
        mirror.en_url, mirror.de_url        # e.g. http://127.0.0.1:41234
        mirror.en.requested_paths()         # what a crawl asked for

A package of its own beside `archiver` (it imports nothing from it): demo data for one command,
not part of the crawler. What a correct extraction of each article must give is the tests'
business (tests/support/mirror_expected.py).
"""

from .server import LoggedRequest, Mirror, MirrorNotStarted, MirrorServer, serve_mirror

__all__ = ["LoggedRequest", "Mirror", "MirrorNotStarted", "MirrorServer", "serve_mirror"]
