"""The `archive` command: one click group, one small module per subcommand (archiver/commands/).

Subcommands are imported only when run, so `archive --help` stays fast and a broken optional
dependency of one command never breaks the others.
"""

from __future__ import annotations

import importlib

import click

# name -> "module:attribute" of a click.Command; add a line here to add a command.
COMMANDS: dict[str, str] = {
    "add": "archiver.commands.add:add",
    "changes": "archiver.commands.changes:changes",
    "check": "archiver.commands.check:check",
    "demo": "archiver.commands.demo:demo",
    "diff": "archiver.commands.diff:diff",
    "export": "archiver.commands.export:export",
    "replay": "archiver.commands.replay:replay",
    "serve": "archiver.commands.serve:serve",
    "sites": "archiver.commands.sites:sites",
    "reprocess": "archiver.commands.reprocess:reprocess",
    "stats": "archiver.commands.stats:stats",
    "wacz": "archiver.commands.wacz:wacz",
}


class LazyGroup(click.Group):
    """A click group that imports each subcommand's module on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="archiver")
def main() -> None:
    """Archive news articles clean, and get them back.

    \b
    Examples:
      archive demo                       crawl the bundled offline mirror, print a summary
      archive add URL...                 archive the articles at these URLs (real crawler)
      archive replay archives/           list archived articles (--lang, --site, --search …)
      archive replay archives/ URL       read one article (--format text|html|markdown|json|raw)
      archive replay archives/ --jsonl   every record as JSON Lines, rebuilt from the WARC files
      archive serve archives/            read the archive in a browser on 127.0.0.1
      archive check archives/            validate WARC files and their JSON records
      archive reprocess in.warc.gz -o out/   extract again from any WARC file
      archive export archives/ -o news.parquet   one typed row per capture (also csv, jsonl)
      archive changes archives/          articles whose text or title changed between captures
      archive diff archives/ URL         what changed between an article's last two versions

    Crawling is Scrapy's: `scrapy crawl decoder` or `scrapy crawl news -a url=…`.
    """


if __name__ == "__main__":
    main()
