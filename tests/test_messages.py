"""Messages agree in number with their counts (gettext-style plural forms, the rule n != 1)."""

from __future__ import annotations

import pytest

from addin.common.messages import PLURALS, counted, plural_form, t, tn


@pytest.mark.parametrize(("n", "index"), [(0, 1), (1, 0), (2, 1), (21, 1), (1.5, 1)])
def test_the_albanian_plural_rule_is_n_not_one(n, index):
    assert plural_form(n) == index


def test_counted_phrases_agree_in_albanian_and_english():
    assert [tn("n_errors", n) for n in (0, 1, 2)] == ["0 gabime", "1 gabim", "2 gabime"]
    assert [tn("n_warnings", n) for n in (1, 3)] == ["1 paralajmërim", "3 paralajmërime"]
    assert [tn("n_indicators", n) for n in (1, 2)] == ["1 tregues", "2 tregues"]
    assert [tn("n_activities_reported", n, "en") for n in (1, 4)] == ["reported by 1 activity",
                                                                       "reported by 4 activities"]
    assert t("validate_bad", "sq", path="x.xlsx", **counted(1, 1)) == "x.xlsx: 1 gabim dhe 1 paralajmërim."
    assert t("validate_bad", "en", path="x.xlsx", **counted(63, 1, "en")) == "x.xlsx: 63 errors and 1 warning."


def test_a_sentence_agrees_with_its_count_in_the_verb_too():
    assert tn("summary_unsplit", 1).startswith("1 aktivitet financohet")
    assert tn("summary_unsplit", 18).startswith("18 aktivitete financohen")


@pytest.mark.parametrize("key", sorted(PLURALS))
def test_every_plural_message_has_two_forms_per_language_naming_the_count(key):
    for forms in PLURALS[key]:
        assert len(forms) == 2 and all("{n}" in f for f in forms)
