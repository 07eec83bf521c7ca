"""An offline mirror of The Decoder (both editions) for `archive demo` and the test suite.

    from archiver.mirror import serve_mirror
    with serve_mirror() as mirror:          # both editions on 127.0.0.1, free ports
        mirror.en_url, mirror.de_url        # e.g. http://127.0.0.1:41234
        mirror.en.requested_paths()         # what a crawl asked for

What a correct extraction of each article must give: `archiver.mirror.expected`.
"""

from .server import LoggedRequest, Mirror, MirrorNotStarted, MirrorServer, serve_mirror

__all__ = ["LoggedRequest", "Mirror", "MirrorNotStarted", "MirrorServer", "serve_mirror"]
