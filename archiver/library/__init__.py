"""Reading an archive back: find WARC files, index them, look articles up, render them.

Everything here reads; nothing writes WARC files (``reprocess`` hands its output to the WARC
writer). The index beside the WARC files is a cache: deleting it loses nothing.
"""
