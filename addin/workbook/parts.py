"""Parts of a workbook: one per responsible institution and year (`matrica split`), and how a part is recognised.

A part is built by the same builder as the plan workbook (`build.new_workbook`), from the plan restricted to the
institution's activities of that year, so it has the same dropdowns, protection, instructions and print setup. The
activities it leads are its input rows; those it is only co-responsible for are shown locked (the rule:
`addin.plan.responsible`). It carries what the source workbook already holds for those rows (a partly filled
workbook can be split again), earlier years' values locked for reference, and a Narrativa block with the texts of
its own fields for its year. Its *Parametrat* sheet names the institution, the year, the source workbook and the
source's SHA-256 checksum (`layout.PART_SETTINGS`): `validate` checks a part as a part and `merge` knows where it
belongs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from addin.common.files import sha256_of
from addin.common.messages import MatricaError
from addin.common.text import fold, is_whole
from addin.plan.model import Institution, Plan
from addin.plan.responsible import Share, find_institution, responsibility, runs_in, share, shares, slug
from addin.workbook import layout as L
from addin.workbook.reader import WorkbookData, open_workbook

ActivityKey = tuple[str, str]


# ---------------------------------------------------------------- what a part is


@dataclass(frozen=True)
class PartInfo:
    """What a part's settings sheet says: whose part, which year, from which workbook."""

    institution: Institution
    year: int
    source: str
    sha256: str
    refs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def _setting_rows(wb: WorkbookData) -> dict[str, tuple[object, str]]:
    """The part rows of the settings sheet: key -> (value, cell)."""
    return wb.labelled({fold(label): key for key, label, _help in L.PART_SETTINGS})


def read_part(wb: WorkbookData) -> PartInfo | None:
    """The part's identity, or None for a workbook that is not a part. A part whose rows cannot be read (an
    institution the plan does not name, a year that is not one) is refused with a sentence naming the cell."""
    rows = _setting_rows(wb)
    if "institution" not in rows:
        return None
    value, ref = rows["institution"]
    institution = find_institution(wb.plan, str(value or ""))
    if institution is None:
        raise MatricaError("part_bad", path=wb.path, cell=ref, value=value or "")
    year_value, year_ref = rows.get("year", ("", "—"))
    year = _year(year_value)
    if year is None or year not in wb.plan.years:
        raise MatricaError("part_bad", path=wb.path, cell=year_ref, value=year_value or "")
    source = str(rows.get("source", ("", ""))[0] or "")
    sha = str(rows.get("sha256", ("", ""))[0] or "").strip().lower()
    return PartInfo(institution, year, source, sha, {k: ref for k, (_v, ref) in rows.items()})


def _year(value: object) -> int | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and is_whole(value):
        return int(value)
    text = str(value or "").strip()
    return int(text) if re.fullmatch(r"\d{4}", text) else None


@dataclass(frozen=True)
class Scope:
    """The rows one institution answers for: per plan year, the activities it leads that run that year. `part` is
    set when the workbook is that institution's part."""

    institution: Institution
    lead: dict[int, frozenset[ActivityKey]]
    part: PartInfo | None = None

    def keys(self, year: int) -> frozenset[ActivityKey]:
        return self.lead.get(year, frozenset())

    @property
    def every(self) -> frozenset[ActivityKey]:
        """The activities it leads in any plan year."""
        return frozenset().union(*self.lead.values()) if self.lead else frozenset()

    def fields(self, year: int | None = None) -> frozenset[str]:
        keys = self.every if year is None else self.keys(year)
        return frozenset(f for f, _c in keys)


def scope_of(plan: Plan, institution: Institution, part: PartInfo | None = None) -> Scope:
    years = [part.year] if part else list(plan.years)
    return Scope(institution, {y: share(plan, institution, y).keys for y in years}, part)


def resolve_scope(wb: WorkbookData, institution: str | None) -> Scope | None:
    """The scope a validation runs in: the part's own institution when the workbook is a part, the institution
    named by `institution` (`--institution`) on a whole workbook, None for the whole workbook."""
    part = read_part(wb)
    named = None
    if institution is not None:
        named = find_institution(wb.plan, institution)
        if named is None:
            raise MatricaError("institution_unknown", path=wb.path, name=institution,
                               known=", ".join(s.institution.code for s in shares(wb.plan, wb.plan.start_year)))
    if part is not None:
        if named is not None and named != part.institution:
            raise MatricaError("part_other_institution", path=wb.path, name=named.label,
                               institution=part.institution.label)
        return scope_of(wb.plan, part.institution, part)
    return scope_of(wb.plan, named) if named is not None else None


# ---------------------------------------------------------------- split


@dataclass(frozen=True)
class Part:
    """What the builder needs to build one part (see `build.new_workbook`)."""

    institution: Institution
    year: int
    locked: frozenset[ActivityKey]  # activities shown for reference: inputs locked
    narrative_plan: Plan  # the plan with the fields of the activities it leads
    follow_up: tuple = ()  # narrative.Recommendation carried into its follow-up table


@dataclass(frozen=True)
class Written:
    """One part written by `split`."""

    institution: Institution
    path: Path
    lead: int  # activities it reports
    shared: int  # activities shown locked
    indicators: int


@dataclass
class SplitResult:
    year: int
    source: Path
    sha256: str
    parts: list[Written] = field(default_factory=list)
    without_part: list[Institution] = field(default_factory=list)  # named only as co-responsible that year


def part_path(out_dir: Path, source: Path, year: int, institution: Institution) -> Path:
    """`<source name>-<year>-<CODE>-<name>.xlsx`: ASCII letters, digits and hyphens only, so the name is valid on
    Windows, in e-mail attachments and on USB sticks."""
    code = re.sub(r"[^A-Za-z0-9]+", "", institution.code) or "X"
    name = slug(institution.name)
    piece = code if slug(code) == name else f"{code}-{name}"
    return Path(out_dir) / f"{slug(source.stem, 60)}-{year}-{piece}.xlsx"


def split(src: Path, year: int, out_dir: Path, names: list[str] | None = None) -> SplitResult:
    """Write one part per institution that leads an activity in `year` (or only those `names` names) into
    `out_dir`. Nothing is overwritten: an existing file of the same name stops the run before anything is written;
    a run that fails leaves none of its files behind."""
    wb = open_workbook(src)
    plan = wb.plan
    if read_part(wb) is not None:
        raise MatricaError("split_part", path=src)
    wb.require_year(year)
    todo = shares(plan, year)
    if names:
        wanted = []
        for name in names:
            inst = find_institution(plan, name)
            if inst is None:
                raise MatricaError("institution_unknown", path=src, name=name,
                                   known=", ".join(s.institution.code for s in todo))
            found = next((s for s in todo if s.institution == inst), None)
            if found is None:
                raise MatricaError("institution_no_activities", path=src, name=inst.label, year=year)
            wanted.append(found)
        todo = wanted
    result = SplitResult(year, Path(src), sha256_of(src))
    leads = {s.institution for s in shares(plan, year)}
    named = [i for a in plan.activities if runs_in(plan, a, year) for i in responsibility(plan, a).institutions]
    result.without_part = [i for i in dict.fromkeys(named) if i not in leads] if not names else []
    _refuse_repeated_rows(wb, year)
    targets = [(s, part_path(out_dir, Path(src), year, s.institution)) for s in todo]
    for _s, path in targets:
        if path.exists():
            raise MatricaError("split_exists", path=path)
    source = Source.read(wb, year)
    written: list[Path] = []
    try:
        for s, path in targets:
            result.parts.append(_write_part(plan, s, source, result, path))
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return result


def _refuse_repeated_rows(wb: WorkbookData, year: int) -> None:
    """A monitoring sheet a part carries (the plan's years up to `year`) with a row key twice stops the split
    (MatricaError naming the sheet, the key and every copy's cell): a part holds one row per indicator, so one
    copy's values would be lost without a word."""
    from operator import attrgetter

    from addin.workbook.monitoring import duplicated_keys, read_entries

    for y in wb.monitoring_years():
        if not wb.plan.start_year <= y <= year:
            continue
        entries = read_entries(wb, y)
        twice = duplicated_keys(entries)
        if twice:
            copies = sorted((e for e in entries if e.key in twice), key=attrgetter("order"))
            first = [e for e in copies if e.key == copies[0].key]
            cells = ", ".join(e.refs["activity"].rsplit("!", 1)[1] if "activity" in e.refs else str(e.row)
                              for e in first)
            raise MatricaError("split_duplicate", path=wb.path, sheet=first[0].sheet, code=first[0].code, cells=cells)


@dataclass(frozen=True)
class Carried:
    """A cell's value as read, and whether it is shown as a percentage (0.7 shown as 70 % is 70 %)."""

    value: object
    percent: bool = False


def percent_format(value: object) -> str:
    """The number format that shows a fraction as the percentage it stands for (0.7 -> 70%, 0.705 -> 70.50%)."""
    whole = isinstance(value, (int, float)) and is_whole(round(value * 100, 9))
    return "0%" if whole else "0.00%"


def write_cell(ws, row: int, col: int, value: object, percent: bool = False, was_percent: bool = False):
    """Write a value read from another workbook: whole numbers as int, text that looks like a formula as text, and
    the percent format it had (a cell that had one and gets a plain number loses it)."""
    from addin.workbook.build import put

    cell = put(ws, row, col, cell_value(value))
    if percent:
        cell.number_format = percent_format(value)
    elif was_percent or "%" in (cell.number_format or ""):
        cell.number_format = "General"
    return cell


@dataclass
class Source:
    """What the source workbook holds that parts carry: entries per year, budget inputs, Narrativa, settings."""

    year: int
    name: str
    example: bool
    entries: dict[int, dict[tuple[str, str, int], dict[str, Carried]]]  # year -> indicator key -> inputs
    matrix: dict[ActivityKey, dict[str, object]]  # budget inputs as typed
    narrative: object  # narrative.Narrative
    settings: dict[str, object]  # threshold key -> value as typed
    programmes: list[str]

    @classmethod
    def read(cls, wb: WorkbookData, year: int) -> Source:
        from addin.workbook.budgetinputs import BUDGET_HEADERS, matrix_headers
        from addin.workbook.budgetinputs import read_programme_list as programmes
        from addin.workbook.example import is_example
        from addin.workbook.monitoring import read_entries
        from addin.workbook.narrative import read_narrative

        entries: dict[int, dict] = {}
        for y in wb.monitoring_years():
            if wb.plan.start_year <= y <= year:
                entries[y] = {(e.indicator.field, e.indicator.activity, e.indicator.n): {
                    c.key: Carried(e.raw.get(c.key), bool(e.percent and c.key in e.percent))
                    for c in L.MONITORING_INPUT_COLUMNS}
                    for e in read_entries(wb, y) if e.indicator is not None}
        table = wb.table(L.SHEET_MATRIX, matrix_headers(wb), ("field", "code"))
        matrix: dict[ActivityKey, dict[str, object]] = {}
        for _row, values in table.rows:
            key = (_code(table.get(values, "field")), _code(table.get(values, "code")))
            matrix.setdefault(key, {k: table.get(values, k) for k in BUDGET_HEADERS if k in table.columns})
        labels = {fold(label): key for key, label, default, _h in L.SETTINGS
                  if key not in ("plan_id", "format_version")}
        settings = {key: value for key, (value, _ref) in wb.labelled(labels).items() if value != ""}
        return cls(year, wb.path.name, is_example(wb), entries, matrix, read_narrative(wb), settings,
                   programmes(wb))


def _code(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def cell_value(value: object) -> object:
    """A value read from a workbook as it is written back: whole numbers as int; NaN and infinities (which a cell
    cannot hold as numbers) as the text they were, for the checks to name them."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def sub_plan(plan: Plan, keys: set[ActivityKey] | frozenset[ActivityKey]) -> Plan:
    """The plan restricted to the activities `keys`, with their indicators, objectives and fields."""
    activities = tuple(a for a in plan.activities if (a.field, a.code) in keys)
    objectives = {(a.field, a.objective) for a in activities}
    return replace(plan, activities=activities,
                   indicators=tuple(i for i in plan.indicators if (i.field, i.activity) in keys),
                   objectives=tuple(o for o in plan.objectives if (o.field, o.code) in objectives),
                   fields=tuple(f for f in plan.fields if f.code in {a.field for a in activities}))


def _write_part(plan: Plan, s: Share, source: Source, result: SplitResult, path: Path) -> Written:
    from addin.workbook.build import new_workbook, save_atomic
    from addin.workbook.narrative import Recommendation

    lead, shared = s.keys, frozenset((a.field, a.code) for a in s.shared)
    sub = sub_plan(plan, lead | shared)
    lead_fields = {f for f, _c in lead}
    narrative = source.narrative
    follow = [e for e in narrative.follow_up(s.year) if e.field in lead_fields]
    part = Part(s.institution, s.year, shared, replace(plan, fields=tuple(f for f in plan.fields
                                                                          if f.code in lead_fields)),
                tuple(Recommendation(e.field, e.text, e.responsible) for e in follow))
    years = [y for y in plan.years if y <= s.year]
    book = new_workbook(sub, years, part)
    _carry(book, sub, part, source, years, follow)
    _mark(book, plan, part, source, result)
    save_atomic(book, path)
    return Written(s.institution, path, len(lead), len(shared), sum(1 for i in sub.indicators
                                                                    if (i.field, i.activity) in lead))


def _carry(book, sub: Plan, part: Part, source: Source, years: list[int], follow: list) -> None:
    """Write into the built part what the source holds for its rows (cells found by the builder's layout)."""
    from addin.workbook.build import matrix_columns, put
    from addin.workbook.narrative import COL, KEYS, block_rows

    col = {c.key: i + 1 for i, c in enumerate(L.MONITORING_COLUMNS)}
    for y in years:
        ws = book[L.monitoring_sheet(y)]
        values = source.entries.get(y, {})
        for r, i in enumerate(sub.indicators, start=L.FIRST_DATA_ROW):
            for key, carried in values.get((i.field, i.activity, i.n), {}).items():
                if carried.value is not None:
                    write_cell(ws, r, col[key], carried.value, carried.percent)
    ws = book[L.SHEET_MATRIX]
    keys = [c.key for c in matrix_columns(sub)] + [c.key for c in L.MATRIX_BUDGET_COLUMNS]
    for r, a in enumerate(sub.activities, start=L.FIRST_DATA_ROW):
        for key, value in source.matrix.get((a.field, a.code), {}).items():
            if value is not None:
                put(ws, r, keys.index(key) + 1, cell_value(value))
    ws = book[L.SHEET_NARRATIVE]
    narrative = source.narrative
    rows = block_rows(part.narrative_plan, part.year, part.follow_up, plan_level=False)
    follow_rows = iter(follow)
    for r, row in enumerate(rows, start=L.FIRST_DATA_ROW):
        label, field_code = row.values[COL["part"]], row.values[COL["field"]]
        part_key = next(k for k, (lbl, _scope) in L.NARRATIVE_PARTS.items() if lbl == label)
        if part_key == "follow_up":
            entry = next(follow_rows, None)
            if entry is not None:
                for key in ("status", "comment"):
                    value = getattr(entry, key)
                    if value not in (None, ""):
                        put(ws, r, KEYS.index(key) + 1, cell_value(value))
            continue
        entries = narrative.of(part.year, part_key, field_code)
        text = "\n".join(e.text for e in entries if e.text)
        responsible = "\n".join(dict.fromkeys(e.responsible for e in entries if e.responsible))
        if text:
            put(ws, r, COL["text"] + 1, text)
        if responsible and part_key == "recommendations":
            put(ws, r, COL["responsible"] + 1, responsible)
    ws = book[L.SHEET_SETTINGS]
    for r, (key, *_rest) in enumerate(L.SETTINGS, start=L.FIRST_DATA_ROW):
        if key in source.settings:
            put(ws, r, 2, cell_value(source.settings[key]))
    ws = book[L.SHEET_LISTS]
    c = [k for k, _h in L.LIST_COLUMNS].index("programmes") + 1
    for r, name in enumerate(source.programmes, start=L.FIRST_DATA_ROW):
        put(ws, r, c, name)


def _mark(book, plan: Plan, part: Part, source: Source, result: SplitResult) -> None:
    """Say everywhere whose part this is: the guide's first lines, the settings rows, sheet titles and print
    headers; and "SHEMBULL" where the source holds example data."""
    from openpyxl.styles import Alignment, Font

    from addin.workbook.build import BORDER, PLAN_FILL, put

    label = part.institution.label
    guide = book[L.SHEET_GUIDE]
    guide.insert_rows(2, 4)
    lines = [
        (f"PJESË E LIBRIT PËR: {label} · monitorimi i vitit {part.year}", Font(bold=True, size=13, color="1F4E79")),
        (f"Kjo pjesë ka vetëm aktivitetet e vitit {part.year} që udhëheq institucioni juaj (i pari i emëruar te "
         "përgjegjësit në plan): plotësoni qelizat e verdha të fletës "
         f"{L.monitoring_sheet(part.year)} dhe tekstet e fushave tuaja te {L.SHEET_NARRATIVE}. Rreshtat gri të "
         "kyçur janë aktivitete ku jeni bashkëpërgjegjës (i raporton institucioni që udhëheq) ose vlerat e viteve "
         "të kaluara. Kthejeni skedarin grupit të monitorimit, që e bashkon në librin e planit me matrica merge.",
         None),
        (f"Libri burim: {source.name} · SHA-256: {result.sha256}", Font(italic=True, color="595959")),
    ]
    for r, (text, font) in enumerate(lines, start=2):
        cell = put(guide, r, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if font:
            cell.font = font
    guide.row_dimensions[3].height = 62
    ws = book[L.SHEET_SETTINGS]
    first = L.FIRST_DATA_ROW + len(L.SETTINGS) + len(L.REPORT_SETTINGS)
    values = {"institution": label, "year": part.year, "source": source.name, "sha256": result.sha256}
    for r, (key, text, help_) in enumerate(L.PART_SETTINGS, start=first):
        for c, value in enumerate((text, values[key], help_), start=1):
            cell = put(ws, r, c, value)
            cell.fill, cell.border = PLAN_FILL, BORDER
            cell.alignment = Alignment(wrap_text=c == 3, vertical="top")
    last = first + len(L.PART_SETTINGS) - 1
    for table in ws.tables.values():
        table.ref = f"{table.ref.split(':')[0]}:C{last}"
        if table.autoFilter is not None:
            table.autoFilter.ref = table.ref
    for sheet in (L.monitoring_sheet(part.year), L.SHEET_NARRATIVE):
        title = book[sheet].cell(L.TITLE_ROW, 1)
        title.value = f"{title.value} — pjesa e {label}"
    for y in (y for y in plan.years if y < part.year and L.monitoring_sheet(y) in book.sheetnames):
        put(book[L.monitoring_sheet(y)], L.SUBTITLE_ROW, 1,
            f"Vetëm për lexim: vlerat e vitit {y} siç janë në librin burim {source.name}.")
    shown = label.replace("&", "&&")
    for ws in book.worksheets:
        ws.oddHeader.left.text = f"{ws.oddHeader.left.text or plan.short_title} — {shown}"
    book.properties.title = f"{plan.title} — pjesa e {label} ({part.year})"
    if source.example:
        from addin.workbook.example import banner, mark_example

        for y in source.entries:
            if L.monitoring_sheet(y) in book.sheetnames:
                banner(book[L.monitoring_sheet(y)])
        mark_example(book, 7)
