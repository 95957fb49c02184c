"""Where things are in a Matrica workbook: sheet names, header texts and which cells people fill."""

from __future__ import annotations

import re
from dataclasses import dataclass

FORMAT_VERSION = 1

SHEET_GUIDE = "Udhëzime"
SHEET_OBJECTIVES = "Objektivat"
SHEET_MATRIX = "Matrica"
SHEET_INDICATORS = "Treguesit"
SHEET_SUMMARY = "Përmbledhje"
SHEET_SETTINGS = "Parametrat"
SHEET_LISTS = "Listat"
SHEET_NARRATIVE = "Narrativa"
MONITORING_PREFIX = "Monitorimi "
MONITORING_RE = re.compile(r"^Monitorimi (\d{4})$")

TITLE_ROW = 1
SUBTITLE_ROW = 2
HEADER_ROW = 3
FIRST_DATA_ROW = 4


def monitoring_sheet(year: int) -> str:
    return f"{MONITORING_PREFIX}{year}"


def monitoring_year(sheet: str) -> int | None:
    m = MONITORING_RE.match(sheet)
    return int(m.group(1)) if m else None


# The sheets Matrica reads by their fixed name (the monitoring sheets are read by "Monitorimi YYYY").
READ_SHEETS = (SHEET_MATRIX, SHEET_INDICATORS, SHEET_SETTINGS, SHEET_NARRATIVE, SHEET_LISTS, SHEET_OBJECTIVES)
MONITORING_FORM = "Monitorimi YYYY"  # the expected name of a monitoring sheet whose year cannot be read
_MONITORING_WORD = "monitorimi"
_COPY_HEAD = (("copy", "of"), ("kopje", "e"), ("kopja", "e"), ("kopje",), ("kopja",), ("copy",))
_COPY_TAIL = ("copy", "kopje", "kopja")
_EXCEL_COPY = re.compile(r"\s*\(\d{1,3}\)\s*$")  # Excel's "Matrica (2)"


@dataclass(frozen=True)
class NearName:
    """A sheet named almost like one Matrica reads: `expected` is the name Matrica reads ("Matrica",
    "Monitorimi 2025"), or MONITORING_FORM for a monitoring sheet whose year cannot be read from its name; `year` a
    monitoring sheet's year (None for a fixed sheet, or when it cannot be read)."""

    sheet: str
    expected: str
    monitoring: bool
    year: int | None


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of two words, or limit + 1 once it is beyond `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > limit:
            return limit + 1
    return row[-1]


def _words(sheet: str) -> list[str]:
    """A sheet name's words, letters and digits apart, without the marks of a copy ("Copy of …", "… (2)",
    "… kopje"): "Kopje e MONITORIMI_2025 (2)" -> ["monitorimi", "2025"]."""
    from addin.common.text import loose

    words = re.findall(r"[a-z]+|[0-9]+", loose(_EXCEL_COPY.sub("", sheet)))
    for head in _COPY_HEAD:
        if tuple(words[:len(head)]) == head and len(words) > len(head):
            words = words[len(head):]
            break
    while len(words) > 1 and words[-1] in _COPY_TAIL:
        words.pop()
    return words


def _monitoring_word(word: str) -> bool:
    return word.startswith("monitor") or _distance(word, _MONITORING_WORD, 2) <= 2


def near_name(sheet: str) -> NearName | None:
    """What a sheet named almost like one Matrica reads stands for; None for an exact name ("Matrica",
    "Monitorimi 2025") and for any other sheet. A monitoring sheet is a word like "Monitorimi" (case, accents,
    two slips: "MONITORIMI", "Montorimi", "Monitoring") followed by a year ("2025", "i vitit 2025", "2025 (2)") or by
    nothing ("Monitorimi"); its year is None when it cannot be read ("2O25", "225", "20251"). Words without a digit
    after it ("Monitorimi – udhëzime") make another sheet. A fixed sheet is its name in other case or spacing, with
    one slip (for names of 7 letters or more), or as a copy ("Matrica (2)", "Copy of Treguesit")."""
    if sheet in READ_SHEETS or monitoring_year(sheet) is not None:
        return None
    words = _words(sheet)
    if not words:
        return None
    for name in READ_SHEETS:
        target = name.casefold()
        slips = 1 if len(target) >= 7 else 0
        if len(words) == 1 and _distance(words[0], target, slips) <= slips:
            return NearName(sheet, name, False, None)
    if not _monitoring_word(words[0]):
        return None
    rest = words[1:]
    numbers = [w for w in rest if w.isdigit()]
    if rest and not numbers:
        return None  # "Monitorimi – udhëzime", "Monitorimi i NJA-ve": a sheet of its own
    if len(numbers) == 1 and len(numbers[0]) == 4 and 1900 <= int(numbers[0]) < 2200:
        year = int(numbers[0])
        return NearName(sheet, monitoring_sheet(year), True, year)
    return NearName(sheet, MONITORING_FORM, True, None)


def near_names(sheet_names: list[str]) -> list[NearName]:
    """What each sheet of a workbook named almost like one Matrica reads stands for (`near_name`), in the
    workbook's order, with every monitoring sheet of the exact form as its own `expected` name ("Monitorimi 2031":
    whether its year is in the plan is the plan's to say)."""
    out = []
    for sheet in sheet_names:
        year = monitoring_year(sheet)
        near = NearName(sheet, sheet, True, year) if year is not None else near_name(sheet)
        if near is not None:
            out.append(near)
    return out


def near_monitoring_year(sheet: str) -> int | None:
    """The year of a sheet named almost like a monitoring sheet ("MONITORIMI 2025", "Monitorimi 2025 (2)",
    "Monitorim_2025", "monitorimi  2025 ", "Monitorimi i vitit 2025"), None for the exact name, any other sheet, or
    one whose year cannot be read ("Monitorimi 2O25")."""
    near = near_name(sheet)
    return near.year if near is not None and near.monitoring else None


def same_sheet_name(a: str, b: str) -> bool:
    """Whether Excel takes two sheet names for the same one (it compares them without regard to case)."""
    return a.casefold() == b.casefold()


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    wrap: bool = False


OBJECTIVE_COLUMNS = (
    Column("field", "Fusha", 8),
    Column("field_title", "Fusha / Objektivi strategjik", 40, True),
    Column("strategic_goal", "Qëllimi strategjik", 30, True),
    Column("specific_objective", "Objektivi specifik (i fushës)", 30, True),
    Column("code", "Kodi i objektivit", 10),
    Column("title", "Objektivi", 45, True),
    Column("indicator", "Treguesi i objektivit", 45, True),
    Column("target_year", "Viti i synimit", 10),
    Column("kind", "Lloji", 14),
    Column("target_value", "Vlera e synuar", 11),
    Column("unit", "Njësia", 12),
    Column("direction", "Drejtimi", 10),
    Column("note", "Shënim i Matricës", 30, True),
)

# The objectives sheet's yellow columns: the value the objective's own indicator reached, one column per plan year
# (measured by the monitoring group; the plan gives the indicator and its target, the monitoring sheets hold the
# activities' indicators only).
OBJECTIVE_VALUE_PREFIX = "Vlera e treguesit "


def objective_value_header(year: int) -> str:
    return f"{OBJECTIVE_VALUE_PREFIX}{year}"


# Matrix columns whose header comes from the plan (plan.toml [matrix]); widths by key.
MATRIX_WIDTHS = {
    "field": 8, "objective": 10, "code": 10, "group": 30, "activity": 50, "start_year": 10, "end_year": 10,
    "frequency": 11, "responsible": 36, "contributors": 28, "data_sources": 28, "cost_printed": 28,
    "cost_lek": 14, "funding_printed": 26, "monitoring": 28, "note": 30,
}
MATRIX_WRAP = {"group", "activity", "responsible", "contributors", "data_sources", "cost_printed",
               "funding_printed", "monitoring", "note"}

# Matrix columns the budget directorate fills (after the plan's own columns; unlocked, yellow). Neither is plan
# text: the programme carrying an activity in the municipal budget (dropdown from its list on the lists sheet),
# and the municipality's own estimate of an activity's annual cost, kept apart from the plan's cost.
MATRIX_BUDGET_COLUMNS = (
    Column("programme", "Programi buxhetor", 30, True),
    Column("estimated_cost", "Kosto e vlerësuar nga bashkia (lekë në vit)", 16),
)
MATRIX_INPUT_LISTS = {"programme": "lista_programmes"}

INDICATOR_COLUMNS = (
    Column("field", "Fusha", 8),
    Column("activity", "Kodi", 10),
    Column("n", "Nr.", 5),
    Column("indicator", "Treguesi", 55, True),  # header replaced by the plan's own
    Column("kind", "Lloji", 14),
    Column("target_value", "Vlera e synuar", 11),
    Column("target_high", "Vlera e synuar deri (intervali)", 11),
    Column("unit", "Njësia", 12),
    Column("direction", "Drejtimi", 10),
    Column("scope", "Shtrirja", 12),
    Column("per_year_value", "Synimi në vit", 10),
    Column("target_year", "Viti i synimit", 10),
    Column("baseline_value", "Vlera bazë", 11),
    Column("baseline_year", "Viti bazë", 9),
    Column("baseline_source", "Burimi i vlerës bazë", 28, True),
    Column("disaggregation", "Ndarja", 16),
    Column("note", "Shënim i Matricës", 34, True),
)

# The monitoring sheet: plan columns (locked) then input columns.
MONITORING_PLAN_COLUMNS = (
    Column("field", "Fusha", 7),
    Column("activity", "Kodi", 9),
    Column("activity_text", "Masa/Aktiviteti", 36, True),
    Column("n", "Nr.", 5),
    Column("indicator", "Treguesi", 42, True),
    Column("target", "Synimi", 20, True),
)
MONITORING_INPUT_COLUMNS = (
    Column("status", "Statusi i aktivitetit", 20),
    Column("actual", "Vlera aktuale (e këtij viti)", 12),
    Column("women", "Gra", 8),
    Column("men", "Burra", 8),
    Column("roma", "Rom", 8),
    Column("egyptian", "Egjiptian", 9),
    Column("urban", "Qytet", 8),
    Column("rural", "Fshat", 8),
    Column("allocated", "Alokuar në buxhet (lekë)", 14),
    Column("spent", "Shpenzuar (lekë)", 14),
    Column("funding", "Burimi i financimit", 26),
    Column("reported_by", "Raportuar nga", 22),
    Column("notes", "Shënime / evidenca", 40, True),
)
# Beside the actual, a locked formula column: for whole-period counts and amounts the total to date (this year's
# value and the earlier years' added up), so a running total typed by mistake is seen while typing.
MONITORING_COMPUTED_COLUMNS = (Column("to_date", "Gjithsej deri tani", 11),)
_AFTER_ACTUAL = [c.key for c in MONITORING_INPUT_COLUMNS].index("actual") + 1
MONITORING_COLUMNS = (MONITORING_PLAN_COLUMNS + MONITORING_INPUT_COLUMNS[:_AFTER_ACTUAL] + MONITORING_COMPUTED_COLUMNS
                      + MONITORING_INPUT_COLUMNS[_AFTER_ACTUAL:])
# Headers of earlier workbooks, still read: column key -> older header texts.
HEADER_ALIASES = {"actual": ("Vlera aktuale",)}
# Monitoring inputs with a dropdown: column key -> defined name of its list on the lists sheet.
INPUT_LISTS = {"status": "lista_statuses", "funding": "lista_funding", "reported_by": "lista_institutions"}
# Entered once per activity, on its first indicator row.
PER_ACTIVITY_INPUTS = ("status", "allocated", "spent", "funding", "reported_by")
# Entered by the budget directorate when the annual budget is adopted, before the year's monitoring starts.
BUDGET_INPUTS = ("allocated",)
# Columns added after the first workbooks were given out: a workbook without them is an older one, read as having
# none (no programme, estimate or allocation), not a damaged one.
LATER_COLUMNS = frozenset({*(c.key for c in MATRIX_BUDGET_COLUMNS), *BUDGET_INPUTS})
# Disaggregation parts, by the plan's disaggregation code.
DISAGGREGATION_PARTS = {"sex": ("women", "men"), "ethnicity": ("roma", "egyptian"), "area": ("urban", "rural")}

LIST_COLUMNS = (
    ("statuses", "Statusi"),
    ("funding", "Burimi i financimit"),
    ("institutions", "Institucionet"),
    ("years", "Vitet"),
    ("yes_no", "Po/Jo"),
    ("programmes", "Programet buxhetore"),
    ("follow_up", "Ndjekja e rekomandimeve"),
)
# Lists that people edit on the lists sheet (yellow, unlocked), with this many rows for their dropdown.
EDITABLE_LISTS = {"programmes": 200}

# Settings sheet rows: key, label, default, explanation.
SETTINGS = (
    ("plan_id", "Plani", None, "Identifikuesi i planit (mos e ndryshoni)."),
    ("format_version", "Versioni i formatit", FORMAT_VERSION, "Versioni i formatit të librit (mos e ndryshoni)."),
    ("overspend_margin", "Marzhi i tejkalimit të shpenzimeve (%)", 10,
     "Paralajmërim kur shpenzimi kalon koston e planifikuar me më shumë se kaq për qind."),
    ("on_track", "Pragu 'në rrugë të mbarë' (%)", 90, "Arritja nga ky prag e lart quhet 'në rrugë të mbarë'."),
    ("partly", "Pragu 'pjesërisht' (%)", 50, "Arritja nga ky prag deri nën pragun e mësipërm quhet 'pjesërisht'."),
    ("coverage_min", "Mbulimi minimal për mesataren (%)", 50,
     "Arritja mesatare jepet vetëm kur të paktën kaq për qind e treguesve të vitit janë të vlerësuar; "
     "përndryshe jepen vetëm numrat sipas vlerësimit."),
    ("explain_below", "Kërkohet shpjegim nën (%)", 50, "Arritje nën këtë vlerë pa shënim jep paralajmërim."),
    ("explain_above", "Kërkohet shpjegim mbi (%)", 150, "Arritje mbi këtë vlerë pa shënim jep paralajmërim."),
    ("max_amount", "Shuma më e madhe e besueshme (lekë)", None,
     "Një shumë (shpenzim, alokim, kosto, vlerë në lekë) mbi këtë quhet gabim shtypi dhe nuk llogaritet. "
     "Vendoset 10 herë kosto vjetore (ose synimi në lekë) më e madhe e planit."),
    ("max_count", "Numri më i madh i besueshëm", 1_000_000,
     "Një numër (vlerë aktuale ose ndarje) mbi këtë quhet gabim shtypi dhe nuk llogaritet."),
)

# Texts the report needs from the settings sheet, written below the thresholds (yellow, free text). Empty ones show
# "[për t'u plotësuar]" in the report (except the logo, which is optional).
REPORT_SETTINGS = (
    ("prepared_by", "Përgatitur nga", "Kush e përgatiti raportin (p.sh. grupi i monitorimit i planit); del në "
     "kopertinën e raportit."),
    ("approved_by", "Plani u miratua nga", "Organi që miratoi planin (p.sh. Këshilli Bashkiak); del në kopertinë."),
    ("decision", "Vendimi i miratimit (nr., data)", "Numri dhe data e vendimit që miratoi planin; del në kopertinë."),
    ("author", "Autori i dokumentit", "Institucioni që del si autor në vetitë e skedarit Word; bosh: emri i "
     "bashkisë."),
    ("logo", "Logoja (skedar PNG ose JPG)", "Emri i skedarit të logos në dosjen e librit (ose rruga e plotë); "
     "bosh: raporti pa logo."),
)
OPTIONAL_REPORT_SETTINGS = ("author", "logo")

# The Narrativa sheet (SHEET_NARRATIVE): the report's words, typed by the monitoring group, one block of rows per
# year. Rows are read by their key (year, part, field), never by position, so rows people insert or move are read as
# well.
NARRATIVE_COLUMNS = (
    Column("year", "Viti", 8),
    Column("part", "Pjesa", 26, True),
    Column("field", "Fusha", 8),
    Column("field_title", "Titulli i fushës", 28, True),
    Column("text", "Teksti", 90, True),
    Column("responsible", "Përgjegjës", 24, True),
    Column("status", "Statusi i zbatimit", 20),
    Column("comment", "Koment", 40, True),
)
# part key -> (label on the sheet, scope): "plan" once per year, "field" once per field, "follow_up" a table.
NARRATIVE_PARTS = {
    "introduction": ("Hyrja", "plan"),
    "methodology": ("Shënim metodologjik", "plan"),
    "summary": ("Përmbledhja ekzekutive (bosh: e harton Matrica nga shifrat)", "plan"),
    "achievements": ("Arritjet", "field"),
    "challenges": ("Sfidat", "field"),
    "recommendations": ("Rekomandimet", "field"),
    "follow_up": ("Ndjekja e rekomandimeve të vitit të kaluar", "follow_up"),
}
# Blocks the report prints with a "[për t'u plotësuar]" placeholder (and validate warns about) when empty; an empty
# summary is not a gap: the report drafts one from the figures.
NARRATIVE_REQUIRED = ("introduction", "methodology", "achievements", "challenges", "recommendations")
FOLLOW_UP_ROWS = 10  # empty rows of a year's follow-up table in a new workbook
FOLLOW_UP_STATUSES_LIST = "lista_follow_up"

# A part of a workbook (`matrica split`): one institution's activities of one year. Its settings sheet says whose part
# it is and which workbook it comes from, below the other settings (plan cells, locked); `validate` and `merge` read
# these rows by their label.
PART_SETTINGS = (
    ("institution", "Pjesë e institucionit", "Institucioni që plotëson këtë pjesë (mos e ndryshoni)."),
    ("year", "Viti i pjesës", "Viti i monitorimit që plotësohet në këtë pjesë (mos e ndryshoni)."),
    ("source", "Libri burim", "Libri i planit nga u bë pjesa me matrica split; grupi i monitorimit e bashkon "
     "pjesën në të me matrica merge."),
    ("sha256", "SHA-256 i librit burim", "Shuma kontrolluese e librit burim kur u bë pjesa (mos e ndryshoni)."),
)
SHEET_MERGE = "Bashkimi"
