"""Where the report may be written, and writing it without losing anything that is not a report.

The report (``report.html`` with its figures, tables and PDF) goes into one folder. In a
folder that holds an earlier report (an HTML file carrying the report's generator mark) the
earlier report's files are replaced; in any other folder the report is written beside what is
there only if none of its files would replace an existing one. A file at ``--out`` that is not
an earlier report, a symbolic link, or a path through a file is never used. (``--force``
changes none of this: nothing but an earlier report is ever replaced.) Everything is first written into a hidden temporary folder beside it: a full disk
or an error leaves the folder as it was; then the files are moved into place, the HTML last.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from simulator.folders import check_name, temporary
from simulator.scenario.errors import ScenarioError

#: How the page says it is a report of this tool (``<meta name="generator" ...>``).
MARK = 'content="{generator}"'


def is_report(path: Path, generator: str) -> bool:
    """True for a regular HTML file that carries the report's generator mark."""
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        return MARK.format(generator=generator) in handle.read(4000)


def check_out(out: Path, generator: str) -> bool:
    """Refuse an ``--out`` the report may not write; True if its folder holds other files.

    Raises:
        ScenarioError: A bad name, a link, a file that is not an earlier report, or a path
            through a file.
    """
    out = check_name(out)
    if out.is_symlink():
        raise ScenarioError(str(out), "--out", "is a symbolic link; give the file itself")
    if out.exists() and not is_report(out, generator):
        raise ScenarioError(
            str(out), "--out", "exists and is not a report this command wrote; nothing is replaced"
        )
    folder = out.parent
    for above in (folder, *folder.parents):
        if above.exists():
            if not above.is_dir():
                raise ScenarioError(str(out), "--out", f"{above} is a file, not a folder")
            break
    if not folder.is_dir() or _holds_report(folder, generator):
        return False
    return any(not temporary(p.name) for p in folder.iterdir())


@contextmanager
def staged(out: Path, foreign: bool) -> Iterator[Path]:
    """A temporary folder to write the report into; its files are moved beside ``out`` at the end.

    In a folder that holds other files (``foreign``) no existing file is replaced: the move is
    refused before any file is moved. On any error the temporary folder (and a folder this
    call created) is removed.
    """
    folder = out.parent
    created = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".report-tmp-", dir=folder))
    except OSError as exc:
        raise ScenarioError(str(out), "--out", f"cannot write here: {exc.strerror}") from None
    try:
        yield tmp
        _move_all(tmp, folder, out.name, foreign)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        for path in created:  # innermost first: only folders this call made, if still empty
            try:
                path.rmdir()
            except OSError:
                break
        raise
    shutil.rmtree(tmp, ignore_errors=True)


def _move_all(tmp: Path, folder: Path, page: str, foreign: bool) -> None:
    """Move every staged file into ``folder``, the page last, after checking every target."""
    names = sorted(p.name for p in tmp.iterdir() if p.name != page) + [page]
    for name in names:
        target = folder / name
        if target.is_symlink() or target.is_dir():
            raise ScenarioError(str(target), "--out", "is a folder or a link; nothing was written")
        if foreign and target.exists():
            raise ScenarioError(
                str(target),
                "--out",
                "exists and is not part of a report; nothing was written (choose another folder)",
            )
    for name in names:  # the page last: a crash leaves the earlier page, never a broken one
        os.replace(tmp / name, folder / name)


def _holds_report(folder: Path, generator: str) -> bool:
    return any(is_report(p, generator) for p in folder.glob("*.htm*"))
