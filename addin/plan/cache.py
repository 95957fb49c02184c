"""A loaded plan kept on disk between runs, as Python keeps compiled modules: reading the plan of 100 times the
social plan from its CSV text takes 0.15 s of every command, unpickling it a third of that.

An entry is named by a hash of everything the loaded plan depends on: the plan folder's path, the bytes of every
file `load_plan` reads there, the source of the loader (`model.py`, `common/text.py`) and the Python version. So
an edited CSV, however quickly saved, or a new Matrica is a new entry, never a stale plan. Anything wrong with the
cache (no folder, a read-only disk, a damaged or foreign entry) only means the plan is read from its text, with
no word said: the cache is never the reason a command fails. `MATRICA_CACHE` names the folder, or turns the cache
off ("off", "0", "no" or empty)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from addin.plan.model import Plan

CACHE_ENV = "MATRICA_CACHE"
FORMAT = b"matrica-plan-cache 1"
KEEP_DAYS = 30
PLAN_FILES = ("plan.toml", "fields.csv", "objectives.csv", "activities.csv", "indicators.csv", "institutions.csv")
_LOADER_SOURCES = (Path(__file__).parent / "model.py", Path(__file__).parents[1] / "common" / "text.py")


def cache_dir() -> Path | None:
    """The folder of Matrica's cache: MATRICA_CACHE when set, else the user's cache folder of the system; None
    when turned off, and under Pyodide (xlwings Lite), whose files last only as long as the page."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        value = value.strip()
        return None if value.lower() in ("", "0", "off", "no") else Path(value)
    if sys.platform == "emscripten":
        return None
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "Matrica" / "cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "Matrica"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "matrica"  # a relative one is ignored


def cached_plan(folder: Path, load: Callable[[Path], Plan]) -> Plan:
    """The plan of `folder` from the cache when an entry for its present text is there; else `load(folder)`, kept
    for the next run. `load`'s errors (PlanSourceError) pass through; nothing is kept for a plan that fails."""
    try:
        where = cache_dir()
    except Exception:  # no home folder to be found (a service account without one): no cache
        where = None
    if where is None:
        return load(folder)
    try:
        prefix, key = _names(folder)
    except Exception:  # a file that cannot be read (the loader names it), a path that cannot be resolved
        return load(folder)
    path = where / "plans" / f"{prefix}-{key}.pickle"
    plan = _read(path, folder)
    if plan is None:
        plan = load(folder)
        _write(path, prefix, plan)
    return plan


def _names(folder: Path) -> tuple[str, str]:
    """(the folder's name in the cache, the hash of its present content and of the loader)."""
    try:  # hashlib's own BLAKE2, without hashlib's start-up (it loads OpenSSL's digests: 5 ms of every command)
        from _blake2 import blake2b
    except ImportError:
        from hashlib import blake2b

    where = blake2b(str(folder.resolve()).encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()
    h = blake2b(FORMAT, digest_size=20)
    h.update(repr(sys.version_info[:2]).encode())
    for source in _LOADER_SOURCES:
        h.update(source.read_bytes())
    for name in PLAN_FILES:
        h.update(b"\0" + name.encode() + b"\0")
        try:
            data = (folder / name).read_bytes()
        except FileNotFoundError:
            data = b"\0missing"
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return where, h.hexdigest()


def _read(path: Path, folder: Path) -> Plan | None:
    import pickle

    from addin.plan.model import Plan

    try:
        with path.open("rb") as handle:
            plan = pickle.load(handle)
    except Exception:  # missing, unreadable, truncated or from elsewhere: read the text instead
        return None
    return plan if isinstance(plan, Plan) and plan.folder == folder else None


def _write(path: Path, prefix: str, plan: Plan) -> None:
    """Keep `plan` at `path` (a temporary file renamed into place, so a reader never sees half an entry), and drop
    the folder's older entries and those of any folder not kept for KEEP_DAYS (a plan folder that no longer exists,
    a benchmark's). Any failure leaves the cache as it was."""
    import pickle
    import tempfile
    import time

    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{prefix}-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(plan, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        stale = time.time() - KEEP_DAYS * 86400
        for old in path.parent.glob("*.pickle"):  # the folder's older entries, and any entry not kept lately
            if old != path and (old.name.startswith(f"{prefix}-") or old.stat().st_mtime < stale):
                old.unlink(missing_ok=True)
    except Exception:  # no room, no right to write, a name too long: the next run reads the text again
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
