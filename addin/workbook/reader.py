"""Read a Matrica workbook's values fast (python-calamine), finding columns by their header."""

from __future__ import annotations

import os
import sys
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from addin.common.messages import MatricaError, msg
from addin.common.text import fold, loose
from addin.plan.model import Plan, known_plans
from addin.workbook import layout as L
from addin.workbook.sheetxml import (
    SheetScan,
    lean_copy,
    percent_cells,
    percent_styles,
    scan_sheet,
    shared_strings,
    sheet_members,
    with_member,
)

# What reading a damaged zip part raises: a bad CRC or header (BadZipFile), a deflate stream that does not inflate
# (zlib.error), a part cut short (EOFError), an unreadable file (OSError).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted (password) or legacy .xls files
HEADER_SCAN_ROWS = 15


@lru_cache(maxsize=4096)
def col_letter(index: int) -> str:
    """0-based column index -> letters."""
    s, n = "", index + 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def cell_ref(sheet: str, row: int, col: int) -> str:
    """`'Monitorimi 2025'!F14` for 1-based row and 0-based column."""
    return f"'{sheet}'!{col_letter(col)}{row}"


@dataclass
class SheetTable:
    """The rows of one sheet below its header row, with columns located by header text. Read-only once made (the
    checks and the figures share it): a row's cells as a record, and a column's address prefix, are made once."""

    sheet: str
    header_row: int  # 1-based
    columns: dict[str, int]  # key -> 0-based column
    rows: list[tuple[int, list]]  # (1-based row number, values)
    extra_headers: dict[str, int] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # key -> header text of a column asked for, not found
    near_headers: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (header as typed, as asked)
    _prefixes: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _records: list[tuple[int, dict[str, object]]] | None = field(default=None, init=False, repr=False,
                                                                  compare=False)

    def get(self, values: list, key: str) -> object:
        i = self.columns.get(key)
        if i is None or i >= len(values):
            return None
        v = values[i]
        return None if v == "" or (v.__class__ is str and v.isspace()) else v

    def record(self, values: list) -> dict[str, object]:
        """A row's cells by column key, as `get` reads each (None when blank or beyond the row). A cell holding only
        spaces (a cell "cleared" with the space bar, a pasted non-breaking space) is blank, as it looks."""
        n = len(values)
        return {k: None if i >= n or (v := values[i]) == "" or (v.__class__ is str and v.isspace()) else v
                for k, i in self.columns.items()}

    @property
    def records(self) -> list[tuple[int, dict[str, object]]]:
        """(row, record) of every row, made once: treat them as read-only."""
        if self._records is None:
            self._records = self._make_records()
        return self._records

    def _make_records(self) -> list[tuple[int, dict[str, object]]]:
        """`record` of every row, with the columns looked up once: a row as long as the columns ask (every row of a
        sheet's value grid) is read without checking each cell's place; a blank cell is "" or a text of spaces
        (calamine and `normalise_grid` give no other text equal to "")."""
        columns = tuple(self.columns.items())
        last = max(self.columns.values(), default=-1)
        return [(row, {k: None if (v := values[i]).__class__ is str and (not v or v.isspace()) else v
                       for k, i in columns} if len(values) > last else self.record(values))
                for row, values in self.rows]

    def ref(self, row: int, key: str) -> str:
        """`'Monitorimi 2025'!F14`: the cell of `key`'s column on `row` (as `cell_ref` writes it)."""
        prefix = self._prefixes.get(key)
        if prefix is None:
            prefix = self._prefixes[key] = f"'{self.sheet}'!{col_letter(self.columns[key])}"
        return f"{prefix}{row}"


EXCEL_ERRORS = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#DATA!",
                          "#PYTHON!", "#TIMEOUT!"))


def normalise_grid(grid: list[list] | None) -> tuple[list[list], dict[str, str]]:
    """A value grid from Excel (xlwings: None for empty, error cells as "#N/A" …) as calamine gives it:
    "" for empty and errors, numbers as float. Returns the grid and the error cells ({"F14": "#REF!"})."""
    rows: list[list] = []
    errors: dict[str, str] = {}
    for r, row in enumerate(grid or [], start=1):
        out = []
        for c, v in enumerate(row if isinstance(row, (list, tuple)) else [row]):
            if v is None:
                v = ""
            elif isinstance(v, str) and v in EXCEL_ERRORS:
                errors[f"{col_letter(c)}{r}"] = v
                v = ""
            elif isinstance(v, int) and not isinstance(v, bool):
                v = float(v)
            out.append(v)
        rows.append(out)
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows], errors


# Threads reading the workbook: none under Pyodide (xlwings Lite), which cannot start threads, nor on one core,
# where a thread only takes turns with the command's own work.
WORKERS = 0 if sys.platform == "emscripten" else min(2, os.cpu_count() or 1)
THREADS = WORKERS > 1

# A sheet part this large (bytes), in a workbook whose other parts are at most 1/LEAN_SHARE of it, is read by
# calamine from a lean copy holding it as read (`_Reading._lean`).
LEAN_SHEET = 1 << 20
LEAN_SHARE = 8

# Which sheets a command will read, in the order it reads them, given the workbook's sheet names
# (`open_workbook(prefetch=…)`).
Prefetch = Callable[[list[str]], Iterable[str]]


def sheets_read(year: int | None = None, up_to: bool = False) -> Prefetch:
    """The sheets that validating (`checks.validate.gather_workbook`, the checks) and the figures read, in that
    order, given the workbook's sheet names: every monitoring sheet, `year`'s, or with `up_to` those up to `year` (a
    summary's or a report's), for `open_workbook(prefetch=…)`. The plan is not known yet: a monitoring sheet of a
    year outside it is read for nothing, never counted."""
    def sheets(names: list[str]) -> list[str]:
        years = sorted((y, s) for s in names if (y := L.monitoring_year(s)) is not None
                       and (year is None or y == year or (up_to and y < year)))
        return [L.SHEET_MATRIX, *(s for _y, s in years), L.SHEET_INDICATORS, L.SHEET_NARRATIVE, L.SHEET_LISTS,
                L.SHEET_OBJECTIVES]
    return sheets


def _check_file(path: Path, prefetch: Prefetch | None = None, check_last: bool = False) -> _Reading:
    """Check that `path` is a readable .xlsx, naming what is wrong (MatricaError), and start reading it: the CRC of
    every part is checked, that of the worksheets (and the reading of the sheets `prefetch` names) on background
    threads that may still run when this returns. The returned reading's `finish()` waits for the check and raises
    what it found. Until then nothing but this module's own reading (which checks the CRC of what it reads) may
    read a worksheet part. With `check_last` the threads parse the sheets `prefetch` names before checking the
    worksheets nobody reads (see `WorkbookData.settle`)."""
    if not path.is_file():
        raise MatricaError("file_missing", path=path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm"):
        raise MatricaError("not_xlsx", path=path, suffix=path.suffix)
    if path.stat().st_size == 0:
        raise MatricaError("empty_file", path=path)
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise MatricaError("password", path=path)
    if not zipfile.is_zipfile(path):
        raise MatricaError("corrupt", path=path, detail=msg("corrupt:not-zip"))
    try:
        with zipfile.ZipFile(path) as z:
            if "xl/workbook.xml" not in z.namelist():
                raise MatricaError("corrupt", path=path, detail=msg("corrupt:no-workbook"))
            reading = _Reading.at_open(path, z, prefetch, check_last)
    except ZIP_ERRORS as exc:
        raise MatricaError("corrupt", path=path, detail=str(exc)) from None
    if not reading.clean_so_far():
        reading.finish()  # a part calamine reads on opening is damaged: say so before it reads it
    return reading


def _testzip(z: zipfile.ZipFile) -> tuple[str | None, Exception | None]:
    """`z.testzip()`, where a deflate stream that does not inflate (zlib.error) names its part too."""
    for info in z.infolist():
        try:
            with z.open(info.filename, "r") as f:
                while f.read(1 << 20):
                    pass
        except (zipfile.BadZipFile, zlib.error):
            return info.filename, None
        except Exception as exc:
            return None, exc
    return None, None


@dataclass
class _Loaded:
    """What reading one sheet gave, step by step: its XML and the workbook's percent styles (a monitoring sheet),
    its scan, its values; `error` what stopped it (the steps before it are kept, as they were when reading was
    one method that stored each as it went)."""

    xml: bytes | None = None
    styles: frozenset[int] | None = None
    scan: SheetScan | None = None
    grid: list[list] | None = None
    error: Exception | None = None


def _parse_sheet(path: Path, z: zipfile.ZipFile, sheet: str, member: str | None, data: bytes, book=None,
                 lean: dict[str, bytes] | None = None) -> tuple[_Loaded, object]:
    """One sheet from its XML `data` (part `member` of `z`, the zip at `path`), bounded by `scan_sheet` before
    calamine sees it; and the calamine workbook opened on `path` (`book`, or one opened here), for the next sheet.
    With `lean` (the workbook's parts but the sheets'), calamine reads the sheet from `data` (`lean_copy`) instead
    of inflating its part again. Touches nothing shared, so it runs on any thread (one calamine workbook is never
    used by two threads)."""
    from python_calamine import CalamineWorkbook

    out = _Loaded()
    try:
        if L.monitoring_year(sheet) is not None:
            out.xml = data
            out.styles = percent_styles(z)
        out.scan = scan_sheet(data, lambda: shared_strings(z)) if member else SheetScan()
        copy = lean_copy(lean, member, data) if lean is not None and out.scan.cleaned is None else None
        del data
        if out.scan.cleaned is not None:
            reads = CalamineWorkbook.from_filelike(with_member(z, member, out.scan.cleaned))
        elif copy is not None:
            reads = CalamineWorkbook.from_filelike(copy)
            del copy
        else:
            if book is None:
                book = CalamineWorkbook.from_path(str(path))
            reads = book
        out.grid = reads.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:
        out.error = exc
    return out, book


def _load_sheet(path: Path, members: dict[str, str], sheet: str, book=None) -> _Loaded:
    """Read one sheet of the workbook at `path` here and now (its own zip; calamine's `book` when given)."""
    try:
        with zipfile.ZipFile(path) as z:
            member = members.get(sheet)
            data = z.read(member) if member else b""
            return _parse_sheet(path, z, sheet, member, data, book)[0]
    except Exception as exc:
        return _Loaded(error=exc)


def _schedule(sheets: list[str], sizes: dict[str, int], workers: int) -> list[str]:
    """The order in which `workers` threads, each taking the next sheet when free, should start `sheets` (the
    order they are needed in): balanced lanes (the largest sheet first onto the least loaded thread), each lane in
    the order needed, merged by when each sheet would start. The sheet needed first starts first, and the largest
    never starts last on one thread while the other idles."""
    lanes: list[list[int]] = [[] for _ in range(max(1, workers))]
    load = [0] * len(lanes)
    for i in sorted(range(len(sheets)), key=lambda i: -sizes[sheets[i]]):
        k = load.index(min(load))
        lanes[k].append(i)
        load[k] += sizes[sheets[i]]
    starts = []
    for lane in lanes:
        at = 0
        for i in sorted(lane):
            starts.append((at, i))
            at += sizes[sheets[i]]
    return [sheets[i] for _at, i in sorted(starts)]


class _Reading:
    """Parts of the workbook read on background threads: the sheets a command will read (inflated, scanned and
    parsed, each kept until `take` asks for it) and, when the workbook is opened, every other worksheet part,
    inflated only to check its CRC (what `ZipFile.testzip()` does; the other parts, which calamine reads on
    opening, are checked here and now). Reading a sheet's part checks its CRC too, so no part is inflated twice.

    When the workbook is opened (`at_open`), the parts of the sheets to read are inflated by the opening thread,
    in the order they are parsed, each handed to the threads as it is ready; the threads parse the sheets in
    `_schedule`'s order, each taking the next one, after inflating the other worksheet parts (with `check_last`,
    before inflating them). Every part's fate is kept and the first
    bad one in the zip's order decides (`finish`), as reading them in order would. Under Pyodide, on one core, or
    when no thread can start, the check runs in order here and nothing is read ahead. A deflate stream that does
    not inflate (zlib.error) is a damaged part too, named as one."""

    def __init__(self, path: Path, infos: list[zipfile.ZipInfo], members: dict[str, str] | None,
                 sheets: list[str], rest: list[int] = (), checks: bool = False, check_last: bool = False):
        self.path = path
        self.infos = infos
        self.members = members
        self.fate: list[str | Exception | None] = [None] * len(infos)  # good, damaged (its name), or raised
        self.serial: tuple[str | None, Exception | None] | None = None  # the check made in order, when it was
        self.failed = False  # a thread stopped before checking its parts: the check is made again in order
        self.cancelled = False
        index = {info.filename: i for i, info in enumerate(infos)}
        self.part = {s: index[members[s]] for s in sheets}
        self.sheets = _schedule(sheets, {s: infos[self.part[s]].file_size for s in sheets}, WORKERS)
        keep = set(self.part.values())
        self.checks = checks  # every part's fate is noted (the check made on opening)
        others = sorted((i for i in rest if i not in keep), key=lambda i: -infos[i].file_size)
        self.to_inflate = [self.part[s] for s in self.sheets] + ([] if check_last else others)
        self.to_check = others if check_last else []  # inflated once the sheets are parsed
        self.to_parse = list(self.sheets)
        self.kept = {i: s for s, i in self.part.items()}
        self.data: dict[str, bytes | Exception] = {}
        self.inflated = {s: threading.Event() for s in sheets}
        self.done = {s: threading.Event() for s in sheets}
        self.loaded: dict[str, _Loaded] = {}
        self.lock = threading.Lock()
        self.checking = threading.Event()  # set once every part to inflate is
        self.workers = self.inflating = 0
        sheet_parts = set(members.values()) if members else set()
        self.lean_size = sum(i.file_size for i in infos if i.filename not in sheet_parts)
        self.lean_parts: dict[str, bytes] = {}  # the parts `at_open` checked, as read
        self.lean: dict[str, bytes] | None | bool = None  # made once (`_lean`); False when it cannot be
        self.lean_lock = threading.Lock()

    @classmethod
    def at_open(cls, path: Path, z: zipfile.ZipFile, prefetch: Prefetch | None, check_last: bool = False
                ) -> _Reading:
        """Start checking (and reading what `prefetch` names of) the workbook open as `z`."""
        infos = list(z.filelist)
        worksheets = [i for i, info in enumerate(infos) if info.filename.startswith("xl/worksheets/")]
        if not THREADS or not worksheets:
            self = cls(path, infos, None, [])
            self.serial = _testzip(z)
            self.checking.set()
            return self
        try:
            members = sheet_members(z)
        except Exception:  # read again (and said) where the workbook is read; nothing is read ahead
            members = None
        names = set(z.namelist())
        sheets = [s for s in dict.fromkeys(prefetch(list(members)) if prefetch and members else ())
                  if members.get(s) in names]
        self = cls(path, infos, members, sheets, worksheets, checks=True, check_last=check_last and bool(sheets))
        kept = [self.part[s] for s in self.sheets]  # inflated below, here
        self.to_inflate = [i for i in self.to_inflate if i not in kept]
        if not self.start():
            self.serial = _testzip(z)
            self.checking.set()
            return self
        # Here, not on the threads: zlib inflates without the GIL, but a thread takes the GIL back several times per
        # part, each time waiting up to 5 ms while this thread runs Python (the plan's loading, next). The parts that
        # are not worksheets come first: they are small, and kept for calamine's lean copies (`_lean`).
        try:
            for i in sorted(set(range(len(infos))) - set(worksheets)):
                self._inflate(z, i, keep=True)
            for i in kept:  # in the order the threads parse them: each starts as soon as its part is here
                self._inflate(z, i)
        except BaseException:  # (an interrupt) no thread waits for a part that will not come
            self.cancel()
            for event in self.inflated.values():
                event.set()
            raise
        return self

    def start(self) -> int:
        """Start the threads; how many started."""
        wanted = min(WORKERS, len(self.to_inflate) + len(self.to_parse) + len(self.to_check))
        self.workers = self.inflating = wanted
        started = 0
        for _ in range(wanted):
            try:
                threading.Thread(target=self._work, name="matrica-read").start()
                started += 1
            except RuntimeError:  # "can't start new thread"
                break
        if started < wanted:
            self._inflation_over(wanted - started)
            self._stopped(wanted - started)
        return started

    def _next(self, todo: list) -> object | None:
        with self.lock:
            return todo.pop(0) if todo else None

    def _inflate(self, z: zipfile.ZipFile, i: int, keep: bool = False) -> None:
        """Inflate part `i` (keeping a sheet's XML to parse, and with `keep` the part for `_lean`), noting its fate
        where it is checked here."""
        name = self.infos[i].filename
        sheet = self.kept.get(i)
        try:
            data = z.read(name)  # in one piece: zipfile inflates it and checks its CRC
            if sheet is not None:
                self.data[sheet] = data
            elif keep:
                self.lean_parts[name] = data
            del data
        except (zipfile.BadZipFile, zlib.error) as exc:
            if self.checks:
                self.fate[i] = name
            if sheet is not None:
                self.data[sheet] = exc
        except Exception as exc:
            if self.checks:
                self.fate[i] = exc
            if sheet is not None:
                self.data[sheet] = exc
        finally:
            if sheet is not None:
                self.inflated[sheet].set()

    def _parse(self, z: zipfile.ZipFile, sheet: str, book) -> tuple[_Loaded | None, object]:
        """Parse `sheet` once its part is inflated: None when it never was (its thread stopped)."""
        self.inflated[sheet].wait()
        data = self.data.pop(sheet, None)
        if data is None:
            return None, book
        if isinstance(data, Exception):
            return _Loaded(error=data), book
        return _parse_sheet(self.path, z, sheet, self.members[sheet], data, book, self._lean(z, len(data)))

    def _lean(self, z: zipfile.ZipFile, size: int) -> dict[str, bytes] | None:
        """The workbook's parts but the sheets', for calamine to read a sheet of `size` bytes from a lean copy
        (`_parse_sheet`): only for a large sheet in a workbook whose other parts are small (each copy carries them,
        and calamine reads its shared strings again from each). None when they cannot be read (calamine then reads
        the file and says what is wrong)."""
        if size < LEAN_SHEET or self.lean_size * LEAN_SHARE > size:
            return None
        with self.lean_lock:  # made once, from the parts checked on opening and the few others
            if self.lean is None:
                sheets = set(self.members.values())
                try:
                    self.lean = {n: self.lean_parts[n] if n in self.lean_parts else z.read(n)
                                 for n in (i.filename for i in self.infos) if n not in sheets}
                except Exception:
                    self.lean = False
            return self.lean or None

    def _work(self) -> None:
        inflating, sheet = True, None
        try:
            with zipfile.ZipFile(self.path) as z:
                while (i := self._next(self.to_inflate)) is not None:
                    self._inflate(z, i)
                if not self.to_check:
                    inflating = False
                    self._inflation_over()
                book = None
                while not self.cancelled and threading.main_thread().is_alive():  # nobody asks once the program ends
                    sheet = self._next(self.to_parse)
                    if sheet is None:
                        break
                    loaded, book = self._parse(z, sheet, book)
                    if loaded is not None:
                        self.loaded[sheet] = loaded
                    self.done[sheet].set()
                    sheet = None
                if inflating:  # check_last: the parts nobody reads, now that the sheets are parsed
                    while (i := self._next(self.to_check)) is not None:
                        self._inflate(z, i)
                    inflating = False
                    self._inflation_over()
        except BaseException:  # noqa: S110 - never raise or print from a reading thread: what is missing is read again
            if inflating:
                self.failed = True
            if sheet is not None:
                self.done[sheet].set()
        finally:
            if inflating:
                self._inflation_over()
            self._stopped()

    def _inflation_over(self, workers: int = 1) -> None:
        with self.lock:
            self.inflating -= workers
            over = self.inflating <= 0
        if over:
            self.checking.set()

    def _stopped(self, workers: int = 1) -> None:
        """`workers` threads are done (or never started); after the last, whatever no thread read is read by
        whoever asks for it."""
        with self.lock:
            self.workers -= workers
            last = self.workers <= 0
        if last:
            self.checking.set()
            for event in (*self.inflated.values(), *self.done.values()):
                event.set()

    def take(self, sheet: str, book=None) -> _Loaded | None:
        """The sheet's reading, waited for; read here (with calamine's `book`) when no thread has started parsing
        it yet; None when no thread read it."""
        with self.lock:
            here = sheet in self.to_parse
            if here:
                self.to_parse.remove(sheet)
                inflate = self.part[sheet] in self.to_inflate
                if inflate:
                    self.to_inflate.remove(self.part[sheet])
        if not here:
            self.done[sheet].wait()
            return self.loaded.pop(sheet, None)
        try:
            with zipfile.ZipFile(self.path) as z:
                if inflate:
                    self._inflate(z, self.part[sheet])
                return self._parse(z, sheet, book)[0]
        except Exception as exc:
            if inflate and self.checks:
                self.failed = True
            return _Loaded(error=exc)

    def cancel(self) -> None:
        """Parse nothing more (the workbook will not be read)."""
        self.cancelled = True
        self.data.clear()

    def clean_so_far(self) -> bool:
        """No bad part among those checked so far."""
        if self.serial is not None:
            return self.serial == (None, None)
        return all(f is None for f in self.fate)

    def first_damaged(self) -> str | None:
        """Wait for the check; the first damaged part's name, or raise what reading it raised."""
        self.checking.wait()
        if self.serial is None and self.failed:
            with zipfile.ZipFile(self.path) as z:
                self.serial = _testzip(z)
        if self.serial is not None:
            bad, exc = self.serial
            if exc is not None:
                raise exc
            return bad
        for outcome in self.fate:
            if isinstance(outcome, Exception):
                raise outcome
            if outcome is not None:
                return outcome
        return None

    def finish(self) -> None:
        """Wait for the check of the parts; raise MatricaError naming the first damaged one."""
        try:
            bad = self.first_damaged()
            if bad:
                raise MatricaError("corrupt", path=self.path, detail=msg("corrupt:part", part=bad))
        except ZIP_ERRORS as exc:
            raise MatricaError("corrupt", path=self.path, detail=str(exc)) from None


def _near_headers(row: list, wanted: dict[str, str], columns: dict[str, int],
                  headers: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Headers of the header `row` typed almost like one asked for and not found (accents, punctuation or spacing
    apart: "Alokuar ne buxhet (leke)"): each is added to `columns`; returns {key: (header as typed, as asked)}."""
    by_loose: dict[str, str] = {}
    for h, k in wanted.items():
        if k not in columns:
            by_loose.setdefault(loose(h), k)
    taken = set(columns.values())
    near: dict[str, tuple[str, str]] = {}
    for c, v in enumerate(row):
        k = by_loose.get(loose(v)) if v != "" and c not in taken else None
        if k is not None and k not in columns:
            columns[k] = c
            near[k] = (str(v), headers[k])
    return near


def _chart_sheets(book) -> frozenset[str]:
    """The sheets of a calamine workbook that hold no cells (chart sheets, dialog sheets): a chart named like a
    sheet Matrica reads is no table, and one named like a copy of it is no copy."""
    from python_calamine import SheetTypeEnum

    return frozenset(m.name for m in book.sheets_metadata if m.typ != SheetTypeEnum.WorkSheet)


class WorkbookData:
    """An opened workbook: its sheet names, its plan, and tables read on demand."""

    def __init__(self, path: Path, plans: Mapping[str, Plan] | None = None, prefetch: Prefetch | None = None,
                 settle_later: bool = False):
        """Open the workbook at `path`. `prefetch` names the sheets the command will read (see `Prefetch`): they
        are read on background threads from now on, while the plan is loaded, as `prefetch()` reads them.

        Every part's CRC is checked before this returns, unless `settle_later`: then the sheets `prefetch` names
        are parsed before the parts nobody reads are checked, and the caller calls `settle()` before it says
        anything, and before it raises what it found (a damaged part is said first)."""
        from python_calamine import CalamineError, CalamineWorkbook, PasswordError

        self.path = Path(path)
        reading = _check_file(self.path, prefetch, settle_later)  # the worksheets' CRC check and reading go on
        try:
            try:
                self._wb = CalamineWorkbook.from_path(str(self.path))
                self.sheet_names: list[str] = list(self._wb.sheet_names)
                self.chart_sheets = _chart_sheets(self._wb)
            except PasswordError:
                raise MatricaError("password", path=self.path) from None
            except (CalamineError, OSError, ValueError) as exc:
                raise MatricaError("corrupt", path=self.path, detail=str(exc).splitlines()[0][:200]) from None
            self._cache: dict[str, list[list]] = {}
            self._scans: dict[str, SheetScan] = {}
            self._members: dict[str, str] | None = reading.members
            self._infos = reading.infos
            self._read = None
            self._errors: dict[str, dict[str, str]] | None = None
            self._percent: dict[str, frozenset[str]] = {}
            self._pending: dict[str, _Reading] = dict.fromkeys(reading.sheets, reading)
            self.plan: Plan = self._identify_plan(known_plans() if plans is None else plans)
        except BaseException:
            reading.cancel()
            reading.finish()  # a damaged part is said first, as when every part was checked before anything else
            raise
        self._unsettled: _Reading | None = reading
        if not settle_later:
            self.settle()

    def settle(self) -> None:
        """Wait for the check of every part of the file (`settle_later`); raise MatricaError naming the first
        damaged one. Nothing to wait for once settled, or for a workbook read from Excel's values."""
        reading, self._unsettled = getattr(self, "_unsettled", None), None
        if reading is None:
            return
        try:
            reading.finish()
        except BaseException:
            reading.cancel()
            raise

    @classmethod
    def from_values(cls, path: str | Path, sheet_names: list[str], read, plans: Mapping[str, Plan] | None = None
                    ) -> WorkbookData:
        """A workbook open elsewhere (Excel): `read(sheet)` gives a sheet's value grid from A1, called once per
        sheet that is needed. `path` names the workbook in messages (and is its file, when it has one)."""
        self = cls.__new__(cls)
        self.path = Path(path)
        self.sheet_names = list(sheet_names)
        self.chart_sheets = frozenset()  # Excel gives the worksheets' names
        self._wb = None
        self._cache = {}
        self._scans = {}
        self._members = None
        self._infos = []
        self._read = read
        self._errors = {}
        self._percent = {}
        self._pending = {}
        self.plan = self._identify_plan(known_plans() if plans is None else plans)
        return self

    def labelled(self, labels: Mapping[str, str], sheet: str = L.SHEET_SETTINGS, rows: int = 120
                 ) -> dict[str, tuple[object, str]]:
        """The value to the right of each label on a sheet of labelled rows (Parametrat): {key: (value, cell)} for
        the first cell whose folded text is a key of `labels` (folded label -> key); {} when the sheet cannot be
        read."""
        try:
            grid = self.values(sheet)
        except MatricaError:
            return {}
        found: dict[str, tuple[object, str]] = {}
        for r, row in enumerate(grid[:rows], start=1):
            for c, v in enumerate(row[:-1]):
                key = labels.get(fold(v))
                if key is not None and key not in found:
                    found[key] = (row[c + 1], cell_ref(sheet, r, c + 1))
        return found

    def values(self, sheet: str) -> list[list]:
        """All values of a sheet from A1, as calamine gives them; far-away stray cells are left out (see
        `stray_cells`), so a sheet costs memory in proportion to its data, not to its last cell's address. A sheet
        being read by `prefetch` is waited for; whatever went wrong there is raised here, as reading it here would
        have."""
        if sheet not in self._cache:
            if sheet not in self.sheet_names:
                self.missing_sheet(sheet)
            if sheet in self.chart_sheets:
                raise MatricaError("sheet_is_chart", path=self.path, sheet=sheet)
            if self._read is not None:
                grid, errors = normalise_grid(self._read(sheet))
                if errors:
                    self._errors[sheet] = errors
                self._cache[sheet] = grid
                return grid
            job = self._pending.pop(sheet, None)
            loaded = job.take(sheet, self._wb) if job is not None else None
            try:
                self._cache[sheet] = self._keep(sheet, loaded or self._load(sheet))
            except MatricaError:
                raise
            except Exception as exc:  # calamine and zlib raise several unrelated types for damaged parts
                raise MatricaError("corrupt", path=self.path, detail=f"{sheet}: {str(exc)[:200]}") from None
        return self._cache[sheet]

    def ready(self, sheet: str) -> bool:
        """Whether `values(sheet)` would give the sheet without waiting for a background thread still reading it."""
        if sheet in self._cache or self._read is not None:
            return True
        job = self._pending.get(sheet)
        return job is None or job.done[sheet].is_set()

    def near_sheet(self, sheet: str) -> str | None:
        """The worksheet named almost like `sheet` ("Narrativa (2)" for "Narrativa"), or None."""
        return next((n.sheet for n in L.near_names(self.sheet_names)
                     if n.expected == sheet and n.sheet not in self.chart_sheets), None)

    def missing_sheet(self, sheet: str) -> None:
        """Raise MatricaError for `sheet`, which the workbook lacks: naming the sheet named almost like it when
        there is one ("Matrica (2)", "MATRICA ")."""
        near = self.near_sheet(sheet)
        if near is not None:
            raise MatricaError("sheet_misnamed_required", path=self.path, sheet=sheet, found=near)
        raise MatricaError("sheet_missing", path=self.path, sheet=sheet)

    def _load(self, sheet: str) -> _Loaded:
        """Read `sheet` here and now (the zip's sheet parts are looked up once)."""
        if self._members is None:
            with zipfile.ZipFile(self.path) as z:
                self._members = sheet_members(z)
                self._infos = list(z.filelist)
        return _load_sheet(self.path, self._members, sheet, self._wb)

    def prefetch(self, sheets: Iterable[str]) -> None:
        """Start reading `sheets` (those of them there and not read yet), in that order, on WORKERS background
        threads: python-calamine parses without holding the GIL, so two sheets are parsed at once, and a parse
        overlaps the Python work of the command. `values(sheet)` then waits for the sheet and raises what reading it
        raised; the findings of a sheet (`error_cells`, `stray_cells`, …) count from then, as when it is read there.
        Nothing happens for a workbook read from Excel's values, or where threads cannot start (xlwings Lite runs
        under Pyodide): each sheet is read when it is asked for, as always. Ask only for sheets the command will
        read: the threads stop early only when the program ends (after the sheet they are reading)."""
        if self._read is not None or self._members is None or not THREADS:
            return
        todo = [s for s in dict.fromkeys(sheets)
                if s in self.sheet_names and s in self._members and s not in self._cache and s not in self._pending]
        if not todo:
            return
        job = _Reading(self.path, self._infos, self._members, todo)
        if job.start():
            self._pending.update(dict.fromkeys(todo, job))

    def _keep(self, sheet: str, loaded: _Loaded) -> list[list]:
        """Record what reading `sheet` found, in the order reading finds it, then give its values or raise what
        stopped it."""
        if loaded.xml is not None:
            self.__dict__.setdefault("_xml", {})[sheet] = loaded.xml  # percent_cells reads it again
        if loaded.styles is not None:
            self.__dict__.setdefault("_styles", loaded.styles)
        if loaded.scan is not None:
            self._scans[sheet] = loaded.scan
        if loaded.error is not None:
            raise loaded.error
        return loaded.grid

    def percent_cells(self, sheet: str) -> frozenset[str] | None:
        """The cells of `sheet` shown with a percent number format ("H14"): typing 70% in Excel or LibreOffice
        stores 0.7 with such a format. None when formats cannot be known (a workbook read from Excel's values)."""
        if self._read is not None:
            return None
        if sheet not in self._percent and sheet in self.__dict__.get("_xml", {}):
            self._percent[sheet] = percent_cells(self._xml.pop(sheet), self._styles)
        if sheet not in self._percent:
            with zipfile.ZipFile(self.path) as z:
                if self._members is None:
                    self._members = sheet_members(z)
                member = self._members.get(sheet)
                styles = percent_styles(z) if member else frozenset()
                self._percent[sheet] = percent_cells(z.read(member), styles) if styles else frozenset()
        return self._percent[sheet]

    def error_cells(self) -> dict[str, dict[str, str]]:
        """Cells holding an Excel error value, per sheet read so far: {"Matrica": {"F14": "#REF!"}}."""
        if self._errors is None:
            return {s: scan.errors for s, scan in self._scans.items() if scan.errors}
        return self._errors

    def uncached_formulas(self) -> dict[str, dict[str, str]]:
        """Formula cells without a stored result (read as empty), per sheet read so far: {"Parametrat": {"B6":
        "=B5*2"}}. A workbook open in Excel has none: Excel computes every formula."""
        return {s: scan.uncached for s, scan in self._scans.items() if scan.uncached}

    def stray_cells(self) -> dict[str, tuple[tuple[int, int] | None, dict[str, str]]]:
        """Far-away cells left out of a sheet's values, per sheet read so far: {sheet: ((last row, last column)
        of the data block, {"XFD1048576": "x"})}."""
        return {s: (scan.extent, scan.stray) for s, scan in self._scans.items() if scan.stray}

    def merged_cells(self) -> dict[str, list[str]]:
        """Merged ranges ("H5:H6"), per sheet read so far."""
        return {s: scan.merged for s, scan in self._scans.items() if scan.merged}

    def _identify_plan(self, plans: Mapping[str, Plan]) -> Plan:
        known = ", ".join(plans)
        rows = self.values(L.SHEET_SETTINGS)
        target = fold(L.SETTINGS[0][1])
        for r, row in enumerate(rows[:40], start=1):
            for c, v in enumerate(row[:-1]):
                if fold(v) == target:
                    value = str(row[c + 1]).strip()
                    if value in plans:
                        return plans[value]
                    raise MatricaError("unknown_plan", path=self.path, sheet=L.SHEET_SETTINGS,
                                       cell=f"{col_letter(c + 1)}{r}", value=value, known=known)
        raise MatricaError("unknown_plan", path=self.path, sheet=L.SHEET_SETTINGS, cell="—", value="", known=known)

    def table(self, sheet: str, headers: dict[str, str | tuple[str, ...]],
              required: tuple[str, ...] | None = None) -> SheetTable:
        """Locate `headers` (key -> header text, or its texts: the current one first, then older ones) in the
        first rows of `sheet`; blank rows are dropped. Each table is found once per workbook (the checks, the
        figures and the budget view ask for the same ones)."""
        memo = self.__dict__.setdefault("_tables", {})
        key = (sheet, tuple(headers.items()))  # the same table whatever is required; a missing one raises below
        if key not in memo or any(k not in memo[key].columns for k in (headers if required is None else required)):
            memo[key] = self._table(sheet, headers, required)
        return memo[key]

    def _table(self, sheet: str, headers: dict[str, str | tuple[str, ...]],
               required: tuple[str, ...] | None = None) -> SheetTable:
        rows = self.values(sheet)
        required = tuple(headers) if required is None else required
        wanted = {fold(h): k for k, hs in headers.items() for h in ((hs,) if isinstance(hs, str) else hs)}
        headers = {k: hs if isinstance(hs, str) else hs[0] for k, hs in headers.items()}
        best: tuple[int, dict[str, int]] | None = None
        for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            found: dict[str, int] = {}
            for c, v in enumerate(row):
                k = wanted.get(fold(v))
                if k and k not in found:
                    found[k] = c
            if found and (best is None or len(found) > len(best[1])):
                best = (r, found)
        near: dict[str, tuple[str, str]] = {}
        if best is not None and len(best[1]) < len(headers):
            near = _near_headers(rows[best[0]], wanted, best[1], headers)
        if best is None or any(k not in best[1] for k in required):
            missing = next(k for k in required if best is None or k not in best[1])
            raise MatricaError("header_missing", path=self.path, sheet=sheet, header=headers[missing])
        r0, columns = best
        # a row of only "" (every value calamine gives is a str, number, bool or date: none other equals "") is blank
        data = [(r0 + 2 + i, row) for i, row in enumerate(rows[r0 + 1:]) if row.count("") != len(row)]
        return SheetTable(sheet, r0 + 1, columns, data, missing={k: h for k, h in headers.items() if k not in columns},
                          near_headers=near)

    def monitoring_years(self) -> list[int]:
        """The plan years whose monitoring sheet is there, named exactly ("Monitorimi 2025"). A sheet of a year
        outside the plan, or one named almost right, is not read: `misnamed_sheets` lists them."""
        years = self.plan.years
        return sorted(y for s in self.sheet_names if (y := L.monitoring_year(s)) is not None and y in years)

    def misnamed_sheets(self) -> list[L.NearName]:
        """Each sheet that looks like one Matrica reads but is not read, in the workbook's order: a name almost right
        ("MONITORIMI 2025", "Monitorimi 2025 (2)", "Monitorimi 2O25", "Matrica (2)", "Treguesit "; see
        `layout.near_name`), or a monitoring sheet for a year outside the plan ("Monitorimi 2031", its own
        `expected` name)."""
        years = self.plan.years
        return [n for n in L.near_names(self.sheet_names)
                if (n.expected != n.sheet or n.year not in years) and n.sheet not in self.chart_sheets]

    def year_problem(self, year: int) -> tuple[str, dict] | None:
        """Why `year` cannot be read (a MatricaError's key and values): outside the plan, its sheet named almost
        right (or a monitoring sheet whose year cannot be read from its name), or no sheet; None when its
        monitoring sheet is there."""
        plan = self.plan
        if year not in plan.years:
            return "year_outside", {"year": year, "start": plan.start_year, "end": plan.end_year}
        sheet = L.monitoring_sheet(year)
        if sheet in self.sheet_names:
            return None
        misnamed = self.misnamed_sheets()
        near = ([n.sheet for n in misnamed if n.monitoring and n.year == year]
                or [n.sheet for n in misnamed if n.monitoring and n.year is None])
        if near:
            return "year_sheet_misnamed", {"sheet": sheet, "year": year, "found": near[0]}
        return "year_sheet_missing", {"sheet": sheet, "year": year}

    def require_year(self, year: int) -> None:
        """Raise MatricaError (exit 2, naming the workbook) when `year`'s monitoring sheet cannot be read."""
        problem = self.year_problem(year)
        if problem is not None:
            raise MatricaError(problem[0], path=self.path, **problem[1])


def open_workbook(path: str | Path, plans: Mapping[str, Plan] | None = None, prefetch: Prefetch | None = None,
                  settle_later: bool = False) -> WorkbookData:
    """Open a Matrica workbook; raises MatricaError (exit code 2) when it cannot be read as one. `prefetch` names
    the sheets the command will read, which are then read on background threads from the start; `settle_later`:
    see `WorkbookData.__init__`."""
    return WorkbookData(Path(path), plans, prefetch, settle_later)


def error_cells(path: Path) -> dict[str, dict[str, str]]:
    """Cells holding an Excel error value (#REF!, #DIV/0!, …) per sheet name, e.g. {"Matrica": {"F14": "#REF!"}}.

    python-calamine reads error cells as empty, so they are found in the sheet XML (cells with t="e")."""
    found: dict[str, dict[str, str]] = {}
    with zipfile.ZipFile(path) as z:
        for sheet, member in sheet_members(z).items():
            errors = scan_sheet(z.read(member)).errors
            if errors:
                found[sheet] = errors
    return found
