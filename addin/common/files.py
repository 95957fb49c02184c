"""Write files atomically: a temp file in the target folder, then a rename, so a failed run leaves nothing
half-written and never touches an existing file until the new one is complete. A place that cannot be written
(read-only folder, a folder where a file is meant, a full disk) is one sentence naming the path (exit 2), said
before any result is announced: commands check their outputs first and write them before printing."""

from __future__ import annotations

import errno
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

from addin.common.messages import MatricaError, msg

# errno -> the reason's message key (messages.py, "oserror:…")
REASONS = {
    errno.EACCES: "denied", errno.EPERM: "denied", errno.EROFS: "read-only", errno.ENOSPC: "full",
    errno.EDQUOT: "full", errno.EFBIG: "too-big", errno.EISDIR: "is-folder", errno.ENOTDIR: "not-folder",
    errno.ENOENT: "missing", errno.ENAMETOOLONG: "name",
}


def io_errno(exc: BaseException) -> int | None:
    """The errno of a failed write: an OSError's, or the one lxml names in its own error ("IO_ENOSPC"); None when
    the exception is not about writing."""
    if isinstance(exc, OSError):
        return exc.errno or 0
    text = str(exc)
    if type(exc).__name__ == "SerialisationError" and text.startswith("IO_"):
        return getattr(errno, text[3:], 0)
    return None


def output_error(path: Path, exc: BaseException | None = None, reason: str | None = None) -> MatricaError:
    """MatricaError (exit 2) saying that `path` cannot be written, and why, in the language of the message."""
    key = reason or REASONS.get((io_errno(exc) if exc else None) or -1, "other")
    detail = (getattr(exc, "strerror", None) or str(exc or "")) if key == "other" else ""
    return MatricaError("output_failed", path=path, reason=msg(f"oserror:{key}", detail=detail))


def _umask() -> int:
    if sys.platform == "emscripten":  # Pyodide 0.27 (xlwings Lite) reports 0o777, which would make files mode 0000
        return 0o022
    mask = os.umask(0)
    os.umask(mask)
    return mask


def ensure_folder(folder: Path, create: bool = True, shown: Path | None = None) -> Path:
    """Make sure files can be written into `folder`; MatricaError (exit 2) naming it (or `shown`, the file meant to
    go there) if not. With `create`, a missing folder is made; without, only its nearest existing parent is
    checked (nothing is created)."""
    try:
        return _ensure_folder(Path(folder), create)
    except MatricaError as exc:
        if shown is not None:
            exc.values["path"] = shown
        raise
    except OSError as exc:  # a name the system refuses even to look up (too long, …)
        raise output_error(shown if shown is not None else Path(folder), exc) from None


def _ensure_folder(folder: Path, create: bool) -> Path:
    if folder.exists() and not folder.is_dir():
        raise output_error(folder, reason="not-a-folder")
    existing = folder
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        raise output_error(folder, reason="not-folder")
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise output_error(folder, exc) from None
        existing = folder
    if not os.access(existing, os.W_OK | os.X_OK):
        raise output_error(folder, reason="denied")
    try:  # os.access trusts permission bits; a read-only disk only shows when writing
        import tempfile

        fd, probe = tempfile.mkstemp(prefix=".matrica-", dir=existing)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise output_error(folder, exc) from None
    return folder


def check_output_file(out: Path, inputs: tuple[Path, ...] = (), replace: Callable[[Path], bool] | None = None,
                      like: Path | None = None) -> Path:
    """Check before any work is announced that `out` can be written: not one of the inputs, not a folder, not an
    existing file unless `replace(out)` says it is one Matrica made and may replace, in a folder that can be
    written; with `like` (the workbook `out` is a copy of), ending as it does (.xlsx or .xlsm: Excel opens a file
    only by the extension of its format). MatricaError (exit 2) naming the path otherwise."""
    out = Path(out)
    try:
        _check_output_file(out, inputs, replace)
    except OSError as exc:  # a name the system refuses even to look up (too long, …)
        raise output_error(out, exc) from None
    if like is not None:
        check_suffix(out, like)
    return out


def check_suffix(out: Path, like: Path) -> None:
    """A copy of the workbook `like` ends as it does (.xlsx, .xlsm): MatricaError (exit 2) naming `out` if not."""
    suffix = Path(like).suffix.lower()
    if Path(out).suffix.lower() != suffix:
        raise MatricaError("out_suffix", path=out, suffix=suffix, kind=suffix.lstrip(".").upper())


def _check_output_file(out: Path, inputs: tuple[Path, ...], replace: Callable[[Path], bool] | None) -> Path:
    for src in inputs:
        if out.resolve() == Path(src).resolve():
            raise MatricaError("same_file", path=src)
    if out.is_dir():
        raise output_error(out, reason="is-folder")
    if out.exists() and not (replace and replace(out)):
        raise output_error(out, reason="exists")
    ensure_folder(out.parent, create=False, shown=out)
    return out


def write_atomic(out: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp)` and move `tmp` over `out`; the file gets the usual permissions (0666 minus umask). Any
    failure to write removes the temporary file and is a MatricaError naming `out`."""
    out = Path(out)
    try:
        if out.is_dir():
            raise output_error(out, reason="is-folder")
    except OSError as exc:
        raise output_error(out, exc) from None
    ensure_folder(out.parent, shown=out)
    try:
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=out.suffix, dir=out.parent)
        os.close(fd)
    except OSError as exc:
        raise output_error(out, exc) from None
    failure = None
    hook = sys.unraisablehook
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, out)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if io_errno(exc) is None:
            raise
        failure = output_error(out, exc)
        # A writer interrupted by a full disk (openpyxl's) fails again when it is cleaned up; that is the same
        # failure, already reported, so it is not printed a second time.
        sys.unraisablehook = lambda _unraisable: None
    if failure is not None:
        try:
            gc.collect()
        finally:
            sys.unraisablehook = hook
        raise failure
    return out


def sha256_of(path: Path) -> str:
    """The SHA-256 checksum of a file's bytes, in hex (what `sha256sum` prints)."""
    import hashlib

    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
