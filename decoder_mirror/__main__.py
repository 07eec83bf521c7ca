"""`python -m decoder_mirror [--host H] [--en-port N] [--de-port N]`: serve both editions
(and the outside hosts their articles name for images) until Ctrl-C, for trying the spider or a browser against the mirror by hand."""

from __future__ import annotations

import argparse
import signal
import threading

from .server import serve_mirror


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m decoder_mirror", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--en-port", type=int, default=0)
    parser.add_argument("--de-port", type=int, default=0)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, signal.default_int_handler)   # stop cleanly on kill, too
    with serve_mirror(args.host, args.en_port, args.de_port) as mirror:
        print(f"en {mirror.en_url}/\nde {mirror.de_url}/\nimages elsewhere (CDN, counting pixel) "
              f"{mirror.third_party.url}/", flush=True)
        print("crawl: scrapy crawl decoder "
              f"-a en_url={mirror.en_url} -a de_url={mirror.de_url}   (Ctrl-C stops)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
