"""The budget view as files a budget office works with (`matrica budget --out`).

- `.xlsx`: a read-me sheet, one tidy Excel table (*Të dhënat*, one row per activity × year, filterable, ready for a
  PivotTable) and formatted summary sheets whose totals are Excel formulas (SUMIFS / COUNTIFS over that table),
  so a person can check every total against the rows and they stay right if rows are edited;
- `.csv`: the same table, UTF-8 with a BOM (so Excel shows ë and ç), `;` (decimal comma) or `,` (decimal point).

Text a person typed that starts with =, +, - or @ is written as text, never as a formula. Files are written to a
temporary file and renamed into place; the workbook read is never written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from addin.common.files import write_atomic
from addin.common.messages import MatricaError, t
from addin.common.text import FORMULA_PREFIXES
from addin.figures.budget import (
    BudgetData,
    BudgetLine,
    flag_text,
    group_label,
    group_totals,
    period_totals,
    years_text,
)
from addin.figures.summary import source_label

TABLE = "tbl_buxheti"
DATA_SHEET = "Të dhënat"
README_SHEET = "Lexo"
GROUP_SHEETS = {"field": "Sipas fushës", "source": "Sipas burimit", "institution": "Sipas institucionit",
                "programme": "Sipas programit", "reporter": "Sipas raportuesit"}
YEARS_SHEET = "Sipas viteve"
NO_DATA = "pa të dhëna"
NOT_PLANNED = "—"


@dataclass(frozen=True)
class Col:
    key: str
    header: str  # Albanian, as in the table (also its structured-reference name)
    width: float
    kind: str = "text"  # text, lek, pct, int


COLUMNS = (
    Col("year", "Viti", 7, "int"),
    Col("field", "Fusha", 34),
    Col("objective", "Objektivi", 9),
    Col("code", "Kodi", 11),
    Col("activity", "Aktiviteti", 50),
    Col("institution", "Institucioni përgjegjës", 40),
    Col("programme", "Programi buxhetor", 28),
    Col("source", "Burimi i financimit", 34),
    Col("funding_printed", "Burimi në tekstin e planit", 28),
    Col("shared", "Disa burime pa ndarje", 10),
    Col("scheduled", "Në plan për vitin", 10),
    Col("quantified", "Kosto e kuantifikuar", 10),
    Col("cost_printed", "Kostimi në plan", 26),
    Col("planned", "Planifikuar (lekë)", 14, "lek"),
    Col("estimated", "Kosto e vlerësuar nga bashkia (vlerësim, lekë)", 16, "lek"),
    Col("allocated", "Alokuar (lekë)", 14, "lek"),
    Col("spent", "Shpenzuar (lekë)", 14, "lek"),
    Col("spent_source", "Burimi i raportuar i shpenzimit", 28),
    Col("reporter", "Raportuar nga", 28),
    Col("execution_pct", "Realizimi ndaj planit (%)", 11, "pct"),
    Col("execution_allocated_pct", "Realizimi ndaj alokimit (%)", 11, "pct"),
    Col("cum_planned", "Planifikuar kumulativ (lekë)", 14, "lek"),
    Col("cum_allocated", "Alokuar kumulativ (lekë)", 14, "lek"),
    Col("cum_spent", "Shpenzuar kumulativ (lekë)", 14, "lek"),
    Col("share_pct", "Pjesa e totalit të periudhës (%)", 11, "pct"),
    Col("flags", "Sinjalizime", 40),
)
GROUP_COLUMN = {"field": "field", "source": "source", "institution": "institution", "programme": "programme",
                "reporter": "reporter"}


def _yes(value: bool) -> str:
    return "po" if value else "jo"


def table_rows(data: BudgetData, lang: str = "sq") -> list[list[object]]:
    """The tidy table's rows, one per activity × year, values as they go into cells (None: empty cell)."""
    from addin.common.vocab import FUNDING, label

    def r1(v: float | None) -> float | None:
        return None if v is None else round(v, 1)

    labels: dict[tuple[str, str], str] = {}

    def group(by: str, key: str) -> str:
        if (by, key) not in labels:
            labels[(by, key)] = group_label(data, by, key, lang)
        return labels[(by, key)]

    rows = []
    for b in data.lines:
        values = {
            "year": b.year, "field": group("field", b.field), "objective": b.objective, "code": b.code,
            "activity": b.activity, "institution": group("institution", b.institution),
            "programme": group("programme", b.programme or ""), "source": source_label(b.source, lang),
            "funding_printed": b.funding_printed or None, "shared": _yes(b.shared), "scheduled": _yes(b.scheduled),
            "quantified": _yes(b.quantified) if data.has_costs else None, "cost_printed": b.cost_printed or None,
            "planned": b.planned, "estimated": b.estimated, "allocated": b.allocated, "spent": b.spent,
            "spent_source": label(FUNDING, b.spent_source, lang) if b.spent_source in FUNDING else None,
            "reporter": group("reporter", b.reported_by or ""),
            "execution_pct": r1(b.execution_pct), "execution_allocated_pct": r1(b.execution_allocated_pct),
            "cum_planned": b.cum_planned, "cum_allocated": b.cum_allocated, "cum_spent": b.cum_spent,
            "share_pct": r1(b.share_pct), "flags": "; ".join(flag_text(f, data.margin, lang) for f in b.flags) or None,
        }
        rows.append([values[c.key] for c in COLUMNS])
    return rows


def write_budget(data: BudgetData, out: Path, source: Path | None = None, *, by: Sequence[str], lang: str = "sq",
                 sep: str = ";") -> Path:
    """Write the budget view to `out` (.xlsx or .csv); never over the workbook it was read from."""
    out = Path(out)
    if source is not None and out.resolve() == Path(source).resolve():
        raise MatricaError("same_file", path=source)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise MatricaError("budget_bad_out", path=out)
    try:
        if suffix == ".xlsx":
            return write_xlsx(data, out, by=by, lang=lang)
        return write_csv(data, out, lang=lang, sep=sep)
    except OSError as exc:  # a folder that cannot be made or written: nothing is left behind (write_atomic)
        raise MatricaError("budget_write_failed", path=out, detail=exc.strerror or type(exc).__name__) from None


# ---------------------------------------------------------------- CSV


def csv_text(value: object, sep: str) -> object:
    """A value as it goes into the CSV: typed text that Excel would run as a formula gets a leading apostrophe;
    decimals with a comma when the separator is ';' (how Excel reads CSV with Albanian/European settings)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    if isinstance(value, float) and sep == ";":
        return f"{value:g}".replace(".", ",")
    return value


def write_csv(data: BudgetData, out: Path, lang: str = "sq", sep: str = ";") -> Path:
    """The tidy table as CSV: UTF-8 with a BOM, `sep` between fields."""
    import csv

    rows = table_rows(data, lang)

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, delimiter=sep, lineterminator="\r\n")
            w.writerow([c.header for c in COLUMNS])
            for row in rows:
                w.writerow(["" if v is None else csv_text(v, sep) for v in row])

    return write_atomic(out, write)


# ---------------------------------------------------------------- XLSX


def _ref(header: str) -> str:
    """A structured reference to a column of the data table: tbl_buxheti[Planifikuar (lekë)]."""
    escaped = "".join("'" + ch if ch in "[]#'" else ch for ch in header)
    return f"{TABLE}[{escaped}]"


HEADERS = {c.key: c.header for c in COLUMNS}


def _criteria(cell: str, label: str) -> str:
    """The criteria text for SUMIFS/COUNTIFS matching `cell` exactly: "=" first (so a label is never read as an
    operator) and Excel's wildcards escaped when the label has any."""
    expr = cell
    for ch in "~*?":
        if ch in label:
            expr = f'SUBSTITUTE({expr},"{ch}","~{ch}")'
    return f'"="&{expr}'


def _formulas(crit: str) -> dict[str, str]:
    """The formulas of one summary row for the criteria pairs `crit` ("tbl[Col],"="&$A5, …")."""
    c = f",{crit}"
    planned, spent, allocated, estimated = (_ref(HEADERS[k]) for k in ("planned", "spent", "allocated", "estimated"))
    count = f"COUNTIFS({crit})"

    def total(col: str, empty: str) -> str:
        return f'IF(COUNTIFS({col},"<>"{c})=0,"{empty}",SUMIFS({col}{c}))'

    return {
        "planned": total(planned, NOT_PLANNED),
        "estimated": total(estimated, NOT_PLANNED),
        "allocated": total(allocated, NO_DATA),
        "spent": total(spent, NO_DATA),
        # rates from the amounts printed on the same row ({planned}, {spent}, {allocated} are that row's cells)
        "execution_pct": '_RATE_(spent,planned)',
        "execution_allocated_pct": '_RATE_(spent,allocated)',
        "activities": count,
        "reporting": f'COUNTIFS({spent},"<>"{c})',
    }


SUMMARY_COLUMNS = (
    ("name", "Emri", 46, "text"),
    ("year", "Viti", 11, "text"),
    ("planned", "Planifikuar (lekë)", 15, "lek"),
    ("estimated", "Kosto e vlerësuar nga bashkia (vlerësim, lekë)", 16, "lek"),
    ("allocated", "Alokuar (lekë)", 15, "lek"),
    ("spent", "Shpenzuar (lekë)", 15, "lek"),
    ("execution_pct", "Realizimi ndaj planit (%)", 12, "pct"),
    ("execution_allocated_pct", "Realizimi ndaj alokimit (%)", 12, "pct"),
    ("activities", "Rreshta aktivitet × vit", 11, "int"),
    ("reporting", "Raportuan shpenzimin", 11, "int"),
)
SUMMARY_HEADER_ROW = 4
SUMMARY_LETTERS = {key: chr(ord("A") + i) for i, (key, *_rest) in enumerate(SUMMARY_COLUMNS)}


def write_xlsx(data: BudgetData, out: Path, *, by: Sequence[str], lang: str = "sq") -> Path:
    """The read-me sheet, the data table and one summary sheet per grouping (formulas over the table)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    from addin.workbook.build import HEADER_FILL, HEADER_FONT, TITLE_FONT, put, save_atomic

    wb = Workbook()
    readme = wb.active
    readme.title = README_SHEET
    _readme(readme, data, lang)

    ws = wb.create_sheet(DATA_SHEET)
    rows = table_rows(data, lang)
    for c, col in enumerate(COLUMNS, start=1):
        cell = put(ws, 1, c, col.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = col.width
    ws.row_dimensions[1].height = 45
    formats = {"lek": "#,##0", "pct": "0.0", "int": "0"}
    for r, row in enumerate(rows, start=2):
        for c, (col, value) in enumerate(zip(COLUMNS, row, strict=True), start=1):
            cell = put(ws, r, c, value)
            if col.kind in formats:
                cell.number_format = formats[col.kind]
    last = max(2, len(rows) + 1)
    table = Table(displayName=TABLE, ref=f"A1:{get_column_letter(len(COLUMNS))}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = "F2"
    _print(ws, data)

    banner = PatternFill("solid", fgColor="C00000")
    sheets: list[tuple[str, str | None]] = [(YEARS_SHEET, None)] + [(GROUP_SHEETS[g], g) for g in by]
    for name, g in sheets:
        ss = wb.create_sheet(name)
        title = t("budget_title", lang, title=data.plan.title, years=years_text(data.years))
        put(ss, 1, 1, ("SHEMBULL — " if data.example else "") + title).font = TITLE_FONT
        note = put(ss, 2, 1, _summary_note(data, lang))
        note.alignment = Alignment(wrap_text=False)
        if data.example:
            note.font, note.fill = Font(bold=True, color="FFFFFF"), banner
        for c, (_key, header, width, _kind) in enumerate(SUMMARY_COLUMNS, start=1):
            cell = put(ss, SUMMARY_HEADER_ROW, c, header)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            ss.column_dimensions[get_column_letter(c)].width = width
        ss.row_dimensions[SUMMARY_HEADER_ROW].height = 45
        r = SUMMARY_HEADER_ROW + 1
        groups = [x for x in group_totals(data, g, lang=lang)] if g else []
        keys = list(dict.fromkeys(x.key for x in groups))
        column = HEADERS[GROUP_COLUMN[g]] if g else None
        blocks: list[tuple[str | None, str | None]] = [(x, group_label(data, g, x, lang)) for x in keys]
        blocks.append((None, t("budget_total", lang)))
        for _key, label in blocks:
            first = r
            for year in [*data.years, None]:
                if year is None and len(data.years) == 1:
                    continue
                is_total = label == t("budget_total", lang) and g is not None
                put(ss, r, 1, label)
                put(ss, r, 2, year if year is not None else years_text(data.years))
                crit = []
                if column and not is_total:
                    crit.append(f"{_ref(column)},{_criteria(f'$A{r}', label)}")
                # every row has a year criterion (SUMIFS needs one): the row's year, or any year of the table
                crit.append(f"{_ref(HEADERS['year'])},$B{r}" if year is not None else f'{_ref(HEADERS["year"])},"<>"')
                f = _formulas(",".join(crit))
                for c, (key, _h, _w, kind) in enumerate(SUMMARY_COLUMNS, start=1):
                    if key in f:
                        formula = f[key]
                        if formula.startswith("_RATE_("):
                            part, whole = (f"{SUMMARY_LETTERS[k]}{r}" for k in formula[7:-1].split(","))
                            formula = (f'IF(AND(ISNUMBER({part}),ISNUMBER({whole})),IF({whole}>0,'
                                       f'ROUND({part}/{whole}*100,1),"{NO_DATA}"),"{NO_DATA}")')
                        cell = ss.cell(row=r, column=c, value="=" + formula)
                        cell.number_format = formats.get(kind, "General")
                        cell.alignment = Alignment(horizontal="right")
                if year is None or is_total:
                    for c in range(1, len(SUMMARY_COLUMNS) + 1):
                        ss.cell(row=r, column=c).font = Font(bold=True)
                r += 1
            if r > first:
                ss.row_dimensions.group(first, r - 1, outline_level=0)
        ss.freeze_panes = f"C{SUMMARY_HEADER_ROW + 1}"
        _print(ss, data)
    wb.properties.title = t("budget_title", lang, title=data.plan.title, years=years_text(data.years))
    wb.properties.creator = "Matrica"
    save_atomic(wb, out)
    return out


def _summary_note(data: BudgetData, lang: str) -> str:
    parts = []
    if data.example:
        parts.append(t("report_example_banner", lang) + ".")
    parts.append(f"Totalet janë formula mbi tabelën '{DATA_SHEET}' ({TABLE}). Bosh/'{NO_DATA}' = pa të dhëna, "
                 f"'{NOT_PLANNED}' = pa kosto në plan; asnjë nuk është 0.")
    return " ".join(parts)


def _print(ws, data: BudgetData) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.left.text = data.plan.short_title
    if data.example:
        ws.oddHeader.center.text = "SHEMBULL — të dhëna ilustruese, jo të dhëna reale"
    ws.oddFooter.center.text = "Faqja &P nga &N"


def _readme(ws, data: BudgetData, lang: str) -> None:
    from openpyxl.styles import Font

    from addin.workbook.build import TITLE_FONT, put

    plan = data.plan
    lines: list[tuple[str, object]] = []
    if data.example:
        lines.append((t("report_example_banner", lang), Font(bold=True, color="C00000", size=13)))
    lines += [
        (t("budget_title", lang, title=plan.title, years=years_text(data.years)), TITLE_FONT),
        (f"Libri burim: {Path(data.path).name} · Hartuar nga Matrica (matrica budget).", None),
        ("", None),
        ("Fletët:", Font(bold=True)),
        (f"• {DATA_SHEET}: tabela Excel '{TABLE}', një rresht për çdo aktivitet × vit; filtroni ose bëni një "
         "PivotTable (Insert → PivotTable) mbi të.", None),
        (f"• {YEARS_SHEET} dhe 'Sipas …': totalet për çdo vit dhe për vitet së bashku; janë formula SUMIFS/COUNTIFS "
         f"mbi tabelën '{TABLE}', që mund t'i kontrolloni rresht për rresht.", None),
        ("", None),
        ("Kolonat:", Font(bold=True)),
        ("• Planifikuar: kosto vjetore e planit në çdo vit kur aktiviteti zbatohet sipas planit (0 kur nuk "
         "zbatohet atë vit); bosh kur plani nuk e kuantifikon koston ('Sipas kostimit …'): nuk llogaritet si 0.", None),
        ("• Kosto e vlerësuar nga bashkia: vlerësim i bashkisë (fleta Matrica), jo kosto e planit; tregohet veçmas "
         "dhe nuk mblidhet me të.", None),
        ("• Alokuar dhe Shpenzuar: siç janë shkruar në fletët Monitorimi VVVV; bosh = pa të dhëna, jo 0.", None),
        ("• Burimi i financimit: rreshti i burimit sipas planit; kur plani emërton disa burime pa ndarë shumën, "
         "rreshti është 'A + B, pa ndarje' dhe shuma nuk ndahet me hamendje.", None),
        ("• Institucioni përgjegjës: siç e shkruan plani (disa institucione në një tekst mbeten bashkë).", None),
        ("• Realizimi ndaj planit = shpenzuar ÷ planifikuar × 100; ndaj alokimit = shpenzuar ÷ alokuar × 100: "
         "shumat e të njëjtit rresht, që çdo përqindje të kontrollohet me një pjesëtim.", None),
        (f"• Kumulativ: nga viti i parë i planit ({plan.start_year}) deri në vitin e rreshtit. Pjesa e totalit: "
         "planifikuar ÷ kosto e planit për gjithë periudhën × 100.", None),
        (f"• Sinjalizime: shpenzuar mbi të planifikuarën ose të alokuarën me më shumë se {data.margin:g} % (fleta "
         "Parametrat), shpenzim pa burim ose me burim të panjohur, alokuar pa shpenzim, shpenzim në vit që plani "
         "nuk e parashikon; secili është edhe paralajmërim në 'matrica validate'.", None),
    ]
    if not plan.has_costs:
        lines.insert(3, (t("budget_no_costs", lang), Font(bold=True)))
    for r, (text, font) in enumerate(lines, start=1):
        cell = put(ws, r, 1, text)
        if font is not None:
            cell.font = font
    ws.column_dimensions["A"].width = 130
    _print(ws, data)


__all__ = ["COLUMNS", "BudgetLine", "period_totals", "table_rows", "write_budget", "write_csv", "write_xlsx"]
