"""The plan model and its loader from the reviewable CSV text shipped in `addin/plan/data/`."""

from __future__ import annotations

import csv
import os
import tomllib
from collections.abc import Iterator, Mapping
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
        return self._description

    @cached_property
    def _description(self) -> str:
        """`describe`, made once per target (the indicators of a plan share a few dozen targets)."""
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

    @cached_property
    def largest_amount(self) -> float | None:
        """The largest annual cost, or amount target or baseline, the plan states (lekë); None when it states none."""
        amounts = [a.cost_lek for a in self.activities if a.cost_lek]
        amounts += [v for i in self.indicators if i.target.kind == "amount"
                    for v in (i.target.value, i.baseline_value) if v]
        return max(amounts, default=None)

    @cached_property
    def largest_count(self) -> float | None:
        """The largest count the plan states: a count target (or its upper bound, or its yearly part), or the
        baseline of a count or of a change in a count ("rritje me 2 %" of 300 applications); None when none."""
        counts = [v for i in self.indicators if i.target.kind == "count"
                  for v in (i.target.value, i.target.value_high, i.target.per_year_value) if v]
        counts += [i.baseline_value for i in self.indicators
                   if i.target.kind in ("count", "relative") and i.baseline_value]
        return max(counts, default=None)

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
    """Reads one CSV file, yielding (line, values) with each value repaired, and raising PlanSourceError with file
    and line. A row is repaired value by value only when a test of the whole row says `repair` would change one:
    it finds "ё" and any white space but single spaces inside a value (every other white space character is
    unprintable)."""

    def __init__(self, path: Path, columns: tuple[str, ...]):
        self.path, self.columns = path, columns

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
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
            width = len(self.columns)
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
                if not values or (not values[0].strip() and not "".join(values).strip()):
                    continue  # a blank row
                if len(values) != width:
                    raise PlanSourceError(self.path, row_line, f"expected {width} columns, found {len(values)}")
                joined = "|".join(values)  # one test for the row: a value's edge space sits by a "|" or at an end
                if (joined.isprintable() and "  " not in joined and " |" not in joined and "| " not in joined
                        and joined[:1] != " " and joined[-1:] != " " and "ё" not in joined and "Ё" not in joined):
                    yield row_line, values
                else:
                    yield row_line, [repair(v) for v in values]

    def fail(self, line: int, message: str) -> PlanSourceError:
        return PlanSourceError(self.path, line, message)

    def require(self, line: int, values: list[str], *keys: str) -> None:
        """Fail naming the first of `keys` whose value is empty."""
        for key in keys:
            if not values[self.columns.index(key)]:
                raise self.fail(line, f"{key} is empty")


def _int(rows: _Rows, line: int, text: str, key: str, lo: int | None = None, hi: int | None = None) -> int | None:
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise rows.fail(line, f"{key} must be a whole number, found {text!r}") from None
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise rows.fail(line, f"{key} {value} is outside {lo}-{hi}")
    return value


def _float(rows: _Rows, line: int, text: str, key: str) -> float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise rows.fail(line, f"{key} must be a number, found {text!r}") from None


def _choice(rows: _Rows, line: int, text: str, key: str, choices: tuple[str, ...]) -> str:
    if text not in choices:
        raise rows.fail(line, f"{key} must be one of {', '.join(choices)}, found {text!r}")
    return text


def _target(rows: _Rows, line: int, texts: list[str], target_year: int | None) -> Target:
    """The Target of the TARGET_COLUMNS values `texts`."""
    kind_text, value_text, high_text, unit, direction, scope, per_year_text = texts
    kind = _choice(rows, line, kind_text, "kind", KINDS)
    if kind == "milestone" and not direction:
        direction = "increase"  # a milestone is only ever reached
    value, high = _float(rows, line, value_text, "target_value"), _float(rows, line, high_text, "target_high")
    if high is not None and (value is None or high <= value or kind == "milestone"):
        raise rows.fail(line, f"target_high {high:g} needs a lower target_value below it")
    return Target(
        kind=kind,
        value=value,
        unit=unit,
        direction=_choice(rows, line, direction, "direction", DIRECTIONS),
        scope=_choice(rows, line, scope, "scope", SCOPES),
        per_year_value=_float(rows, line, per_year_text, "per_year_value"),
        target_year=target_year,
        value_high=high,
    )


def _new(cls: type, attrs: dict):
    """An instance of one of the plan's frozen dataclasses from a dict of all its fields, in their order: what
    `cls(**attrs)` makes, without the generated `__init__`'s `object.__setattr__` per field (a plan has thousands
    of rows). tests/test_plan_loading.py holds each use to the constructor's result."""
    obj = object.__new__(cls)
    object.__setattr__(obj, "__dict__", attrs)
    return obj


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
    for line, v in rows:
        if not (v[0] and v[1]):
            rows.require(line, v, "code", "title")
        if v[0] in {f.code for f in fields}:
            raise rows.fail(line, f"duplicate field code {v[0]!r}")
        fields.append(Field(*v))
    field_codes = {f.code for f in fields}

    rows = _Rows(folder / "objectives.csv", OBJECTIVE_COLUMNS)
    objectives: list[Objective] = []
    objective_keys: set[tuple[str, str]] = set()
    for line, v in rows:
        field_code, code, code_printed, title, indicator, year_text, *target_texts, note = v
        if not (field_code and code and title):
            rows.require(line, v, "field", "code", "title")
        if field_code not in field_codes:
            raise rows.fail(line, f"unknown field {field_code!r}")
        if (field_code, code) in objective_keys:
            raise rows.fail(line, f"duplicate objective code {code!r} in field {field_code!r}")
        objective_keys.add((field_code, code))
        year = _int(rows, line, year_text, "target_year", lo, hi + 5)
        target = _target(rows, line, target_texts, year) if indicator else None
        objectives.append(Objective(field_code, code, code_printed, title, indicator, year, target, note))

    rows = _Rows(folder / "activities.csv", ACTIVITY_COLUMNS)
    activities: list[Activity] = []
    activity_keys: set[tuple[str, str]] = set()
    for line, v in rows:
        (field_code, objective, code, code_printed, group, activity, start_text, end_text, frequency, responsible,
         contributors, data_sources, cost_printed, cost_amount_printed, cost_text, funding_printed, monitoring,
         note) = v
        if not (field_code and objective and code and activity):
            rows.require(line, v, "field", "objective", "code", "activity")
        if (field_code, objective) not in objective_keys:
            raise rows.fail(line, f"unknown objective {objective!r} in field {field_code!r}")
        key = (field_code, code)
        if key in activity_keys:
            raise rows.fail(line, f"duplicate activity code {code!r} in field {field_code!r}")
        activity_keys.add(key)
        start = _int(rows, line, start_text, "start_year", lo, hi) if start_text else None
        end = _int(rows, line, end_text, "end_year", lo, hi) if end_text else None
        if (start is None) != (end is None):
            raise rows.fail(line, "start_year and end_year go together")
        if start is not None and end < start:
            raise rows.fail(line, f"end_year {end} is before start_year {start}")
        if start is None and not frequency:
            raise rows.fail(line, "give start_year and end_year, or a frequency")
        cost = _int(rows, line, cost_text, "cost_lek", 0) if cost_text else None
        if cost_amount_printed:
            try:
                amount = parse_lek(cost_amount_printed)
            except AmountError:
                raise rows.fail(line, f"cost_amount_printed {cost_amount_printed!r} is not an amount") from None
            if amount.lek != cost:
                raise rows.fail(line, f"cost_lek {cost} differs from cost_amount_printed ({amount.lek})")
        elif cost is not None:
            raise rows.fail(line, "cost_lek without cost_amount_printed")
        activities.append(_new(Activity, {
            "field": field_code, "objective": objective, "code": code, "code_printed": code_printed, "group": group,
            "activity": activity, "start_year": start, "end_year": end, "frequency": frequency,
            "responsible": responsible, "contributors": contributors, "data_sources": data_sources,
            "cost_printed": cost_printed, "cost_amount_printed": cost_amount_printed, "cost_lek": cost,
            "funding_printed": funding_printed, "monitoring": monitoring, "note": note,
        }))

    rows = _Rows(folder / "indicators.csv", INDICATOR_COLUMNS)
    indicators: list[Indicator] = []
    indicator_keys: set[tuple[str, str, int | None]] = set()
    targets: dict[tuple, Target] = {}  # the same target columns give the same (immutable) Target
    for line, v in rows:
        (field_code, activity, n_text, text, *target_texts, year_text, baseline_text, baseline_year_text,
         baseline_source, disaggregation, note) = v
        if not (field_code and activity and n_text and text):
            rows.require(line, v, "field", "activity", "n", "indicator")
        if (field_code, activity) not in activity_keys:
            raise rows.fail(line, f"indicator of unknown activity {activity!r} in field {field_code!r}")
        n = _int(rows, line, n_text, "n", 1)
        key = (field_code, activity, n)
        if key in indicator_keys:
            raise rows.fail(line, f"duplicate indicator {activity} #{n}")
        indicator_keys.add(key)
        parts = tuple(p for p in disaggregation.split(";") if p) if disaggregation else ()
        for part in parts:
            if part not in DISAGGREGATIONS:
                raise rows.fail(line, f"disaggregation must be among {', '.join(DISAGGREGATIONS)}, found {part!r}")
        year = _int(rows, line, year_text, "target_year", lo - 5, hi + 5) if year_text else None
        target_key = (*target_texts, year)
        target = targets.get(target_key)
        if target is None:
            target = targets[target_key] = _target(rows, line, target_texts, year)
        indicators.append(_new(Indicator, {
            "field": field_code, "activity": activity, "n": n, "text": text, "target": target,
            "baseline_value": _float(rows, line, baseline_text, "baseline_value") if baseline_text else None,
            "baseline_year": _int(rows, line, baseline_year_text, "baseline_year", lo - 10, hi)
            if baseline_year_text else None,
            "baseline_source": baseline_source, "disaggregation": parts, "note": note,
        }))
    measured = {(i.field, i.activity) for i in indicators}
    for a in activities:
        if (a.field, a.code) not in measured:
            raise PlanSourceError(folder / "activities.csv", 0, f"activity {a.ref} has no indicator")

    rows = _Rows(folder / "institutions.csv", INSTITUTION_COLUMNS)
    institutions = []
    for line, v in rows:
        if not (v[0] and v[1]):
            rows.require(line, v, "code", "name")
        institutions.append(Institution(*v))

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
    plans = [_load_cached(p) for p in plan_folders()]
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
    """`load_plan`, once per run, and from the disk cache (plan.cache) when the plan's text has not changed."""
    from addin.plan.cache import cached_plan

    return cached_plan(folder, load_plan)


def known_plans() -> KnownPlans:
    """The bundled plans and those named by MATRICA_PLANS, by id, loaded on demand."""
    return KnownPlans(plan_folders() + extra_plan_folders())
