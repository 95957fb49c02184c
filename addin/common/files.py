"""Write files atomically: a temp file in the target folder, then a rename, so a failed run leaves nothing
half-written and never touches an existing file until the new one is complete."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path


def _umask() -> int:
    if sys.platform == "emscripten":  # Pyodide 0.27 (xlwings Lite) reports 0o777, which would make files mode 0000
        return 0o022
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(out: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp)` and move `tmp` over `out`; the file gets the usual permissions (0666 minus umask)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=out.suffix, dir=out.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def sha256_of(path: Path) -> str:
    """The SHA-256 checksum of a file's bytes, in hex (what `sha256sum` prints)."""
    import hashlib

    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
