"""Output safety: nothing half-written is ever left behind.

Single files are written to a temporary name in the same directory and renamed
over the target (``os.replace`` is atomic on one file system); the new file gets
the mode of the file it replaces (or the user's umask for a new file) and a
symlink is written through to its target.

A whole run (:class:`StagedOutput`) builds the complete output tree in a staging
directory beside ``--out`` and swaps it in with one atomic exchange of the two
directories (``renameat2(RENAME_EXCHANGE)`` on Linux; elsewhere two renames, the
old tree kept aside until the new one is in place and restored by the next run
after a crash), so ``--out`` holds the old or the new outputs, never a mix and
no stale files.  A lock file beside ``--out`` (``fcntl.flock``) keeps two runs
apart; leftover staging directories of killed runs are removed by the next run.
``--out`` must be empty, missing, or a previous pse output (it holds the marker
file :data:`MARKER`); ``/`` and the home folder are refused.

Several files edited together (:func:`commit_files`) go through a journal beside
the study: every new file is written beside its target first, then the journal
is committed (atomic rename), then the files are renamed in.  A crash before the
journal commit leaves the study as it was; after it, :func:`recover_files`
(called by every study load) finishes the renames.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Literal

MARKER = ".pse-output"
MARKER_TEXT = "pse-output/1\nThis folder is written by `pse run`; it is replaced as a whole by the next run.\n"


def _problem(path, message: str):
    from pse.model.errors import Problem, StudyError

    return StudyError([Problem(str(path), None, "", message)])


def write_error(exc: OSError, fallback) -> Exception:
    """A one-line :class:`~pse.model.errors.StudyError` for a failed write (full disk, read-only folder)."""
    where = exc.filename or fallback
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    if exc.errno == errno.ENOSPC:
        reason += " (the disk is full)"
    return _problem(where, f"cannot write: {reason}; nothing was published")


def umask() -> int:
    """The process's umask (read without changing it for longer than one call)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _target(path: Path) -> Path:
    """The file a write to ``path`` must change: a symlink is followed to its target."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def write_beside(path: Path, data: bytes, suffix: str = ".tmp") -> Path:
    """Write ``data`` to a new file beside ``path``, with ``path``'s mode (or umask), synced to disk."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    try:
        try:
            mode = os.stat(path).st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~umask()
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file and an atomic rename (mode and symlink kept)."""
    path = _target(Path(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = write_beside(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`atomic_write_bytes`)."""
    return atomic_write_bytes(path, text.encode("utf-8"))


# --------------------------------------------------------------------------- directory swap
def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False if unsupported."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class StagedOutput:
    """Build a run's whole output tree in a staging directory; swap it in as a whole on success.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> with StagedOutput(out) as stage:
    ...     _ = (stage.path / "a.txt").write_text("ok")
    >>> sorted(p.name for p in out.iterdir())
    ['.pse-output', 'a.txt']
    """

    def __init__(self, out_dir: str | os.PathLike):
        self.out_dir = Path(out_dir)
        self.path: Path = Path()
        self.published: list[Path] = []
        self._lock: IO[str] | None = None

    # -- names beside --out ----------------------------------------------------------------------
    @property
    def _parent(self) -> Path:
        return Path(os.path.abspath(self.out_dir)).parent

    def _leftovers(self) -> list[Path]:
        name = Path(os.path.abspath(self.out_dir)).name
        return [p for p in self._parent.glob(f".{name}.staging.*")] + \
            [p for p in self._parent.glob(f".{name}.old.*")]

    # -- checks ----------------------------------------------------------------------------------
    def _refuse_unsafe(self) -> None:
        out = Path(os.path.abspath(self.out_dir))
        real = Path(os.path.realpath(out))
        home = Path(os.path.expanduser("~")).resolve()
        if real == Path(real.anchor) or real == home:
            raise _problem(self.out_dir, "refusing to write outputs into the root or home folder: "
                                         "give --out a folder of its own")
        if out.is_symlink() or (out.exists() and not out.is_dir()):
            raise _problem(self.out_dir, "--out must be a folder (not a file or a symlink)")
        if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
            raise _problem(self.out_dir, "the folder is not empty and is not a previous pse output "
                                         f"(no {MARKER} file): choose an empty or new folder")

    def _take_lock(self) -> None:
        import fcntl

        name = Path(os.path.abspath(self.out_dir)).name
        handle = open(self._parent / f".{name}.lock", "a")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise _problem(self.out_dir, "another pse run is writing to this folder; try again when it "
                                         "has finished") from None
        self._lock = handle

    def _recover(self) -> None:
        """Clean what killed runs left: a swapped-out old tree is restored if --out is missing."""
        out = Path(os.path.abspath(self.out_dir))
        for left in self._leftovers():
            if ".old." in left.name and not out.exists() and (left / MARKER).is_file():
                os.rename(left, out)
            else:
                shutil.rmtree(left, ignore_errors=True)

    # -- context ---------------------------------------------------------------------------------
    def __enter__(self) -> StagedOutput:
        try:
            self._parent.mkdir(parents=True, exist_ok=True)
            self._refuse_unsafe()
            self._take_lock()
            self._recover()
            self._refuse_unsafe()
            name = Path(os.path.abspath(self.out_dir)).name
            self.path = Path(tempfile.mkdtemp(prefix=f".{name}.staging.", dir=self._parent))
            os.chmod(self.path, 0o777 & ~umask())
        except OSError as exc:
            self._unlock()
            raise write_error(exc, self.out_dir) from None
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> Literal[False]:
        try:
            if exc_type is None:
                self._publish()
        except OSError as error:
            raise write_error(error, self.out_dir) from None
        finally:
            shutil.rmtree(self.path, ignore_errors=True)
            self._unlock()
        if exc_type is not None and issubclass(exc_type, OSError) and not issubclass(exc_type, BrokenPipeError):
            if exc.filename and str(exc.filename).startswith(str(self.path)):   # name the file as published
                exc.filename = str(self.out_dir / os.path.relpath(exc.filename, self.path))
            raise write_error(exc, self.out_dir) from None
        return False

    def _unlock(self) -> None:
        if self._lock is not None:
            self._lock.close()   # closing the file releases the flock
            self._lock = None

    def _publish(self) -> None:
        (self.path / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        out = Path(os.path.abspath(self.out_dir))
        files = sorted(p for p in self.path.rglob("*") if p.is_file() and p.name != MARKER)
        _fsync_dir(self.path)
        if not out.exists():
            os.rename(self.path, out)
        elif not _exchange(self.path, out):   # pragma: no cover - file systems without RENAME_EXCHANGE
            aside = self.path.with_name(self.path.name.replace(".staging.", ".old."))
            os.rename(out, aside)              # a crash here: the next run restores ``aside`` (see _recover)
            os.rename(self.path, out)
            shutil.rmtree(aside, ignore_errors=True)
        _fsync_dir(self._parent)
        self.published = [out / p.relative_to(self.path) for p in files]


# --------------------------------------------------------------------------- multi-file edits
def journal_path(main: str | os.PathLike) -> Path:
    """The journal of edits of the study whose main file is ``main`` (beside it)."""
    main = Path(os.path.realpath(main))
    return main.with_name(f".{main.name}.pse-journal")


def _new_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.pse-new")


def _write_journal(journal: Path, state: str, pairs: list) -> None:
    tmp = write_beside(journal, json.dumps({"state": state, "files": pairs}, ensure_ascii=False).encode("utf-8"))
    os.replace(tmp, journal)
    _fsync_dir(journal.parent)


def commit_files(main: str | os.PathLike, contents: dict) -> list[Path]:
    """Replace several files all-or-nothing: ``contents`` maps path -> new text.

    1. the journal beside the main file lists the files (state ``prepared``);
    2. each new text is written beside its target (``.NAME.pse-new``, the target's mode, synced);
    3. the journal's state becomes ``committed`` (one atomic rename: the commit point);
    4. the new files are renamed over their targets and the journal is removed.

    A crash before 3 is rolled back by :func:`recover_files`, after 3 rolled forward.  Symlinks are
    written through, modes kept; a read-only file is refused before anything is written.
    """
    targets = {_target(Path(p)): text for p, text in contents.items()}
    for target in targets:
        if target.exists() and not os.access(target, os.W_OK):
            raise _problem(target, "the file is read-only: nothing was written")
        if not os.access(target.parent, os.W_OK):
            raise _problem(target.parent, "the folder is read-only: nothing was written")
    recover_files(main)
    journal = journal_path(main)
    pairs = [(str(target), str(_new_name(target))) for target in targets]
    try:
        _write_journal(journal, "prepared", pairs)
        for target, text in targets.items():
            tmp = write_beside(target, text.encode("utf-8"), ".pse-tmp")
            os.replace(tmp, _new_name(target))
        _write_journal(journal, "committed", pairs)
    except OSError as exc:
        recover_files(main)
        raise write_error(exc, main) from None
    recover_files(main)
    return list(targets)


SCRATCH_PREFIX = ".pse-edit-"     # + "<pid>-": the validation copy of an edit, beside the study


def scratch_prefix() -> str:
    """Prefix of this process's scratch folders (its pid inside, so a later run knows when they are stale)."""
    return f"{SCRATCH_PREFIX}{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_scratch(folder: str | os.PathLike) -> None:
    """Remove the scratch folders of edits whose process was killed (``.pse-edit-<pid>-*``, pid not alive)."""
    for path in Path(folder).glob(f"{SCRATCH_PREFIX}*-*"):
        pid = path.name[len(SCRATCH_PREFIX):].split("-", 1)[0]
        if path.is_dir() and not path.is_symlink() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def recover_files(main: str | os.PathLike) -> str | None:
    """Finish or undo an edit a crash interrupted; returns ``'rolled forward'``/``'rolled back'`` or None.

    Scratch folders left by a killed edit beside the study are removed too.
    """
    remove_stale_scratch(Path(os.path.realpath(main)).parent)
    journal = journal_path(main)
    if not journal.is_file():
        return None
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        state, pairs = record["state"], record["files"]
    except (OSError, ValueError, KeyError, TypeError):
        raise _problem(journal, "the edit journal is damaged: compare the study files with your last "
                                "copy, then delete this file") from None
    for target, new in pairs:
        if not os.path.exists(new):
            continue
        if state == "committed":
            os.replace(new, target)
        else:
            os.unlink(new)
    for target, _ in pairs:
        _fsync_dir(Path(target).parent)
    os.unlink(journal)
    return "rolled forward" if state == "committed" else "rolled back"
