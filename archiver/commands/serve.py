"""`archive serve`: read an archive in the browser, on this machine only."""

from __future__ import annotations

import click

from archiver.library.clisupport import open_library, user_errors

EXAMPLES = """
\b
Examples:
  archive serve archives/                   then open http://127.0.0.1:8099/
  archive serve archives/ --port 0          any free port (printed on start)
"""


@click.command(epilog=EXAMPLES, short_help="Read the archive in a browser (local web UI).")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--port", type=click.IntRange(0, 65535), default=8099, show_default=True,
              help="TCP port (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep it local: the reader has no authentication.")
def serve(paths: tuple[str, ...], port: int, host: str) -> None:
    """Serve a reader web UI for the archive: a searchable, filterable list of articles and
    readable article pages (sanitized HTML only, no scripts), plus each raw capture as text."""
    from archiver.library.reader_server import is_loopback, make_reader_server
    from archiver.library.web import ReaderApp

    with user_errors():
        library = open_library(paths)
        if not is_loopback(host):
            click.echo(f"warning: {host} is not a loopback address: anyone who can reach it can "
                       "read this archive (the reader has no authentication)", err=True)
        try:
            server = make_reader_server(host, port, ReaderApp(library))
        except OSError as exc:
            raise click.ClickException(f"cannot listen on {host}:{port}: "
                                       f"{exc.strerror or exc}") from None
        click.echo(f"Serving {len(library.files)} WARC file{'s' * (len(library.files) != 1)} on "
                   f"http://{host}:{server.server_port}/ (Ctrl-C to stop)", err=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
