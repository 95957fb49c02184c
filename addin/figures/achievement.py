"""Indicator achievement, status and roll-ups: pure functions, one rule per case (README, "Costs and achievement").

Achievement is a percentage of the target reached. The raw value is kept (it may pass 100 or go below 0);
the value shown beside it and used for status and averages is capped to 0-100. Missing data is never 0:
an empty actual gives no achievement (None) and the status "no_data", and it never enters an average.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Rule codes (README table, in this order).
RULES = (
    "no_data", "no_target", "milestone", "baseline", "baseline_not_usable", "ratio_increase", "ratio_decrease",
    "zero_target",
)
STATUSES = ("on_track", "partly", "off_track", "no_data", "no_target")
DEFAULT_THRESHOLDS = {"on_track": 90.0, "partly": 50.0}
SUMMED_KINDS = ("count", "amount")  # whole-period targets add these up over the years


@dataclass(frozen=True)
class Achievement:
    raw: float | None  # percent of the target reached, uncapped; None when it cannot be computed
    rule: str  # one of RULES

    @property
    def capped(self) -> float | None:
        return cap(self.raw)


def cap(value: float | None) -> float | None:
    """The value shown beside the raw one: limited to 0-100."""
    return None if value is None else min(100.0, max(0.0, value))


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
    "amount" or "milestone".
    """
    if actual is None:
        return Achievement(None, "no_data")
    if kind == "milestone":
        return Achievement(100.0 if actual >= 1 else 0.0, "milestone")
    if target is None:
        return Achievement(None, "no_target")
    if baseline is not None:
        gap = target - baseline
        wanted = gap > 0 if direction == "increase" else gap < 0
        if wanted:
            return Achievement((actual - baseline) / gap * 100, "baseline")
        # Target equal to the baseline, or on the wrong side of it: a level to hold, judged on the target alone.
        return Achievement(_without_baseline(actual, target, direction).raw, "baseline_not_usable")
    return _without_baseline(actual, target, direction)


def status(rating: float | None, thresholds: Mapping[str, float] | None = None, rule: str = "") -> str:
    """on_track (>= on_track threshold), partly (>= partly threshold), off_track, or no_data / no_target."""
    if rating is None:
        return "no_target" if rule == "no_target" else "no_data"
    t = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    if rating >= t["on_track"]:
        return "on_track"
    if rating >= t["partly"]:
        return "partly"
    return "off_track"


def cumulative(values: Mapping[int, float | None], year: int, kind: str) -> float | None:
    """The actual to date for a whole-period target: the sum of the years up to `year` for counts and
    amounts, the latest value for percentages, done once any year reports it done for milestones.
    Years without data add nothing; None when no year up to `year` has data."""
    known = sorted((y, v) for y, v in values.items() if y <= year and v is not None)
    if not known:
        return None
    if kind in SUMMED_KINDS:
        return float(sum(v for _, v in known))
    if kind == "milestone":
        return max(v for _, v in known)
    return known[-1][1]


def elapsed_share(year: int, start: int, end: int, target_year: int | None = None) -> float:
    """Share of the period elapsed at the end of `year` (0-1); the period ends at the indicator's own target
    year when it names one inside the plan period."""
    if target_year is not None and start <= target_year <= end:
        end = target_year
    return min(1.0, max(0.0, (year - start + 1) / (end - start + 1)))


@dataclass(frozen=True)
class Result:
    """One indicator in one year."""

    actual: float | None  # that year's value
    compared: float | None  # what was compared with the target (the year's value, or the actual to date)
    achievement: Achievement
    elapsed: float | None  # share of the period elapsed (whole-period targets only)
    rating: float | None  # capped achievement, or for whole-period targets capped achievement ÷ elapsed share
    status: str


def indicator_result(values: Mapping[int, float | None], year: int, *, target: float | None,
                     baseline: float | None, direction: str, kind: str, scope: str, start: int, end: int,
                     target_year: int | None = None, thresholds: Mapping[str, float] | None = None) -> Result:
    """Achievement, rating and status of one indicator in `year`, from its values per year.

    Annual targets compare that year's value. Whole-period targets compare the actual to date (see
    `cumulative`) with the whole target, and rate it against the share of the period elapsed: 27 of 54
    campaigns after 2 of 4 years is 50 % achieved and on track.
    """
    actual = values.get(year)
    if scope == "period":
        compared = cumulative(values, year, kind)
        a = achievement(compared, target, baseline, direction, kind)
        share = elapsed_share(year, start, end, target_year)
        rating = cap(a.raw / share) if a.raw is not None and share > 0 else None
        return Result(actual, compared, a, share, rating, status(rating, thresholds, a.rule))
    a = achievement(actual, target, baseline, direction, kind)
    return Result(actual, actual, a, None, a.capped, status(a.capped, thresholds, a.rule))


@dataclass
class Rollup:
    """Indicators of an objective, a field or the plan: mean rating over those with an achievement."""

    indicators: int = 0
    reported: int = 0  # with an actual value entered (this year, or to date for whole-period targets)
    ratings: list[float] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    def add(self, r: Result) -> None:
        self.indicators += 1
        if r.compared is not None:
            self.reported += 1
        if r.rating is not None:
            self.ratings.append(r.rating)
        self.counts[r.status] += 1

    @property
    def with_data(self) -> int:
        return len(self.ratings)

    @property
    def mean(self) -> float | None:
        return sum(self.ratings) / len(self.ratings) if self.ratings else None


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
    those with no status entered."""
    counts = dict.fromkeys(ACTIVITY_STATUSES, 0)
    for s in statuses:
        counts[s if s in counts else "not_reported"] += 1
    return counts
