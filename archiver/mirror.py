"""Deprecated alias: the bundled offline mirror of The Decoder is the package `decoder_mirror`
now (it left the runtime package). ``python -m archiver.mirror ...`` still serves it, with a
note; use ``python -m decoder_mirror ...``."""

from __future__ import annotations

import sys

if __name__ == "__main__":
    from decoder_mirror.__main__ import main

    print("note: `python -m archiver.mirror` is now `python -m decoder_mirror`", file=sys.stderr)
    main()
