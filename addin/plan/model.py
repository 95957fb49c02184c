"""The plan model and its loader from the reviewable CSV text shipped in `addin/plan/data/`."""

from __future__ import annotations

import csv
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from addin.common.text import AmountError, is_whole, parse_lek, repair

PLANS_DIR = Path(__file__).parent / "data"

KINDS = ("percent", "count", "amount", "milestone", "relative")
DIRECTIONS = ("increase", "decrease")
SCOPES = ("annual", "period")
DISAGGREGATIONS = ("sex", "ethnicity", "area")


class PlanSourceError(Exception):
    """A malformed row in a plan's text source; names the file and line."""

    def __init__(self, path: Path, line: int, message: str):
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


def _plain_number(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ") if is_whole(value) else str(value).replace(".", ",")


@dataclass(frozen=True)
class Target:
    """A structured target derived from an indicator's printed text.

    `kind` "relative" is a change measured against a baseline ("rritje me 2 %", "50 % më shumë"): `value` is
    the percentage change and `unit` the thing counted. A range ("3-5 %") keeps both bounds: `value` is the
    lower one (the one rated against) and `value_high` the upper one."""

    kind: str
    value: float | None
    unit: str
    direction: str
    scope: str
    per_year_value: float | None = None
    target_year: int | None = None
    value_high: float | None = None

    @property
    def value_text(self) -> str:
        """The target's number as printed: "54", "3-5"; "" when the plan gives none."""
        if self.value is None:
            return ""
        text = _plain_number(self.value)
        return f"{text}-{_plain_number(self.value_high)}" if self.value_high is not None else text

    def describe(self) -> str:
        """Short Albanian description, e.g. "80 % në vit", "54 fushata për periudhën", "rritje me 3-5 % në vit
        (aplikime)"."""
        thing = ""
        if self.kind == "milestone":
            text = "arritur (po/jo)"
        elif self.value is None:
            text = "pa vlerë numerike në plan"
        elif self.kind == "relative":
            word = "rritje" if self.direction == "increase" else "ulje"
            text = f"{word} me {self.value_text} %"
            thing = f" ({self.unit})" if self.unit and self.unit != "%" else ""
        else:
            text = f"{self.value_text} {self.unit}".strip()
        text += (" në vit" if self.scope == "annual" else " për periudhën") + thing
        if self.target_year:
            text += f" (deri në {self.target_year})"
        return text


@dataclass(frozen=True)
class Field:
    code: str
    title: str
    strategic_goal: str
    specific_objective: str
    note: str


@dataclass(frozen=True)
class Objective:
    field: str
    code: str
    code_printed: str
    title: str
    indicator: str
    target_year: int | None
    target: Target | None
    note: str


@dataclass(frozen=True)
class Activity:
    field: str
    objective: str
    code: str
    code_printed: str
    group: str
    activity: str
    start_year: int | None
    end_year: int | None
    frequency: str
    responsible: str
    contributors: str
    data_sources: str
    cost_printed: str
    cost_amount_printed: str
    cost_lek: int | None
    funding_printed: str
    monitoring: str
    note: str

    @property
    def ref(self) -> str:
        """Unique reference across the plan: codes are unique only within a field."""
        return f"{self.field}/{self.code}"


@dataclass(frozen=True)
class Indicator:
    field: str
    activity: str
    n: int
    text: str
    target: Target
    baseline_value: float | None
    baseline_year: int | None
    baseline_source: str
    disaggregation: tuple[str, ...]
    note: str

    @property
    def ref(self) -> str:
        return f"{self.field}/{self.activity}#{self.n}"


@dataclass(frozen=True)
class Institution:
    code: str
    name: str

    @property
    def label(self) -> str:
        """As shown in the dropdown: "QKR – Qendra Komunitare Rome"."""
        return self.name if self.code == self.name else f"{self.code} – {self.name}"


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    short_title: str
    municipality: str
    start_year: int
    end_year: int
    source: str
    has_costs: bool
    fields: tuple[Field, ...]
    objectives: tuple[Objective, ...]
    activities: tuple[Activity, ...]
    indicators: tuple[Indicator, ...]
    institutions: tuple[Institution, ...]
    matrix_headers: dict[str, str] = field(compare=False, default_factory=dict)
    indicator_header: str = "Treguesi"
    folder: Path = field(compare=False, repr=False, default=PLANS_DIR)

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @cached_property
    def _activities_by_key(self) -> dict[tuple[str, str], Activity]:
        return {(a.field, a.code): a for a in self.activities}

    @cached_property
    def _indicators_by_activity(self) -> dict[tuple[str, str], list[Indicator]]:
        out: dict[tuple[str, str], list[Indicator]] = {}
        for i in self.indicators:
            out.setdefault((i.field, i.activity), []).append(i)
        return out

    def activity(self, field_code: str, code: str) -> Activity | None:
        return self._activities_by_key.get((field_code, code))

    def indicators_of(self, activity: Activity) -> list[Indicator]:
        return list(self._indicators_by_activity.get((activity.field, activity.code), []))


FIELD_COLUMNS = ("code", "title", "strategic_goal", "specific_objective", "note")
TARGET_COLUMNS = ("kind", "target_value", "target_high", "unit", "direction", "scope", "per_year_value")
OBJECTIVE_COLUMNS = ("field", "code", "code_printed", "title", "indicator", "target_year", *TARGET_COLUMNS, "note")
ACTIVITY_COLUMNS = (
    "field", "objective", "code", "code_printed", "group", "activity", "start_year", "end_year", "frequency",
    "responsible", "contributors", "data_sources", "cost_printed", "cost_amount_printed", "cost_lek",
    "funding_printed", "monitoring", "note",
)
INDICATOR_COLUMNS = (
    "field", "activity", "n", "indicator", *TARGET_COLUMNS, "target_year", "baseline_value", "baseline_year",
    "baseline_source", "disaggregation", "note",
)
INSTITUTION_COLUMNS = ("code", "name")


class _Rows:
    """Reads one CSV file, yielding (line, row) and raising PlanSourceError with file and line."""

    def __init__(self, path: Path, columns: tuple[str, ...]):
        self.path, self.columns = path, columns

    def __iter__(self):
        try:
            handle = self.path.open(encoding="utf-8", newline="")
        except OSError as exc:
            raise PlanSourceError(self.path, 0, f"cannot read the file ({exc.strerror})") from None
        with handle:
            reader = csv.reader(handle)
            try:
                header = next(reader)
            except StopIteration:
                raise PlanSourceError(self.path, 1, "the file is empty") from None
            except (csv.Error, UnicodeDecodeError) as exc:
                raise PlanSourceError(self.path, 1, str(exc)) from None
            if tuple(header) != self.columns:
                raise PlanSourceError(
                    self.path, 1, f"header should be {','.join(self.columns)} but is {','.join(header)}"
                )
            line = reader.line_num
            while True:
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except (csv.Error, UnicodeDecodeError) as exc:
                    raise PlanSourceError(self.path, reader.line_num, str(exc)) from None
                row_line = line + 1
                line = reader.line_num
                if not any(v.strip() for v in values):
                    continue
                if len(values) != len(self.columns):
                    raise PlanSourceError(
                        self.path, row_line, f"expected {len(self.columns)} columns, found {len(values)}"
                    )
                yield row_line, {k: repair(v) for k, v in zip(self.columns, values, strict=True)}

    def fail(self, line: int, message: str) -> PlanSourceError:
        return PlanSourceError(self.path, line, message)


def _int(rows: _Rows, line: int, row: dict, key: str, lo: int | None = None, hi: int | None = None) -> int | None:
    text = row[key]
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise rows.fail(line, f"{key} must be a whole number, found {text!r}") from None
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise rows.fail(line, f"{key} {value} is outside {lo}-{hi}")
    return value


def _float(rows: _Rows, line: int, row: dict, key: str) -> float | None:
    text = row[key]
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise rows.fail(line, f"{key} must be a number, found {text!r}") from None


def _choice(rows: _Rows, line: int, row: dict, key: str, choices: tuple[str, ...]) -> str:
    if row[key] not in choices:
        raise rows.fail(line, f"{key} must be one of {', '.join(choices)}, found {row[key]!r}")
    return row[key]


def _target(rows: _Rows, line: int, row: dict, target_year: int | None) -> Target:
    kind = _choice(rows, line, row, "kind", KINDS)
    if kind == "milestone" and not row["direction"]:
        row = {**row, "direction": "increase"}  # a milestone is only ever reached
    value, high = _float(rows, line, row, "target_value"), _float(rows, line, row, "target_high")
    if high is not None and (value is None or high <= value or kind == "milestone"):
        raise rows.fail(line, f"target_high {high:g} needs a lower target_value below it")
    return Target(
        kind=kind,
        value=value,
        unit=row["unit"],
        direction=_choice(rows, line, row, "direction", DIRECTIONS),
        scope=_choice(rows, line, row, "scope", SCOPES),
        per_year_value=_float(rows, line, row, "per_year_value"),
        target_year=target_year,
        value_high=high,
    )


def _require(rows: _Rows, line: int, row: dict, *keys: str) -> None:
    for key in keys:
        if not row[key]:
            raise rows.fail(line, f"{key} is empty")


def load_plan(folder: Path) -> Plan:
    """Load and check one plan folder; raises PlanSourceError naming file and line."""
    meta_path = folder / "plan.toml"
    try:
        meta = tomllib.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PlanSourceError(meta_path, getattr(exc, "lineno", 0) or 0, str(exc)) from None
    lo, hi = meta["start_year"], meta["end_year"]
    unknown = set(meta.get("matrix", {})) - set(ACTIVITY_COLUMNS)
    if unknown or "code" not in meta.get("matrix", {}):
        raise PlanSourceError(meta_path, 0, f"[matrix] must name activity columns, code among them; unknown: {unknown}")

    rows = _Rows(folder / "fields.csv", FIELD_COLUMNS)
    fields: list[Field] = []
    for line, r in rows:
        _require(rows, line, r, "code", "title")
        if r["code"] in {f.code for f in fields}:
            raise rows.fail(line, f"duplicate field code {r['code']!r}")
        fields.append(Field(r["code"], r["title"], r["strategic_goal"], r["specific_objective"], r["note"]))
    field_codes = {f.code for f in fields}

    rows = _Rows(folder / "objectives.csv", OBJECTIVE_COLUMNS)
    objectives: list[Objective] = []
    objective_keys: set[tuple[str, str]] = set()
    for line, r in rows:
        _require(rows, line, r, "field", "code", "title")
        if r["field"] not in field_codes:
            raise rows.fail(line, f"unknown field {r['field']!r}")
        if (r["field"], r["code"]) in objective_keys:
            raise rows.fail(line, f"duplicate objective code {r['code']!r} in field {r['field']!r}")
        objective_keys.add((r["field"], r["code"]))
        year = _int(rows, line, r, "target_year", lo, hi + 5)
        target = _target(rows, line, r, year) if r["indicator"] else None
        objectives.append(
            Objective(r["field"], r["code"], r["code_printed"], r["title"], r["indicator"], year, target, r["note"])
        )

    rows = _Rows(folder / "activities.csv", ACTIVITY_COLUMNS)
    activities: list[Activity] = []
    activity_keys: set[tuple[str, str]] = set()
    for line, r in rows:
        _require(rows, line, r, "field", "objective", "code", "activity")
        if (r["field"], r["objective"]) not in objective_keys:
            raise rows.fail(line, f"unknown objective {r['objective']!r} in field {r['field']!r}")
        if (r["field"], r["code"]) in activity_keys:
            raise rows.fail(line, f"duplicate activity code {r['code']!r} in field {r['field']!r}")
        activity_keys.add((r["field"], r["code"]))
        start = _int(rows, line, r, "start_year", lo, hi)
        end = _int(rows, line, r, "end_year", lo, hi)
        if (start is None) != (end is None):
            raise rows.fail(line, "start_year and end_year go together")
        if start is not None and end < start:
            raise rows.fail(line, f"end_year {end} is before start_year {start}")
        if start is None and not r["frequency"]:
            raise rows.fail(line, "give start_year and end_year, or a frequency")
        cost = _int(rows, line, r, "cost_lek", 0)
        if r["cost_amount_printed"]:
            try:
                amount = parse_lek(r["cost_amount_printed"])
            except AmountError:
                raise rows.fail(line, f"cost_amount_printed {r['cost_amount_printed']!r} is not an amount") from None
            if amount.lek != cost:
                raise rows.fail(line, f"cost_lek {cost} differs from cost_amount_printed ({amount.lek})")
        elif cost is not None:
            raise rows.fail(line, "cost_lek without cost_amount_printed")
        activities.append(
            Activity(
                r["field"], r["objective"], r["code"], r["code_printed"], r["group"], r["activity"], start, end,
                r["frequency"], r["responsible"], r["contributors"], r["data_sources"], r["cost_printed"],
                r["cost_amount_printed"], cost, r["funding_printed"], r["monitoring"], r["note"],
            )
        )

    rows = _Rows(folder / "indicators.csv", INDICATOR_COLUMNS)
    indicators: list[Indicator] = []
    indicator_keys: set[tuple[str, str, int | None]] = set()
    for line, r in rows:
        _require(rows, line, r, "field", "activity", "n", "indicator")
        if (r["field"], r["activity"]) not in activity_keys:
            raise rows.fail(line, f"indicator of unknown activity {r['activity']!r} in field {r['field']!r}")
        n = _int(rows, line, r, "n", 1)
        if (r["field"], r["activity"], n) in indicator_keys:
            raise rows.fail(line, f"duplicate indicator {r['activity']} #{n}")
        indicator_keys.add((r["field"], r["activity"], n))
        parts = tuple(p for p in r["disaggregation"].split(";") if p)
        for part in parts:
            if part not in DISAGGREGATIONS:
                raise rows.fail(line, f"disaggregation must be among {', '.join(DISAGGREGATIONS)}, found {part!r}")
        indicators.append(
            Indicator(
                r["field"], r["activity"], n, r["indicator"],
                _target(rows, line, r, _int(rows, line, r, "target_year", lo - 5, hi + 5)),
                _float(rows, line, r, "baseline_value"), _int(rows, line, r, "baseline_year", lo - 10, hi),
                r["baseline_source"], parts, r["note"],
            )
        )
    measured = {(i.field, i.activity) for i in indicators}
    for a in activities:
        if (a.field, a.code) not in measured:
            raise PlanSourceError(folder / "activities.csv", 0, f"activity {a.ref} has no indicator")

    rows = _Rows(folder / "institutions.csv", INSTITUTION_COLUMNS)
    institutions = []
    for line, r in rows:
        _require(rows, line, r, "code", "name")
        institutions.append(Institution(r["code"], r["name"]))

    return Plan(
        id=meta["id"], title=meta["title"], short_title=meta["short_title"], municipality=meta["municipality"],
        start_year=lo, end_year=hi, source=meta["source"], has_costs=bool(meta["has_costs"]),
        fields=tuple(fields), objectives=tuple(objectives), activities=tuple(activities),
        indicators=tuple(indicators), institutions=tuple(institutions),
        matrix_headers=dict(meta["matrix"]), indicator_header=meta["indicator_header"]["indicator"], folder=folder,
    )


def plan_folders() -> list[Path]:
    return sorted(p for p in PLANS_DIR.iterdir() if (p / "plan.toml").is_file())


@cache
def bundled_plans() -> dict[str, Plan]:
    """All plans shipped with Matrica, by id."""
    plans = [load_plan(p) for p in plan_folders()]
    return {p.id: p for p in plans}


PLANS_ENV = "MATRICA_PLANS"


def extra_plan_folders() -> list[Path]:
    """Plan folders named by the environment variable MATRICA_PLANS (paths separated by os.pathsep), each a plan
    folder or a folder of plan folders: plans not shipped with Matrica (a new plan, the benchmark's synthetic ones)."""
    out = []
    for part in filter(None, os.environ.get(PLANS_ENV, "").split(os.pathsep)):
        folder = Path(part)
        if (folder / "plan.toml").is_file():
            out.append(folder)
        elif folder.is_dir():
            out += sorted(p for p in folder.iterdir() if (p / "plan.toml").is_file())
    return out


class KnownPlans(Mapping):
    """The plans Matrica knows, by id (the bundled ones and those of MATRICA_PLANS); a plan's text is loaded only
    when that plan is asked for, so opening a workbook reads one plan, not all of them."""

    def __init__(self, folders: list[Path]):
        self._folders: dict[str, Path] = {}
        for folder in folders:
            try:
                plan_id = tomllib.loads((folder / "plan.toml").read_text(encoding="utf-8"))["id"]
            except (OSError, KeyError, tomllib.TOMLDecodeError):
                plan_id = folder.name  # load_plan names the broken file when the plan is asked for
            self._folders.setdefault(str(plan_id), folder)

    def __getitem__(self, plan_id: str) -> Plan:
        if plan_id not in self._folders:
            raise KeyError(plan_id)
        bundled = bundled_plans() if self._folders[plan_id].parent == PLANS_DIR else {}
        return bundled.get(plan_id) or _load_cached(self._folders[plan_id])

    def __iter__(self):
        return iter(self._folders)

    def __len__(self) -> int:
        return len(self._folders)


@cache
def _load_cached(folder: Path) -> Plan:
    return load_plan(folder)


def known_plans() -> KnownPlans:
    """The bundled plans and those named by MATRICA_PLANS, by id, loaded on demand."""
    return KnownPlans(plan_folders() + extra_plan_folders())
