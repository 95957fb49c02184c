"""`matrica merge`: the entries of each part (`matrica split`) copied into a copy of the plan workbook.

Every input is an *slot*: a cell people fill, named by its key, never by its position: a monitoring input by (field,
code, indicator number) and column, a budget input on *Matrica* by (field, code), a Narrativa text by (year, part,
field), a row of the follow-up table by (year, field, the recommendation's text). A part gives the slots of the
activities it leads (and the texts of their fields); what it shows locked is not taken.

For each slot: an empty cell in a part is no entry (nothing is erased). When the parts agree and the workbook's cell
is empty or equal, the value is copied (or nothing changes). When two parts disagree, or a part and the workbook do,
nothing is chosen: the conflict is listed, and the workbook's cell keeps its value. One case is not a conflict: a
part made from this very workbook (its recorded SHA-256 is the workbook's) that changed a value the workbook holds
has corrected what it was given, and its value is taken; the same part emptying a value it was given is a conflict.
Every value copied is logged with its source file on the *Bashkimi* sheet (with the log of earlier merges kept), the
conflicts of this run above it. Merging a part again changes nothing. Text is compared as the checks compare a
vocabulary (case, spaces and "ё" aside), numbers as numbers.

Parts of another plan or year, files that are not parts or cannot be read, and parts whose plan cells were edited
are refused, one sentence each, before anything is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from addin.checks.findings import Finding
from addin.common.files import sha256_of
from addin.common.messages import MatricaError, t
from addin.common.text import fold
from addin.workbook import layout as L
from addin.workbook.narrative import Narrative, read_narrative
from addin.workbook.parts import PartInfo, read_part, scope_of
from addin.workbook.reader import WorkbookData, open_workbook

WORKBOOK = "workbook"  # the source of a value already in the workbook
# Refusing a part: the rules whose findings mean its plan cells are not the plan's (a missing status is an entry
# still to make, not an edit: only an emptied plan cell counts).
EDIT_RULES = ("plan-edited", "unknown-indicator", "orphan-indicator", "duplicate-code")
NARRATIVE_TEXT_PARTS = ("achievements", "challenges", "recommendations")
MONITORING_HEADERS = {c.key: c.header for c in L.MONITORING_INPUT_COLUMNS}
LOG_COLUMNS = ("kind", "sheet", "cell", "code", "column", "value", "file", "sha256", "other_value", "other_file")


@dataclass(frozen=True)
class Slot:
    """One input, by key: `kind` monitoring | matrix | narrative | follow_up."""

    kind: str
    key: tuple
    column: str


@dataclass
class Value:
    value: object
    file: str  # the part's path, or WORKBOOK
    sha256: str = ""


@dataclass
class Target:
    """Where a slot is in a workbook: its sheet and cell (None when the workbook has no such row yet), its value,
    and how people name it (the row's code, the column's header)."""

    sheet: str
    ref: str | None
    value: object
    code: str
    header: str
    extra_refs: tuple[str, ...] = ()  # more cells of the same key (Narrativa rows people added): cleared on replace
    text: str = ""  # a follow-up row's recommendation as typed (its key holds it folded)
    percent: bool = False  # a number shown as a percentage (0.7 shown as 70 % is 70 %)
    compare: str | None = None  # the value as compared (`norm`), None for an empty cell

    def __post_init__(self):
        if self.compare is None:
            self.compare = norm(self.value)


@dataclass
class Part:
    path: Path
    info: PartInfo
    sha256: str
    wb: WorkbookData
    based: bool  # made from this very workbook
    merged: int = 0


@dataclass
class Merged:
    slot: Slot
    target: Target
    value: object
    source: Part
    percent: bool = False  # shown as a percentage in the part


@dataclass
class Conflict:
    slot: Slot
    target: Target
    values: list[Value]


@dataclass
class MergeResult:
    workbook: Path
    out: Path
    year: int
    plan_id: str
    parts: list[Part]
    merged: list[Merged] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: int = 0
    log: list[list[object]] = field(default_factory=list)  # earlier merges' rows of the Bashkimi sheet


def norm(value: object) -> str | None:
    """A value as compared: None for empty, numbers as numbers (12 = 12.0), texts folded (case, spaces, "ё")."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return f"b:{value}"
    if isinstance(value, (int, float)):
        return f"n:{round(float(value), 9)!r}"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return f"d:{value.isoformat()}"
    text = fold(value)
    return f"t:{text}" if text else None


def norm_reading(reading) -> str | None:
    """A number cell as compared: by what it reads as (70 typed and 0.7 shown as 70 % are the same entry; a number
    typed as text is not the number)."""
    if reading.value is None:
        return norm(reading.stored)
    return f"{'s' if reading.text else 'n'}:{round(reading.value, 9)!r}"


def shown(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


# ---------------------------------------------------------------- reading slots


def monitoring_slots(wb: WorkbookData, year: int, keys: frozenset | None = None) -> dict[Slot, Target]:
    """The year's monitoring inputs by key (rows of `keys` activities only, when given; the first row of a key
    that appears twice)."""
    from addin.workbook.monitoring import cell_reading, column_kind, read_entries

    out: dict[Slot, Target] = {}
    for e in read_entries(wb, year):
        i = e.indicator
        if i is None or (keys is not None and (i.field, i.activity) not in keys):
            continue
        for c in L.MONITORING_INPUT_COLUMNS:
            slot = Slot("monitoring", (i.field, i.activity, i.n), c.key)
            if slot not in out and c.key in e.refs:
                kind = column_kind(c.key, i)
                reading = cell_reading(e, c.key) if kind not in (None, "milestone") else None
                out[slot] = Target(e.sheet, e.refs[c.key], e.raw.get(c.key), f"{i.field} {i.activity} #{i.n}",
                                   c.header, percent=bool(e.percent and c.key in e.percent),
                                   compare=norm_reading(reading) if reading is not None else None)
    return out


def matrix_slots(wb: WorkbookData, keys: frozenset | None = None) -> dict[Slot, Target]:
    """The budget directorate's inputs on *Matrica* by (field, code)."""
    from addin.workbook.budgetinputs import BUDGET_HEADERS, matrix_headers
    from addin.workbook.parts import _code

    table = wb.table(L.SHEET_MATRIX, matrix_headers(wb), ("field", "code"))
    out: dict[Slot, Target] = {}
    for row, values in table.rows:
        key = (_code(table.get(values, "field")), _code(table.get(values, "code")))
        if keys is not None and key not in keys:
            continue
        for k, header in BUDGET_HEADERS.items():
            slot = Slot("matrix", key, k)
            if k in table.columns and slot not in out:
                out[slot] = Target(L.SHEET_MATRIX, table.ref(row, k), table.get(values, k), " ".join(key), header)
    return out


def narrative_slots(n: Narrative, year: int, fields: set[str] | None, plan) -> dict[Slot, Target]:
    """Narrativa's texts of the fields (`fields`, or all) for `year`: each block's text joined over the rows of its
    key, and the follow-up rows by their recommendation's text."""
    out: dict[Slot, Target] = {}
    headers = {c.key: c.header for c in L.NARRATIVE_COLUMNS}
    for f in plan.fields:
        if fields is not None and f.code not in fields:
            continue
        for part in NARRATIVE_TEXT_PARTS:
            entries = n.of(year, part, f.code)
            columns = ("text", "responsible") if part == "recommendations" else ("text",)
            for column in columns:
                values = [getattr(e, column) for e in entries if getattr(e, column)]
                joined = "\n".join(dict.fromkeys(values) if column == "responsible" else values) or None
                refs = tuple(e.refs[column] for e in entries if column in e.refs)
                out[Slot("narrative", (year, part, f.code), column)] = Target(
                    L.SHEET_NARRATIVE, refs[0] if refs else None, joined, f"{year} {f.code} · "
                    f"{L.NARRATIVE_PARTS[part][0]}", headers[column], refs[1:])
    for e in n.follow_up(year):
        if not e.text or (fields is not None and e.field not in fields):
            continue
        for column in ("text", "responsible", "status", "comment"):
            slot = Slot("follow_up", (year, e.field, fold(e.text)), column)
            if slot not in out:
                out[slot] = Target(L.SHEET_NARRATIVE, e.refs.get(column), getattr(e, column) or None,
                                   f"{year} {e.field} · {_short(e.text)}", headers[column], text=e.text)
    return out


def slots_of(wb: WorkbookData, year: int, keys: frozenset | None = None, fields: set[str] | None = None
             ) -> dict[Slot, Target]:
    return {**monitoring_slots(wb, year, keys), **matrix_slots(wb, keys),
            **narrative_slots(read_narrative(wb), year, fields, wb.plan)}


# ---------------------------------------------------------------- refusing parts


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _refusal(path: Path, key: str, **values):
    """One sentence, rendered later in the caller's language (a MatricaError among the values is rendered too)."""
    def render(lang: str) -> str:
        return t(key, lang, path=path, **{k: v.message(lang) if isinstance(v, (MatricaError, Finding)) else v
                                          for k, v in values.items()})
    return render


def open_parts(book: WorkbookData, book_sha: str, paths: list[Path], year: int | None) -> tuple[list[Part], int,
                                                                                               list]:
    """The parts, checked; returns (parts, year, refusals) where each refusal renders one sentence."""
    from addin.checks.validate import validate_workbook

    parts, refusals = [], []
    for path in paths:
        try:
            wb = open_workbook(path)
            info = read_part(wb)
        except MatricaError as exc:  # its own sentence names the file and what is wrong with it
            refusals.append(exc.message)
            continue
        if wb.plan.id != book.plan.id:
            refusals.append(_refusal(path, "merge_other_plan", plan=wb.plan.id, expected=book.plan.id))
            continue
        if info is None:
            refusals.append(_refusal(path, "merge_not_part"))
            continue
        if year is None:
            year = info.year
        if info.year != year:
            refusals.append(_refusal(path, "merge_other_year", part_year=info.year, year=year))
            continue
        try:
            report = validate_workbook(wb)
        except MatricaError as exc:
            refusals.append(exc.message)
            continue
        unread = _unread_sheet(path, wb, report)
        if unread is not None:
            refusals.append(unread)
            continue
        edited = [f for f in report.findings if f.rule in EDIT_RULES or (
            f.rule == "missing-value" and getattr(f.params.get("what"), "key", "") == "what:plan-cell")]
        missing = _missing_rows(wb, info)
        if edited or missing:
            where = (edited[0].cell or edited[0].code) if edited else missing[0]
            refusals.append(_refusal(path, "merge_edited", cell=where or "—"))
            continue
        sha = sha256_of(path)
        parts.append(Part(Path(path), info, sha, wb, info.sha256 == book_sha))
    return parts, year, refusals


def _unread_sheet(path: Path, wb: WorkbookData, report):
    """The refusal of a part a sheet of which cannot be read, so that its values would look emptied (conflicts
    with every text the workbook has): a sheet named almost right (the finding saying so), or its Narrativa gone;
    None when every sheet is there."""
    misnamed = next((f for f in report.findings if f.rule == "sheet-misnamed" and f.severity == "error"), None)
    if misnamed is not None:
        return _refusal(path, "merge_part_sheet", detail=misnamed)
    if L.SHEET_NARRATIVE not in wb.sheet_names:
        return _refusal(path, "merge_part_sheet_missing", sheet=L.SHEET_NARRATIVE)
    return None


def _missing_rows(wb: WorkbookData, info: PartInfo) -> list[str]:
    """The indicators of the part's activities that its year's sheet lacks."""
    from addin.workbook.monitoring import read_entries

    if L.monitoring_sheet(info.year) not in wb.sheet_names:
        return [L.monitoring_sheet(info.year)]
    keys = scope_of(wb.plan, info.institution, info).keys(info.year)
    have = {(e.indicator.field, e.indicator.activity, e.indicator.n) for e in read_entries(wb, info.year)
            if e.indicator}
    return [f"{i.field} {i.activity} #{i.n}" for i in wb.plan.indicators
            if (i.field, i.activity) in keys and (i.field, i.activity, i.n) not in have]


# ---------------------------------------------------------------- merging


def merge(workbook: Path, part_paths: list[Path], out: Path, year: int | None = None) -> MergeResult:
    """Merge the parts into a copy of `workbook` written to `out` (the inputs are only read). MatricaError (exit 2)
    when an input is refused, before anything is written."""
    workbook, out = Path(workbook), Path(out)
    if any(out.resolve() == p.resolve() for p in [workbook, *map(Path, part_paths)]):
        raise MatricaError("same_file", path=out)
    book = open_workbook(workbook)
    if read_part(book) is not None:
        raise MatricaError("merge_into_part", path=workbook)
    book_sha = sha256_of(workbook)
    parts, year, refusals = open_parts(book, book_sha, [Path(p) for p in part_paths], year)
    if year is not None and (problem := book.year_problem(year)) is not None:
        refusals.append(_refusal(workbook, problem[0], **problem[1]))
    if refusals:
        raise MergeRefused(refusals)
    if year is None:
        raise MatricaError("merge_no_parts", path=workbook)
    result = MergeResult(workbook, out, year, book.plan.id, parts, log=read_log(book))
    decide(result, slots_of(book, year), [(p, _part_slots(p)) for p in parts])
    write_merged(result, book)
    return result


def _part_slots(p: Part) -> dict[Slot, Target]:
    scope = scope_of(p.wb.plan, p.info.institution, p.info)
    keys = scope.keys(p.info.year)
    return slots_of(p.wb, p.info.year, keys, {f for f, _c in keys})


def decide(result: MergeResult, book: dict[Slot, Target], parts: list[tuple[Part, dict[Slot, Target]]]) -> None:
    """For each slot the parts give: copy, leave, or list a conflict (the rules in the module's docstring). The
    candidates of all parts are one table (pandas), grouped by slot in the order the parts were given."""
    import pandas as pd

    rows = [{"slot": slot, "part": i, "target": target}
            for i, (_p, slots) in enumerate(parts) for slot, target in slots.items()]
    if not rows:
        return
    table = pd.DataFrame(rows, columns=["slot", "part", "target"], dtype=object)
    for slot, group in table.groupby("slot", sort=False):
        given = [(parts[int(i)][0], target) for i, target in group[["part", "target"]].itertuples(index=False)]
        target = book.get(slot)
        if target is None:  # the workbook has no such row
            target = replace(given[0][1], ref=None, value=None, extra_refs=(), percent=False, compare=None)
        _decide_slot(result, slot, target, given, slot in book)


def _decide_slot(result: MergeResult, slot: Slot, target: Target, given: list[tuple[Part, Target]],
                 in_book: bool) -> None:
    w = target.compare
    filled = [(p, pt) for p, pt in given if pt.compare is not None]
    if not filled:
        cleared = [p for p, _pt in given if p.based]
        if w is not None and cleared:  # a value the part was given, emptied: never erased silently
            result.conflicts.append(Conflict(slot, target, [Value(target.value, WORKBOOK)] + [
                Value(None, str(p.path), p.sha256) for p in cleared]))
        return
    firsts: dict[str, tuple[Part, Target]] = {}
    for p, pt in filled:
        firsts.setdefault(pt.compare, (p, pt))
    values = [Value(pt.value, str(p.path), p.sha256) for p, pt in firsts.values()]
    if not in_book and slot.kind in ("monitoring", "matrix"):  # a row the workbook lacks: nowhere to put it
        result.conflicts.append(Conflict(slot, target, [Value(None, WORKBOOK), *values]))
        return
    if len(firsts) > 1:
        book_value = [Value(target.value, WORKBOOK)] if w is not None and w not in firsts else []
        result.conflicts.append(Conflict(slot, target, book_value + values))
        return
    ((n, (source, chosen)),) = firsts.items()
    if w == n:
        result.unchanged += 1
        return
    if w is not None and not all(p.based for p, _pt in filled):
        result.conflicts.append(Conflict(slot, target, [Value(target.value, WORKBOOK), values[0]]))
        return
    source.merged += 1
    result.merged.append(Merged(slot, target, chosen.value, source, chosen.percent))


class MergeRefused(MatricaError):
    """Inputs refused: one sentence each."""

    def __init__(self, sentences: list):
        super().__init__("merge_refused", sentences="")
        self.sentences = sentences

    def message(self, lang: str = "sq") -> str:
        return "\n".join([*(s(lang) for s in self.sentences), t("merge_refused", lang)])


# ---------------------------------------------------------------- writing the copy


def read_log(book: WorkbookData) -> list[list[object]]:
    """The values logged by earlier merges on the workbook's Bashkimi sheet (their conflicts are not kept: they are
    found again while they last)."""
    if L.SHEET_MERGE not in book.sheet_names:
        return []
    headers = dict(zip(LOG_COLUMNS, t("merge_log_headers", "sq").split("|"), strict=True))
    try:
        table = book.table(L.SHEET_MERGE, headers, ("kind", "cell", "value"))
    except MatricaError:
        return []
    merged = fold(t("merge_kind:merged", "sq"))
    return [[shown(table.get(values, k)) for k in LOG_COLUMNS] for _row, values in table.rows
            if fold(table.get(values, "kind")) == merged]


def write_merged(result: MergeResult, book: WorkbookData) -> None:
    """The copy: each merged value in its cell, Narrativa rows added where the workbook had none for a key, and the
    Bashkimi sheet; written to a temporary file and renamed."""
    from addin.workbook.build import save_atomic
    from addin.workbook.parts import write_cell

    wb = _load_copy(result.workbook)
    narrative = read_narrative(book)
    added: list = []
    for m in result.merged:
        if m.target.ref is None:
            added.append(m)
            continue
        sheet, ref = _address(m.target.ref)
        write_cell(wb[sheet], *_row_col(ref), m.value, m.percent, m.target.percent)
        if m.slot.kind == "narrative":
            for extra in m.target.extra_refs:  # the part's text replaces the joined text of several rows
                sheet2, ref2 = _address(extra)
                wb[sheet2][ref2].value = None
    if added:
        _add_narrative_rows(wb, book, narrative, result.year, added)
    write_log_sheet(wb, result)
    save_atomic(wb, result.out)


def _load_copy(path: Path):
    """The workbook opened with openpyxl to write the copy (charts and images a person added are not kept by
    openpyxl: the copy is a new file, the input stays as it is)."""
    from openpyxl import load_workbook

    try:
        return load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm")
    except Exception as exc:  # openpyxl is stricter than the reader (a damaged style part, …)
        raise MatricaError("merge_copy_unreadable", path=path, detail=f"{type(exc).__name__}: {str(exc)[:160]}"
                           ) from None


def _cell(value: object) -> object:
    from addin.workbook.parts import cell_value

    return cell_value(value)


def _address(ref: str) -> tuple[str, str]:
    sheet, cell = ref.rsplit("!", 1)
    return sheet.strip("'").replace("''", "'"), cell


def _row_col(ref: str) -> tuple[int, int]:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, row = coordinate_from_string(ref)
    return row, column_index_from_string(letters)


def _add_narrative_rows(wb, book: WorkbookData, narrative: Narrative, year: int, added: list[Merged]) -> None:
    """Slots the workbook had no row for: a field's block missing from the year (appended), or a row of the
    follow-up table (into an empty row of the year's table, else appended)."""
    from openpyxl.utils import get_column_letter

    from addin.workbook.narrative import KEYS, CarryPlan, Recommendation, follow_up_row, text_row
    from addin.workbook.newyear import apply_carry

    carry = CarryPlan(year, first_new_row=narrative.last_row + 1, columns=dict(narrative.columns))
    col = carry.columns
    empty = iter([e.row for e in narrative.of(year, "follow_up") if not e.filled])
    groups: dict[tuple, list[Merged]] = {}
    for m in added:
        groups.setdefault((m.slot.kind, m.slot.key), []).append(m)
    for (kind, key), merged in groups.items():
        values = {m.slot.column: _cell(m.value) for m in merged}
        r = None
        if kind == "narrative":
            y, part, field_code = key
            title = next((f.title for f in book.plan.fields if f.code == field_code), "")
            row = text_row(y, part, field_code, title, str(values.get("text") or ""),
                           str(values.get("responsible") or ""))
        else:
            y, field_code, _folded = key
            r = next(empty, None)
            if r is not None:
                for k, v in {"field": field_code, "text": merged[0].target.text, **values}.items():
                    carry.cells[(r, col[k])] = v
                row = None
            else:
                row = follow_up_row(y, Recommendation(field_code, merged[0].target.text,
                                                      str(values.get("responsible") or "")))
                for k in ("status", "comment"):
                    row.values[KEYS.index(k)] = values.get(k)
        if row is not None:
            r = carry.first_new_row + len(carry.appended)
            carry.appended.append(row)
        for m in merged:
            m.target.ref = f"'{L.SHEET_NARRATIVE}'!{get_column_letter(col[m.slot.column] + 1)}{r}"
    apply_carry(wb, book.plan, carry)


def write_log_sheet(wb, result: MergeResult, lang: str = "sq") -> None:
    """The Bashkimi sheet: this run's conflicts, then every value merged so far with its source file."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.hyperlink import Hyperlink

    from addin.workbook.build import HEADER_FILL, HEADER_FONT, put

    if L.SHEET_MERGE in wb.sheetnames:
        del wb[L.SHEET_MERGE]
    ws = wb.create_sheet(L.SHEET_MERGE, 0 if result.conflicts else len(wb.sheetnames))
    rows = [*conflict_rows(result, lang), *result.log, *merged_rows(result, lang)]
    total = len(result.log) + len(result.merged)
    put(ws, 1, 1, t("merge_title", lang, year=result.year)).font = Font(bold=True, size=13, color="1F4E79")
    put(ws, 2, 1, t("merge_sheet_summary", lang, merged=total, conflicts=len(result.conflicts))).font = Font(bold=True)
    put(ws, 3, 1, t("merge_sheet_help", lang)).font = Font(italic=True, color="595959")
    header_row = 4
    for c, header in enumerate(t("merge_log_headers", lang).split("|"), start=1):
        cell = put(ws, header_row, c, header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    red = PatternFill("solid", fgColor="F8CBAD")
    conflict = t("merge_kind:conflict", lang)
    for r, values in enumerate(rows, start=header_row + 1):
        for c, value in enumerate(values, start=1):
            put(ws, r, c, shown(value)).alignment = Alignment(vertical="top", wrap_text=c in (4, 6, 9))
        if values[0] == conflict:
            ws.cell(r, 1).fill = red
        ref = values[2]
        if ref and "!" in str(ref):
            sheet, cell_ref = _address(str(ref))
            if sheet in wb.sheetnames:
                cell = ws.cell(r, 3)
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote_sheetname(sheet)}!{cell_ref}",
                                           display=str(ref))
                cell.font = Font(color="0563C1", underline="single")
    for c, width in enumerate((11, 16, 24, 22, 22, 36, 40, 18, 36, 40), start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"


def conflict_rows(result: MergeResult, lang: str) -> list[list[object]]:
    rows = []
    kind = t("merge_kind:conflict", lang)
    for c in result.conflicts:
        first, *others = c.values
        for other in others:
            rows.append([kind, _sheet_of(c), c.target.ref or "—", c.target.code, c.target.header, shown(first.value),
                         _file(first, lang), first.sha256, shown(other.value), _file(other, lang)])
    return rows


def merged_rows(result: MergeResult, lang: str) -> list[list[object]]:
    kind = t("merge_kind:merged", lang)
    return [[kind, _sheet_of(m), m.target.ref, m.target.code, m.target.header, shown(m.value), m.source.path.name,
             m.source.sha256, None, None] for m in result.merged]


def _sheet_of(x: Merged | Conflict) -> str:
    return x.target.sheet


def _file(v: Value, lang: str) -> str:
    return t("merge_workbook", lang) if v.file == WORKBOOK else Path(v.file).name


def result_dict(result: MergeResult, lang: str = "sq") -> dict:
    """The merge as JSON: the parts, every value merged with its source, every conflict with all its values."""
    def value(v: Value) -> dict:
        return {"value": shown(v.value), "file": v.file if v.file == WORKBOOK else str(v.file), "sha256": v.sha256}

    return {
        "workbook": str(result.workbook), "out": str(result.out), "plan": result.plan_id, "year": result.year,
        "valid": not result.conflicts,
        "counts": {"merged": len(result.merged), "unchanged": result.unchanged, "conflicts": len(result.conflicts)},
        "parts": [{"path": str(p.path), "institution": p.info.institution.code, "name": p.info.institution.name,
                   "sha256": p.sha256, "made_from_this_workbook": p.based, "merged": p.merged} for p in result.parts],
        "merged": [{"sheet": _sheet_of(m), "cell": m.target.ref, "code": m.target.code, "column": m.target.header,
                    "value": shown(m.value), "file": str(m.source.path), "sha256": m.source.sha256}
                   for m in result.merged],
        "conflicts": [{"sheet": _sheet_of(c), "cell": c.target.ref, "code": c.target.code, "column": c.target.header,
                       "values": [value(v) for v in c.values]} for c in result.conflicts],
    }
