"""Output safety: nothing half-written is ever left behind.

Single files are written to a temporary name in the same directory and renamed
over the target (``os.replace`` is atomic on one file system).  A whole run
writes into a staging directory beside the output directory; only when every
module has finished are the files moved into place, so a failed run leaves the
output directory as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file and an atomic rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`atomic_write_bytes`)."""
    return atomic_write_bytes(path, text.encode("utf-8"))


class StagedOutput:
    """Collect a run's files in a staging directory and publish them only on success.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> with StagedOutput(out) as stage:
    ...     _ = (stage.path / "a.txt").write_text("ok")
    >>> sorted(p.name for p in out.iterdir())
    ['a.txt']
    """

    def __init__(self, out_dir: str | os.PathLike):
        self.out_dir = Path(out_dir)
        self.path: Path = Path()
        self.published: list[Path] = []

    def __enter__(self) -> StagedOutput:
        parent = self.out_dir.resolve().parent
        parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.staging.", dir=parent))
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            if exc_type is None:
                self._publish()
        finally:
            shutil.rmtree(self.path, ignore_errors=True)
        return False

    def _publish(self) -> None:
        files = sorted(p for p in self.path.rglob("*") if p.is_file())
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for src in files:
            dest = self.out_dir / src.relative_to(self.path)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dest)
            self.published.append(dest)
