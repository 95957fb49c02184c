"""The plan text in addin/plan/data/ against the plan documents (tests/plan_documents/, copies of shared/plans/)."""

from __future__ import annotations

import csv
import re
from collections import Counter

import pytest

from addin.common.text import parse_lek, squeeze
from addin.plan.model import PLANS_DIR
from tests.conftest import ANNEX, PLAN_DOCUMENTS, SHARED_PLANS, SOCIAL

# Counted by hand from the documents: (field, objective) -> (activities, indicators).
EXPECTED_COUNTS = {
    SOCIAL: {
        ("A", "A1"): (6, 8), ("A", "A2"): (2, 3), ("A", "A3"): (5, 6), ("A", "A4"): (1, 1),
        ("B", "B1"): (8, 11), ("B", "B2"): (3, 6), ("B", "B3"): (2, 4), ("B", "B4"): (1, 1),
        ("C", "C1"): (31, 48), ("C", "C2"): (4, 13),
        ("D", "D1"): (4, 10), ("D", "D2"): (1, 3), ("D", "D3"): (1, 2), ("D", "D4"): (1, 2),
    },
    ANNEX: {
        ("RC", "1"): (3, 3), ("RC", "2"): (1, 1),
        ("AR", "2.1"): (3, 4), ("AR", "2.2"): (2, 2), ("AR", "2.3"): (4, 7),
        ("SH", "3"): (3, 4), ("PU", "4.1"): (9, 12), ("ST", "5.1"): (4, 8),
        ("MS", "6.1"): (5, 9), ("KM", "6.2"): (2, 2),
    },
}
EXPECTED_CODES = {
    SOCIAL: {
        "A": ["A1.1", "A1.2", "A1.3", "A1.4", "A1.5", "A1.6", "A2.1", "A2.2",
              "A3.1", "A3.2", "A3.3", "A3.4", "A3.5", "A4.1"],
        "B": ["B1.1", "B1.2", "B1.3", "B1.4", "B1.5", "B1.6", "B1.7", "B1.8", "B2.1", "B2.2", "B2.3",
              "B3.1", "B3.2", "B4.1"],
        "C": ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8.1", "1.8.2", "1.8.3",
              "1.8.4 a)", "1.8.4 b)", "1.8.4 c)", "1.8.4 d)", "1.8.5 a)", "1.8.5 b)", "1.8.6", "1.8.7", "1.8.8",
              "1.9.1", "1.9.2", "1.9.3", "1.9.4 i)", "1.9.4 ii)", "1.10.1", "1.10.2", "1.10.3", "1.10.4",
              "1.10.5 i)", "1.10.5 ii)", "1.10.6", "2.1", "2.2", "2.3", "2.4"],
        "D": ["1.1", "1.2", "1.3", "1.4", "2.1", "3.1", "4.1"],
    },
    ANNEX: {
        "RC": ["1.1", "1.2", "1.3", "2.1"],
        "AR": ["2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.3.1", "2.3.2", "2.3.3", "2.3.4"],
        "SH": ["3.1", "3.2", "3.3"],
        "PU": [f"4.1.{i}" for i in range(1, 10)],
        "ST": ["5.1", "5.2", "5.3", "5.4"],
        "MS": [f"6.1.{i}" for i in range(1, 6)],
        "KM": ["6.2.1", "6.2.2"],
    },
}
# The annex's total planned annual cost, added up by hand from its "Kostimi ne vit" cells.
ANNEX_TOTAL_LEK = 4_584_062
ANNEX_UNQUANTIFIED = {"2.2.1", "4.1.3", "5.1", "5.2"}

TEXT_COLUMNS = {
    "fields.csv": ("title", "strategic_goal", "specific_objective"),
    "objectives.csv": ("title", "indicator"),
    "activities.csv": ("activity", "responsible", "contributors", "data_sources", "cost_printed",
                       "cost_amount_printed", "funding_printed", "monitoring", "group"),
    "indicators.csv": ("indicator",),
}


def rows(plan_id: str, name: str) -> list[dict]:
    with (PLANS_DIR / plan_id / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# Corrections of conversion artefacts, each explained in the row's note: the document's "ëeb"/"ëebsite" is
# "web"/"website" whose "w" became "ë" when the plan was converted to text.
ARTEFACTS = {"website": "ëebsite", "web": "ëeb"}


def _stands_in(text: str, doc: str) -> bool:
    """Whole, or in two pieces (of 8+ letters) where a table cell was split across rows of the document."""
    s = squeeze(text)
    for corrected, printed in ARTEFACTS.items():
        s = s.replace(corrected, printed)
    return s in doc or any(s[:k] in doc and s[k:] in doc for k in range(8, len(s) - 7))


def document(plans, plan_id: str) -> str:
    return squeeze((PLAN_DOCUMENTS / plans[plan_id].source).read_text(encoding="utf-8"))


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
@pytest.mark.parametrize("name", sorted(TEXT_COLUMNS))
def test_every_transcribed_text_stands_in_the_document(plans, plan_id, name):
    doc = document(plans, plan_id)
    missing = []
    for line, row in enumerate(rows(plan_id, name), start=2):
        for col in TEXT_COLUMNS[name]:
            text = row[col]
            if col == "group":
                parts = text.split(" › ") if text else []
            else:
                parts = [text] if text else []
            missing += [f"{name}:{line} {col}: {p!r}" for p in parts if not _stands_in(p, doc)]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_no_cyrillic_yo_is_left_in_the_plan_text(plan_id):
    for path in (PLANS_DIR / plan_id).glob("*.csv"):
        assert "ё" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("plan_id", sorted(EXPECTED_COUNTS))
def test_counts_per_objective_match_the_document(plans, plan_id):
    plan = plans[plan_id]
    acts = Counter((a.field, a.objective) for a in plan.activities)
    objective_of = {(a.field, a.code): a.objective for a in plan.activities}
    inds = Counter((i.field, objective_of[(i.field, i.activity)]) for i in plan.indicators)
    got = {key: (acts[key], inds[key]) for key in {(o.field, o.code) for o in plan.objectives}}
    assert got == EXPECTED_COUNTS[plan_id]


@pytest.mark.parametrize("plan_id", sorted(EXPECTED_CODES))
def test_every_activity_code_is_present_in_plan_order(plans, plan_id):
    plan = plans[plan_id]
    got = {f.code: [a.code for a in plan.activities if a.field == f.code] for f in plan.fields}
    assert got == EXPECTED_CODES[plan_id]


def test_annex_activity_codes_are_the_codes_printed_in_the_document():
    text = (PLAN_DOCUMENTS / "roma-egyptian-annex-2024-2027.txt").read_text(encoding="utf-8")
    printed = re.findall(r"^\t(\d+(?:\.\d+)+) (?![\d ]*[Ll]ek)", text, flags=re.MULTILINE)
    expected = [c for codes in EXPECTED_CODES[ANNEX].values() for c in codes]
    assert printed == expected


def test_every_quantified_cost_equals_the_printed_amount(plans):
    doc = document(plans, ANNEX)
    for a in plans[ANNEX].activities:
        if a.cost_lek is not None:
            assert parse_lek(a.cost_amount_printed).lek == a.cost_lek, a.ref
            assert a.cost_printed.startswith(a.cost_amount_printed), a.ref
            assert squeeze(a.cost_printed) in doc, a.ref


def test_annex_total_planned_annual_cost_is_the_hand_computed_sum(plans):
    assert sum(a.cost_lek or 0 for a in plans[ANNEX].activities) == ANNEX_TOTAL_LEK


def test_annex_total_agrees_with_every_amount_printed_in_the_document(plans):
    text = (PLAN_DOCUMENTS / "roma-egyptian-annex-2024-2027.txt").read_text(encoding="utf-8")
    printed = re.findall(r"(\d{1,3}(?:[.,]\s?\d{3})+)\s?[Ll]ek", text)
    assert sum(parse_lek(p).lek for p in printed) == ANNEX_TOTAL_LEK


def test_every_non_quantified_cost_is_recognised_as_such(plans):
    unquantified = {a.code for a in plans[ANNEX].activities if a.cost_lek is None}
    assert unquantified == ANNEX_UNQUANTIFIED
    for a in plans[ANNEX].activities:
        if a.cost_lek is None and a.cost_amount_printed:
            assert not parse_lek(a.cost_amount_printed).quantified, a.ref


def test_the_social_plan_states_no_costs(plans):
    plan = plans[SOCIAL]
    assert not plan.has_costs
    assert all(not a.cost_printed and a.cost_lek is None for a in plan.activities)


@pytest.mark.parametrize("plan_id", [SOCIAL, ANNEX])
def test_indicators_without_a_number_say_so(plans, plan_id):
    for i in plans[plan_id].indicators:
        if i.target.value is None and i.target.kind != "milestone":
            assert "nuk jep" in i.note.lower(), i.ref


def test_a_multi_indicator_cell_becomes_one_record_each(plans):
    plan = plans[ANNEX]
    assert [i.n for i in plan.indicators if i.field == "AR" and i.activity == "2.1.2"] == [1, 2]


def test_the_annex_baseline_year_2025_is_recorded_without_a_value(plans):
    i = next(i for i in plans[ANNEX].indicators if i.field == "RC" and i.activity == "1.1")
    assert (i.baseline_year, i.baseline_value, i.target.value) == (2025, None, None)


# ---------------------------------------------------------------- corrections found by reading the plans again


def test_no_conversion_artefact_is_left_and_each_correction_says_so(plans):
    for plan in plans.values():
        texts = [(i.text, i.note) for i in plan.indicators] + [(a.data_sources, a.note) for a in plan.activities]
        for text, note in texts:
            assert "ëeb" not in text
            if re.search(r"\bweb", text):
                assert "ëeb" in note, text


def test_annex_4_1_4_counts_persons_and_one_training_is_not_its_target(plans):
    i = next(i for i in plans[ANNEX].indicators if i.field == "PU" and i.activity == "4.1.4")
    assert i.target.value is None and i.target.kind == "count" and "persona" in i.target.unit
    assert "jo synimi" in i.note


def test_annex_6_1_2_is_a_relative_range_of_3_to_5_percent(plans):
    i = next(i for i in plans[ANNEX].indicators if i.field == "MS" and i.activity == "6.1.2")
    t = i.target
    assert (t.kind, t.value, t.value_high, t.scope) == ("relative", 3, 5, "annual")
    assert t.describe() == "rritje me 3-5 % në vit (aplikime)"


def test_relative_targets_of_the_annex_are_their_own_kind(plans):
    relative = {(i.field, i.activity) for i in plans[ANNEX].indicators if i.target.kind == "relative"}
    assert relative == {("PU", "4.1.6"), ("MS", "6.1.2")}
    objectives = {(o.field, o.code): o.target for o in plans[ANNEX].objectives if o.target}
    assert {k for k, t in objectives.items() if t.kind == "relative"} == {("AR", "2.2"), ("PU", "4.1"), ("ST", "5.1")}
    assert objectives[("ST", "5.1")].describe().startswith("rritje me 30 %")


def test_annex_milestones_have_a_direction_like_the_social_plans(plans):
    for plan in plans.values():
        for i in plan.indicators:
            if i.target.kind == "milestone":
                assert i.target.direction == "increase"
    text = (PLANS_DIR / ANNEX / "indicators.csv").read_text("utf-8")
    assert ",milestone,,,,," not in text  # written in the text, not only defaulted by the loader


def test_the_social_plan_situation_analysis_gives_zero_baselines(plans):
    by_ref = {i.ref: i for i in plans[SOCIAL].indicators}
    for ref in ("C/1.6#1", "C/1.7#2", "C/1.8.3#1"):
        i = by_ref[ref]
        assert (i.baseline_value, i.baseline_year) == (0, 2022) and "1.2.3" in i.baseline_source, ref
    doc = (PLAN_DOCUMENTS / "social-plan-2023-2026.txt").read_text(encoding="utf-8")
    assert "mungon një qendër emergjence" in doc and "ky shërbim u ndërpre në vitin 2022" in doc


def test_objective_c2_title_is_repaired_from_section_3_2(plans):
    c2 = next(o for o in plans[SOCIAL].objectives if o.field == "C" and o.code == "C2")
    assert c2.title == "Konsolidimi i sistemit të integruar të shërbimeve ekzistuese"
    assert "Konsolidim i i sistemit" in c2.note


def test_a1_4_names_the_responsible_bodies_of_both_its_rows(plans):
    a = plans[SOCIAL].activity("A", "A1.4")
    for body in ("Drejtoria e Shërbimit të Kujdesit Social dhe Komunitar", "Drejtoria e buxhetit", "Bashkia Elbasan"):
        assert body in a.responsible


@pytest.mark.skipif(not SHARED_PLANS.is_dir(), reason="the original plan documents are not beside this clone")
def test_the_plan_documents_shipped_with_the_tests_are_the_originals():
    originals = sorted(p.name for p in SHARED_PLANS.glob("*.txt"))
    assert originals == sorted(p.name for p in PLAN_DOCUMENTS.glob("*.txt"))
    for name in originals:
        assert (PLAN_DOCUMENTS / name).read_bytes() == (SHARED_PLANS / name).read_bytes(), name
