"""What a batch (`sedp render` or `sedp validate` over many files) shows: a progress bar naming the files being
worked on, with a time remaining measured from the start, and at the end every program that failed and why.

Rich draws the bar only on a terminal; piped output (a log, `| grep`) gets plain lines, none wrapped or cut, so
each `file:line:col` line stays whole for the tools that read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sedp_core.i18n import pick_language, translation

__all__ = ["BatchProgress", "BatchSummary", "invalid_reason", "real_time_remaining", "stderr_console"]


def stderr_console() -> Any:
    """The console of progress and messages: on stderr; a message is one line, never wrapped at the width."""
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True, highlight=False)


def real_time_remaining() -> Any:
    """A rich progress column: the time left, measured from the start of the batch (rich is imported here, so
    that a command without a batch does not load it)."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RealTimeRemaining(ProgressColumn):
        """Time left = time so far / programs done × programs left, from the moment the batch started.

        Rich's own estimate uses the speed between the first and last finished program of the last 30 s: when
        the workers finish together it is a fraction of a second, and the bar says 0:00:00 for a long batch."""

        max_refresh = 0.5

        def render(self, task: Any) -> Text:
            if task.finished:
                return Text("0:00:00", style="progress.remaining")
            if not task.completed or not task.total or task.start_time is None:
                return Text("-:--:--", style="progress.remaining")
            left = task.elapsed / task.completed * (task.total - task.completed)
            minutes, seconds = divmod(int(left + 0.5), 60)
            hours, minutes = divmod(minutes, 60)
            return Text(f"{hours}:{minutes:02d}:{seconds:02d}", style="progress.remaining")

    return RealTimeRemaining()


class BatchProgress:
    """The bar of a batch: `done(path)` as each file finishes; the description names the files in progress (the
    first `workers` not yet finished, in the order they were handed out), never the one that just finished."""

    def __init__(self, files: Iterable[Path | str], workers: int, verb: str, console: Any = None,
                 get_time: Any = None) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.console = console or stderr_console()
        self.pending = [str(f) for f in files]
        self.workers, self.verb = max(1, workers), verb
        kwargs = {"get_time": get_time} if get_time is not None else {}
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 real_time_remaining(), transient=True, console=self.console,
                                 disable=not self.console.is_terminal, **kwargs)
        self.task = self.progress.add_task(self.description, total=len(self.pending))

    @property
    def description(self) -> str:
        names = [Path(p).name for p in self.pending[:self.workers]]
        return f"{self.verb} {', '.join(names)}" if names else self.verb

    def __enter__(self) -> BatchProgress:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.progress.__exit__(*exc)

    def print(self, line: str, style: str | None = None) -> None:
        self.progress.console.print(line, style=style, markup=False, highlight=False, soft_wrap=True)

    def done(self, path: Path | str) -> None:
        if str(path) in self.pending:
            self.pending.remove(str(path))
        self.progress.update(self.task, advance=1, description=self.description)

    def phase(self, verb: str, total: int | None = None) -> None:
        """A next phase of the batch (making PDFs): a bar of its own, with its own time remaining."""
        self.progress.update(self.task, visible=False)
        self.verb, self.pending = verb, []
        self.task = self.progress.add_task(verb, total=total)


@dataclass
class BatchSummary:
    """Every program of a batch that failed, and why: printed once at the end, after the many lines before."""

    total: int
    failed: list[tuple[str, list[str]]] = field(default_factory=list)

    def add(self, source: str, reasons: list[str]) -> None:
        # The line already starts with the file: its name again inside the reason is only noise.
        self.failed.append((source, [r.replace(f"{source}: ", "").replace(f"{source}:", "")
                                     for r in reasons] or ["failed"]))

    def lines(self, files: bool = False, language: str | None = None) -> list[str]:
        """The summary in `language` (else the environment's, see `i18n.pick_language`); `files` for
        `sedp validate`, which checks files rather than renders programs."""
        if not self.failed:
            return []
        t = translation(pick_language(language))
        heading = (t.ngettext("{failed} of {n} file failed:", "{failed} of {n} files failed:", self.total)
                   if files else
                   t.ngettext("{failed} of {n} program failed:", "{failed} of {n} programs failed:", self.total))
        out = [heading.format(failed=len(self.failed), n=self.total)]
        for source, reasons in sorted(self.failed):
            out += [f"  {source}: {reasons[0]}", *(f"  {' ' * len(source)}  {r}" for r in reasons[1:])]
        return out


def invalid_reason(report: Any, language: str | None = None) -> str:
    """Why a program is not valid, in one line: how many errors, and the first of them (its message in the
    report's language where it has one)."""
    language = pick_language(language, [report.language] if report.language else [])
    t = translation(language)
    errors = report.errors
    if not errors:
        return t.gettext("not valid")
    first = errors[0]
    shown = (f"{first.location or report.source}: [{first.code}] {first.path or '/'}: "
             f"{first.message(language)}")
    wording = t.ngettext("not valid, {n} error: {first}", "not valid, {n} errors; the first: {first}", len(errors))
    return wording.format(n=len(errors), first=shown)
