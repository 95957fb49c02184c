"""Who answers for an activity: the institutions named in the plan's responsible column, lead first.

The plans print that column as free text, several institutions per cell and in many spellings ("Qendra
Komunitare Rome (QKR), Agjensia e Sherbimit Social Bashkia Elbasan (ASHS) dhe …", "Bashkia / ASHC",
"NJVNR\\NJA"). The institutions are found in it by their name or code in `institutions.csv` and by the other
spellings in `aliases.csv` (both reviewable text in the plan's folder), compared without case or accents and as
whole words; a code is found only as printed (upper case). Institutions listed under one name are one institution
(the annex lists the social services agency as ASHS and as ASHC): the first code listed stands for both.

The rule for an activity with several responsible institutions: **the first one named leads** (it reports the
activity and gets the row as an input row in its part); the others named are co-responsible (they see the row in
their part, locked). The municipality itself ("Bashkia", "Bashkia Elbasan") is not counted where it only
qualifies the institution named just before it ("Drejtoria e Strehimit Bashkia", "… Bashkia Elbasan (ASHS)"),
nor where it stands before a slash and a unit of its own ("Bashkia / ASHC", "Bashkia/Drejtoria e Planifikimit …"):
the unit leads. Elsewhere ("Bashkia, partnerët lokalë, OSHC") the municipality is an institution like the others.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from addin.common.text import repair
from addin.plan.model import Activity, Institution, Plan

ALIASES_FILE = "aliases.csv"
ALIAS_COLUMNS = ("code", "alias")
# Words that join or qualify names in the responsible column; what is left after the names and these is reported as
# not recognised (`Responsibility.unmatched`).
FILLER = frozenset(("dhe", "i", "ii", "iii", "iv", "ne", "në", "bashki", "bashkia", "bashkise", "elbasan", "e", "te",
                    "të", "per", "për", "ose"))


def plain(text: str) -> str:
    """Lower case without diacritics, one character for each character of `text` ("Shërbimit" -> "sherbimit"), so
    positions in the result are positions in the text."""
    out = []
    for ch in text.replace("ё", "ë"):
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).casefold()
        out.append(base[:1] if base else " ")
    return "".join(out)


def name_key(text: str) -> str:
    """An institution name as compared: plain, single spaces, no edge punctuation."""
    return " ".join(plain(repair(str(text))).split()).strip(" .,;:/")


@dataclass(frozen=True)
class Responsibility:
    """The institutions an activity's responsible column names, in the order named (the first leads), and the
    words of the column that name no known institution."""

    institutions: tuple[Institution, ...]
    unmatched: tuple[str, ...] = ()

    @property
    def lead(self) -> Institution | None:
        return self.institutions[0] if self.institutions else None


@dataclass(frozen=True, eq=False)
class _Matcher:
    institutions: tuple[Institution, ...]  # one per institution (same name: the first code)
    canonical: dict[str, Institution]  # any code -> its institution
    names: tuple[tuple[str, Institution], ...]  # (plain name or alias, institution), longest first
    municipality: frozenset[str]  # codes of the municipality itself


def read_aliases(folder: Path) -> list[tuple[str, str]]:
    """(code, alias) rows of a plan's aliases.csv; none when the plan has no such file."""
    path = Path(folder) / ALIASES_FILE
    if not path.is_file():
        return []
    from addin.plan.model import PlanSourceError

    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if tuple(header or ()) != ALIAS_COLUMNS:
            raise PlanSourceError(path, 1, f"header should be {','.join(ALIAS_COLUMNS)}")
        for line, row in enumerate(reader, start=2):
            if not any(v.strip() for v in row):
                continue
            if len(row) != 2 or not row[0].strip() or not row[1].strip():
                raise PlanSourceError(path, line, "expected a code and an alias")
            out.append((row[0].strip(), repair(row[1])))
    return out


_MATCHERS: dict[tuple[str, str], _Matcher] = {}


def _matcher(plan: Plan) -> _Matcher:
    key = (plan.id, str(plan.folder))
    if key not in _MATCHERS:
        _MATCHERS[key] = _build_matcher(plan)
    return _MATCHERS[key]


def _build_matcher(plan: Plan) -> _Matcher:
    by_name: dict[str, Institution] = {}
    canonical: dict[str, Institution] = {}
    for inst in plan.institutions:
        first = by_name.setdefault(name_key(inst.name), inst)
        canonical[inst.code] = first
    names: dict[str, Institution] = {key: inst for key, inst in by_name.items()}
    for code, alias in read_aliases(plan.folder):
        if code not in canonical:
            from addin.plan.model import PlanSourceError

            raise PlanSourceError(Path(plan.folder) / ALIASES_FILE, 0, f"alias {alias!r} of unknown code {code!r}")
        names.setdefault(name_key(alias), canonical[code])
    town = name_key(plan.municipality)
    municipality = frozenset(i.code for i in by_name.values() if name_key(i.name) in (town, town.split(" ")[0]))
    ordered = tuple(sorted(names.items(), key=lambda kv: -len(kv[0])))
    return _Matcher(tuple(by_name.values()), canonical, ordered, municipality)


def institutions(plan: Plan) -> tuple[Institution, ...]:
    """The plan's institutions, one per name (ASHS and ASHC of the annex are one), in the plan's order."""
    return _matcher(plan).institutions


def canonical(plan: Plan, code: str) -> Institution | None:
    return _matcher(plan).canonical.get(code)


def _word_at(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _responsibility(plan: Plan, text: str) -> Responsibility:
    return _responsibility_of(_matcher(plan), text)


@cache
def _responsibility_of(m: _Matcher, text: str) -> Responsibility:
    flat = plain(text)
    found: list[tuple[int, int, Institution]] = []
    for name, inst in m.names:
        for hit in re.finditer(re.escape(name), flat):
            if _word_at(flat, hit.start(), hit.end()):
                found.append((hit.start(), hit.end(), inst))
    for code, inst in m.canonical.items():
        for hit in re.finditer(rf"(?<![^\W_]){re.escape(code)}(?![^\W_])", text):
            found.append((hit.start(), hit.end(), inst))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    taken: list[tuple[int, int, Institution]] = []
    for f in found:
        if not taken or f[0] >= taken[-1][1]:
            taken.append(f)
    kept: list[Institution] = []
    for i, (start, end, inst) in enumerate(taken):
        if inst.code in m.municipality:
            qualifies = i > 0 and not flat[taken[i - 1][1]:start].strip()
            umbrella = i + 1 < len(taken) and flat[end:taken[i + 1][0]].strip() == "/"
            if qualifies or umbrella:
                continue
        if inst not in kept:
            kept.append(inst)
    rest = list(flat)
    for start, end, _inst in taken:
        rest[start:end] = " " * (end - start)
    words = [w for w in re.findall(r"[^\W\d_]+", "".join(rest)) if w not in FILLER]
    return Responsibility(tuple(kept), tuple(words))


def responsibility(plan: Plan, activity: Activity) -> Responsibility:
    """The institutions named responsible for `activity`, lead first (see the module's rule)."""
    return _responsibility(plan, activity.responsible)


def runs_in(plan: Plan, activity: Activity, year: int) -> bool:
    """The activity runs in `year`: between its start and end years, or every plan year when the plan gives a
    frequency ("Çdo vit") instead."""
    if activity.start_year is not None and activity.end_year is not None:
        return activity.start_year <= year <= activity.end_year
    return bool(activity.frequency) and plan.start_year <= year <= plan.end_year


@dataclass(frozen=True)
class Share:
    """An institution's activities in one year: those it leads (it reports them) and those it is co-responsible
    for (shown locked)."""

    institution: Institution
    year: int
    lead: tuple[Activity, ...]
    shared: tuple[Activity, ...]

    @property
    def keys(self) -> frozenset[tuple[str, str]]:
        """(field, code) of the activities it reports."""
        return frozenset((a.field, a.code) for a in self.lead)


def share(plan: Plan, institution: Institution, year: int) -> Share:
    """What `institution` reports in `year` (activities it leads that run that year) and what it only sees."""
    lead, shared = [], []
    for a in plan.activities:
        if not runs_in(plan, a, year):
            continue
        named = responsibility(plan, a).institutions
        if named and named[0] == institution:
            lead.append(a)
        elif institution in named:
            shared.append(a)
    return Share(institution, year, tuple(lead), tuple(shared))


def shares(plan: Plan, year: int) -> list[Share]:
    """Every institution that leads at least one activity running in `year`, in the plan's order of institutions."""
    out = [share(plan, inst, year) for inst in institutions(plan)]
    return [s for s in out if s.lead]


def find_institution(plan: Plan, text: str) -> Institution | None:
    """The institution `text` names: a code (any case), a name or another spelling from aliases.csv, or the
    dropdown's label ("QKR – Qendra Komunitare Rome")."""
    m = _matcher(plan)
    wanted = str(text or "").strip()
    for code, inst in m.canonical.items():
        if wanted.casefold() == code.casefold():
            return inst
    key = name_key(wanted)
    for inst in m.institutions:
        if key in (name_key(inst.label), name_key(inst.name)):
            return inst
    for name, inst in m.names:
        if key == name:
            return inst
    if " – " in wanted:
        return find_institution(plan, wanted.split(" – ", 1)[0])
    return None


def slug(text: str, limit: int = 40) -> str:
    """A file-name piece safe on every system: ASCII letters, digits and hyphens ("Qendra Komunitare Rome" ->
    "qendra-komunitare-rome")."""
    ascii_text = "".join(c for c in unicodedata.normalize("NFKD", repair(text)) if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold().encode("ascii", "ignore").decode()).strip("-")
    if len(s) > limit:  # cut at a word's end
        s = s[:limit + 1].rsplit("-", 1)[0] if "-" in s[:limit + 1] else s[:limit]
    return s.rstrip("-") or "institucioni"
