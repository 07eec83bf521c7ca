"""`archive reprocess`: extract articles again from any WARC files into a new clean archive."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from archiver.library.clisupport import user_errors, warn
from archiver.library.reprocess import Job, jobs_from, run_jobs
from archiver.library.scan import find_warcs

EXAMPLES = """
\b
Examples:
  archive reprocess old/ -o clean/                    our own archive, with today's extractor
  archive reprocess site.warc.gz -o clean/ --jobs 4   from wget --warc-file or Browsertrix
  archive reprocess CC-MAIN-*.warc.gz -o cc/ --site decoder
"""


class Writer:
    """Writes each extracted article as the crawl would: WARC records + a JSON line."""

    def __init__(self, outdir: Path, prefix: str, images: Any = None) -> None:
        from archiver.warc.archive import WarcArchive, prefix_problem
        problem = prefix_problem(prefix)
        if problem:
            raise click.ClickException(problem.replace("WARC_PREFIX", "--prefix"))
        self.archive = WarcArchive(outdir, prefix=prefix, repair=False)
        self.images = images          # archiver.images.carry.ImageCarrier: inputs' image records
        self.written = self.carried = 0
        self.skipped: Counter[str] = Counter()

    def __call__(self, job: Job, outcome: str, value: Any) -> None:
        if outcome != "article":
            self.skipped[value] += 1
            return
        images = self.images.images_for(value) if self.images else None
        if images is not None:
            self.images.ledger.mark_revisits(images.captures)
        record = self.archive.write_article(value, job.exchange, site=job.record_site,
                                            fetched_at=_iso(job), http_status=job.status,
                                            images=images)
        if images is not None:
            self.images.ledger.remember(images.captures, record["warc"]["file"])
        self.written += 1
        self.carried += len(images.captures) if images is not None else 0


def _iso(job: Job) -> str:
    return job.fetched_at.isoformat().replace("+00:00", "Z")


@click.command(epilog=EXAMPLES, short_help="Extract articles again from any WARC files into a clean archive.")
@click.argument("inputs", nargs=-1, required=True, metavar="IN...")
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False),
              help="Directory for the new WARC + JSON Lines files (created if missing).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for extraction, at most one per CPU (reading and writing "
                   "stay in one process).")
@click.option("--site", help="Site profile to extract with (default: the site recorded with "
                             "each capture, else the profile of its host, else none).")
@click.option("--prefix", default="REPROCESSED", show_default=True, help="WARC file name prefix.")
def reprocess(inputs: tuple[str, ...], outdir: str, jobs: int, site: str | None,
              prefix: str) -> None:
    """Run the article extraction over the HTML responses of any WARC files (ours, wget
    --warc-file, Browsertrix, Common Crawl) and write a clean archive: response, request,
    conversion and metadata records per article, plus a JSON Lines file, as a crawl does.
    The image records the inputs hold for an article (our crawl's, wget's) go with it.

    Progress goes to stderr; at the end, a count of what was written and of what was
    skipped, by reason (not HTML, HTTP status, not an article: REASON, error: TYPE).
    """
    _check_site(site)
    jobs = _cap_jobs(jobs)
    with user_errors():
        from archiver.images.carry import ImageCarrier
        files = find_warcs(inputs, warn)
        _refuse_output_inside_input(Path(outdir), inputs)
        total = sum(f.stat().st_size for f in files)
        writer = Writer(Path(outdir), prefix, ImageCarrier(files, warn))
        try:
            with click.progressbar(length=total, label="reprocessing", file=sys.stderr,
                                   show_pos=False, width=30) as bar:
                # one stream of jobs over every file: one worker pool for the whole run
                run_jobs(_all_jobs(files, site, writer.skipped, bar), jobs, writer)
        finally:
            writer.archive.close()
    click.echo(f"{writer.written} articles written to {outdir}", err=True)
    if writer.carried:
        click.echo(f"  with {writer.carried} image records carried over from the inputs", err=True)
    for reason, count in sorted(writer.skipped.items(), key=lambda kv: (-kv[1], kv[0])):
        click.echo(f"  skipped {count:>6}  {reason}", err=True)


def _all_jobs(files: list[Path], site: str | None, skipped: Counter[str],
              bar: Any) -> Iterator[Job]:
    for path in files:
        yield from jobs_from(path, site, skipped, warn)
        bar.update(path.stat().st_size)


def cpu_count() -> int:
    """CPUs this process may run on (a container or taskset may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


def _cap_jobs(jobs: int) -> int:
    cpus = cpu_count()
    if jobs > cpus:
        click.echo(f"note: --jobs {jobs} is more than the {cpus} CPU{'s' * (cpus != 1)} here; "
                   f"using {cpus}", err=True)
        return cpus
    return jobs


def _refuse_output_inside_input(outdir: Path, inputs: tuple[str, ...]) -> None:
    """Inputs are searched recursively: an output directory inside an input one would be read
    back as input (the new files while they are written, and again on the next run)."""
    out = outdir.resolve()
    for raw in inputs:
        source = Path(raw).resolve()
        if source.is_dir() and (out == source or source in out.parents):
            raise click.ClickException(
                f"-o {outdir} is inside the input {raw}, which is read recursively: the output "
                "would be read back as input; choose a directory outside it")


def _check_site(site: str | None) -> None:
    if site is None:
        return
    from archiver.sites import SITES
    if site not in SITES:
        raise click.BadParameter(f"unknown site {site!r}; known: {', '.join(sorted(SITES))}",
                                 param_hint="--site")
