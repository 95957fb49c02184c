"""Indicator achievement, expected value to date, rating and roll-ups: pure functions, one rule per case
(README, "Costs and achievement").

Achievement is a percentage of the target reached. The raw value is kept (it may pass 100 or go below 0);
the value shown beside it is capped to 0-100. Missing data is never 0: an empty actual gives no achievement
(None) and the status "no_data", and it never enters an average.

The rating compares the actual with what the plan expects *by the reported year* (`Result.expected`): the
target itself for yearly targets, a share of it for whole-period targets that can be divided (pro rata over the
activity's years, or its own per-year figure), and for a single deliverable nothing before its end year ("ende
pa afat"). An activity that does not run in the year is "nuk planifikohej" and left out of that year's counts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Rule codes (README table, in this order).
RULES = (
    "no_data", "no_target", "milestone", "baseline", "baseline_not_usable", "ratio_increase", "ratio_decrease",
    "zero_target", "relative", "no_baseline",
)
# Statuses of an indicator in a year: three ratings, then the reasons an indicator is not rated.
RATED = ("on_track", "partly", "off_track")
STATUSES = (*RATED, "not_due", "no_data", "no_target", "no_baseline", "not_scheduled")
DEFAULT_THRESHOLDS = {"on_track": 90.0, "partly": 50.0}
DEFAULT_COVERAGE_MIN = 50.0
SUMMED_KINDS = ("count", "amount")  # whole-period targets add these up over the years
WHOLE_KINDS = ("count", "relative")  # counted things: what is expected by a year is a whole number


# Not frozen (slots instead): made once per indicator and year, where a frozen dataclass's __init__ costs three
# times as much; treat as read-only.
@dataclass(slots=True)
class Achievement:
    raw: float | None  # percent of the target reached, uncapped; None when it cannot be computed
    rule: str  # one of RULES

    @property
    def capped(self) -> float | None:
        return cap(self.raw)


def cap(value: float | None) -> float | None:
    """The value shown beside the raw one: limited to 0-100."""
    return None if value is None else min(100.0, max(0.0, value))


def relative_level(baseline: float, change_pct: float, direction: str = "increase") -> float:
    """The level a relative target asks for: baseline × (1 + change / 100) ("rritje me 2 %": 150 → 153)."""
    sign = 1 if direction == "increase" else -1
    return baseline * (1 + sign * change_pct / 100)


def _without_baseline(actual: float, target: float, direction: str) -> Achievement:
    if target == 0:
        met = actual >= 0 if direction == "increase" else actual <= 0
        return Achievement(100.0 if met else 0.0, "zero_target")
    if direction == "increase":
        return Achievement(actual / target * 100, "ratio_increase")
    # Mirror of the increase rule: each 1 % the actual lies above the target costs 1 point.
    return Achievement((2 * target - actual) / target * 100, "ratio_decrease")


def achievement(actual: float | None, target: float | None, baseline: float | None = None,
                direction: str = "increase", kind: str = "count") -> Achievement:
    """Achievement of one value against its target.

    actual: the value to compare (that year's, or the cumulative one for whole-period targets); for
    milestones 1 = done, 0 = not done. direction: "increase" or "decrease". kind: "percent", "count",
    "amount", "milestone" or "relative" (target = the percentage change asked for, measured from `baseline`:
    (actual − baseline) ÷ (baseline × change / 100) × 100).
    """
    if actual is None:
        return Achievement(None, "no_data")
    if kind == "milestone":
        return Achievement(100.0 if actual >= 1 else 0.0, "milestone")
    if target is None:
        return Achievement(None, "no_target")
    if kind == "relative":
        if not baseline:  # no baseline, or 0: a change in per cent of nothing cannot be measured
            return Achievement(None, "no_baseline")
        gap = relative_level(baseline, target, direction) - baseline
        return Achievement((actual - baseline) / gap * 100 if gap else None, "relative")
    if baseline is not None:
        gap = target - baseline
        wanted = gap > 0 if direction == "increase" else gap < 0
        if wanted:
            return Achievement((actual - baseline) / gap * 100, "baseline")
        # Target equal to the baseline, or on the wrong side of it: a level to hold, judged on the target alone.
        return Achievement(_without_baseline(actual, target, direction).raw, "baseline_not_usable")
    return _without_baseline(actual, target, direction)


def status(rating: float | None, thresholds: Mapping[str, float] | None = None, rule: str = "") -> str:
    """on_track (>= on_track threshold), partly (>= partly threshold), off_track, or the reason there is no
    rating (no_data, no_target, no_baseline)."""
    if rating is None:
        return rule if rule in ("no_target", "no_baseline") else "no_data"
    t = thresholds or DEFAULT_THRESHOLDS
    if rating >= t.get("on_track", DEFAULT_THRESHOLDS["on_track"]):
        return "on_track"
    if rating >= t.get("partly", DEFAULT_THRESHOLDS["partly"]):
        return "partly"
    return "off_track"


def cumulative(values: Mapping[int, float | None], year: int, kind: str) -> float | None:
    """The actual to date for a whole-period target: the sum of the years up to `year` for counts and
    amounts, the latest value for percentages and relative targets, done once any year reports it done for
    milestones. Years without data add nothing; None when no year up to `year` has data."""
    known = [(y, v) for y, v in values.items() if y <= year and v is not None]
    if not known:
        return None
    if len(known) > 1:
        known.sort()
    if kind in SUMMED_KINDS:
        return float(sum(v for _, v in known))
    if kind == "milestone":
        return max(v for _, v in known)
    return known[-1][1]


def elapsed_share(year: int, start: int, end: int, target_year: int | None = None) -> float:
    """Share of the period elapsed at the end of `year` (0-1): from `start` to `end`, or to the indicator's own
    target year when it names one."""
    if target_year is not None and target_year >= start:
        end = target_year
    return min(1.0, max(0.0, (year - start + 1) / (end - start + 1)))


@dataclass(slots=True)  # read-only, as Achievement
class Spec:
    """What the plan says of one indicator, as the rating needs it.

    start, end: the years its activity runs (the plan period for activities with a frequency). baseline: the
    plan's value; baseline_year without a value is a reference year whose actual becomes the baseline of the
    later years."""

    kind: str
    target: float | None
    direction: str
    scope: str
    start: int
    end: int
    target_high: float | None = None
    per_year: float | None = None
    target_year: int | None = None
    baseline: float | None = None
    baseline_year: int | None = None

    @property
    def numeric_target(self) -> bool:
        """The plan gives something to compare with (a number, or done / not done)."""
        return self.kind == "milestone" or self.target is not None

    @property
    def due_year(self) -> int:
        """The year by which a whole-period target is due: the indicator's own year, else its activity's end."""
        return self.target_year if self.target_year is not None and self.target_year >= self.start else self.end

    @property
    def single(self) -> bool:
        """One deliverable (done / not done, or a count of one): nothing of it is due before its year."""
        return self.kind == "milestone" or (self.kind in WHOLE_KINDS and self.target is not None
                                             and self.target <= 1)

    def runs_in(self, year: int) -> bool:
        return self.start <= year <= self.end


@dataclass(slots=True)  # read-only, as Achievement
class Result:
    """One indicator in one year."""

    actual: float | None  # that year's value
    compared: float | None  # what was compared (the year's value, or the actual to date for whole-period targets)
    achievement: Achievement  # against the whole target
    expected: float | None  # what the plan expects by the end of the year (None: nothing due yet, or unknown)
    elapsed: float | None  # share of the period elapsed (whole-period targets only)
    rating: float | None  # the actual against the expected value, capped 0-100; None when not rated
    status: str  # one of STATUSES
    scheduled: bool = True  # the indicator's activity runs in the year
    baseline: float | None = None  # the baseline used (the plan's, a reference year's or the previous year's)
    baseline_year: int | None = None  # the year that baseline is of
    baseline_origin: str | None = None  # "plan", "reference_year" or "previous_year"


def _baseline(values: Mapping[int, float | None], year: int, spec: Spec) -> tuple[float | None, int | None, str | None]:
    if spec.baseline is not None:
        return spec.baseline, spec.baseline_year, "plan"
    if spec.baseline_year is not None:  # a reference year without a value: its actual, for the later years
        if spec.baseline_year < year and values.get(spec.baseline_year) is not None:
            return values[spec.baseline_year], spec.baseline_year, "reference_year"
        return None, spec.baseline_year, "reference_year"
    if spec.kind == "relative" and spec.scope == "annual":  # "rritje me 2 % … cdo vit": against the year before
        return values.get(year - 1), year - 1, "previous_year"
    return None, None, None


def _expected(spec: Spec, year: int, base: float | None, share: float | None) -> float | None:
    """What the plan expects by the end of `year`; None when nothing is due yet."""
    target = spec.target
    if spec.kind == "milestone":
        target = 1.0
    if target is None:
        return None
    if spec.kind == "relative":
        if not base:
            return None
        target = relative_level(base, target, spec.direction)
    if spec.scope == "annual" or year >= spec.due_year:
        return target
    if spec.single or (spec.direction == "decrease" and base is None):
        return None  # one deliverable, or a level to reach without a starting point: due at the end
    if spec.per_year is not None and spec.kind != "relative":
        expected = min(target, spec.per_year * (year - spec.start + 1))
    else:
        start = base if base is not None else 0.0
        expected = start + (target - start) * (share or 0.0)
    if spec.kind in WHOLE_KINDS:
        expected = math.floor(expected + 1e-9)  # whole things: 13,5 campaigns expected means 13
    return expected if expected != (base or 0.0) else None


def evaluate(values: Mapping[int, float | None], year: int, spec: Spec,
             thresholds: Mapping[str, float] | None = None) -> Result:
    """Achievement, expected value, rating and status of one indicator in `year`, from its values per year.

    Yearly targets compare that year's value with the target. Whole-period targets compare the actual to date
    (see `cumulative`) with what is expected by the end of the year: 27 of 54 campaigns after 2 of 4 years is
    50 % achieved, 27 expected, on track.
    """
    actual = values.get(year)
    period = spec.scope == "period"
    if period:
        compared = cumulative(values, year, spec.kind) if values else None
        share = elapsed_share(year, spec.start, spec.end, spec.target_year)
    else:
        compared, share = actual, None
    base, base_year, origin = _baseline(values, year, spec)
    whole = achievement(compared, spec.target, base, spec.direction, spec.kind)

    expected = rating = None
    if year < spec.start or (year > spec.end and not period):
        state = "not_scheduled"
    elif compared is None:
        state = "no_data"
    elif whole.raw is None:
        state = status(None, rule=whole.rule)
    elif (expected := _expected(spec, year, base, share)) is None:
        if whole.raw >= 100:  # delivered before it was due
            rating = cap(whole.raw)
            state = status(rating, thresholds)
        else:
            state = "not_due"
    else:
        kind = "count" if spec.kind == "relative" else spec.kind
        versus = achievement(compared, expected, base, spec.direction, kind)
        rating = cap(versus.raw)
        state = status(rating, thresholds, versus.rule)
    return Result(actual, compared, whole, expected, share, rating, state, spec.start <= year <= spec.end,
                  base, base_year, origin)


@dataclass
class Rollup:
    """Indicators of an objective, a field or the plan, in the vocabulary of coverage:

    indicators (all, from the plan) · not_scheduled (their activity does not run in the year) · with_value ("me
    vlerë": an actual entered, to date for whole-period targets) · rated ("i vlerësuar": an actual compared with
    a numeric target, so in the mean) · no_numeric_target ("pa synim numerik": from the plan alone, the same
    every year) · no_data ("pa të dhëna": no actual, whatever the target). The mean rating is given only with
    its coverage (rated of the indicators of the year)."""

    indicators: int = 0
    not_scheduled: int = 0
    with_value: int = 0
    no_numeric_target: int = 0
    no_data: int = 0
    ratings: list[float] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    def add(self, r: Result, numeric_target: bool = True) -> None:
        self.indicators += 1
        self.counts[r.status] += 1
        if not numeric_target:
            self.no_numeric_target += 1
        if r.status == "not_scheduled":
            self.not_scheduled += 1
            return
        if r.compared is None:
            self.no_data += 1
        else:
            self.with_value += 1
        if r.rating is not None:
            self.ratings.append(r.rating)

    @property
    def of_year(self) -> int:
        """The indicators the year counts: all but those whose activity does not run in it."""
        return self.indicators - self.not_scheduled

    @property
    def rated(self) -> int:
        return len(self.ratings)

    @property
    def coverage(self) -> float | None:
        """Rated indicators as a share (%) of the year's indicators."""
        return self.rated / self.of_year * 100 if self.of_year else None

    @property
    def mean(self) -> float | None:
        """The mean rating of the rated indicators, whatever the coverage (see `mean_if_covered`)."""
        return sum(self.ratings) / len(self.ratings) if self.ratings else None

    def mean_if_covered(self, coverage_min: float = DEFAULT_COVERAGE_MIN) -> float | None:
        """The mean rating, only when at least `coverage_min` % of the year's indicators are rated."""
        coverage = self.coverage
        return self.mean if coverage is not None and self.ratings and coverage >= coverage_min else None


def rollup(results: Iterable[Result]) -> Rollup:
    r = Rollup()
    for x in results:
        r.add(x)
    return r


# Disaggregation: the parts entered per indicator, and the share each named group takes of its pair.
SHARES = {"women": ("women", "men"), "roma": ("roma", "egyptian"), "egyptian": ("egyptian", "roma"),
          "rural": ("rural", "urban")}


def shares(parts: Mapping[str, float]) -> dict[str, float]:
    """Share (%) of women, Roma, Egyptians and rural residents in their pair, where both parts are recorded
    and add up to more than 0: women / (women + men) × 100 and so on."""
    out = {}
    for name, (one, other) in SHARES.items():
        if one in parts and other in parts and parts[one] + parts[other] > 0:
            out[name] = parts[one] / (parts[one] + parts[other]) * 100
    return out


def add_parts(total: dict[str, float], parts: Mapping[str, float]) -> None:
    for k, v in parts.items():
        total[k] = total.get(k, 0.0) + v


ACTIVITY_STATUSES = ("done", "partly", "in_progress", "not_done", "not_reported")


def activity_status_counts(statuses: Iterable[str | None]) -> dict[str, int]:
    """Counts of activities per status (realizuar plotësisht / pjesërisht / në proces / parealizuar), plus
    those with no status entered. Pass only the activities scheduled in the year."""
    counts = dict.fromkeys(ACTIVITY_STATUSES, 0)
    for s in statuses:
        counts[s if s in counts else "not_reported"] += 1
    return counts
