"""`archive wacz`: package an archive as one WACZ file that ReplayWeb.page opens."""

from __future__ import annotations

from pathlib import Path

import click

from archiver.library.clisupport import open_library, user_errors, warn

EXAMPLES = """
\b
Examples:
  archive wacz archives/ -o decoder.wacz
  archive wacz archives/2024-*/ -o spring.wacz --title "The Decoder, spring 2024"
\b
Open the file in https://replayweb.page (or its desktop app): the page list is the list of
archived articles, each opening the page as it was served. Needs py-wacz:
pip install -e '.[wacz]' in the archiver checkout
"""


@click.command(epilog=EXAMPLES, short_help="Package an archive as WACZ for ReplayWeb.page.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The WACZ file to write (name ending in .wacz).")
@click.option("--title", help="Title of the collection (default: Archive of N articles).")
@click.option("--desc", "description", help="Description of the collection.")
def wacz(paths: tuple[str, ...], output: Path, title: str | None,
         description: str | None) -> None:
    """Package WARC files (files or directories, searched recursively) as a WACZ 1.1.1 file:
    the WARC files, a CDX index, pages/pages.jsonl listing every archived article (URL,
    capture time, title) and datapackage.json with a sha256 hash per file.

    Files still being written (*.warc.gz.open) are left out, with a warning.
    """
    if output.suffix.lower() != ".wacz":
        raise click.BadParameter(f"{output}: name it *.wacz (replay tools go by the extension)",
                                 param_hint="-o")
    from archiver.library.wacz import write_wacz
    with user_errors():
        library = open_library(paths)
        result = write_wacz(library, output, title, description)
    for path in result.skipped_open:
        warn(f"{path}: still being written (.open), left out")
    if result.unmatched:
        warn(f"{result.unmatched} articles have no raw capture in the index, not in the page list")
    size = output.stat().st_size
    files = f"{len(result.warcs)} WARC file" + "s" * (len(result.warcs) != 1)
    click.echo(f"{output}: {files}, {result.pages} pages, "
               f"{size / 1024:.1f} KiB", err=True)
