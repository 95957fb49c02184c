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


# ---------------------------------------------------------------- every rule named, English without Albanian words

def _rule_ids() -> set[str]:
    """Every rule id a check can report: the ids the check functions write, the bounds rules and the budget flags."""
    import re
    from pathlib import Path

    from addin.checks.bounds import BOUNDS_RULES
    from addin.figures.budget import FLAG_RULES

    source = "".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parent.parent / "addin" / "checks").glob(
        "*.py"))
    written = set(re.findall(r'(?:_f|Finding)\(\s*"([a-z-]+)"', source))
    return written | set(BOUNDS_RULES) | set(FLAG_RULES.values())


def test_every_rule_has_a_message_and_a_short_name_in_both_languages():
    from addin.common.messages import MESSAGES

    ids = _rule_ids()
    assert {"duplicate-row", "sheet-misnamed", "value-negative", "overspend"} <= ids
    for rule in sorted(ids):
        for key in (f"rule:{rule}", f"rulename:{rule}"):
            sq, en = MESSAGES[key]
            assert sq.strip() and en.strip() and sq != en, key
    assert {k.split(":", 1)[1] for k in MESSAGES if k.startswith("rulename:")} == ids


def test_the_readme_validation_table_lists_every_rule():
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Validation"):readme.index("Unless `--no-copy` is given")]
    assert [rule for rule in sorted(_rule_ids()) if f"`{rule}`" not in table] == []


# What English text may carry in Albanian: the currency, and names quoted as they stand in the workbook (sheets,
# columns, list values), which the person sees in Albanian in Excel.
ALBANIAN_LETTERS = "ëçËÇ"
ALBANIAN_WORDS = ("nuk", "vlera", "vlerë", "fleta", "fletën", "dhe", "është", "për", "një", "ose", "qeliza",
                  "mungon", "viti", "libri", "gabim", "paralajmërim", "të", "në", "nga", "shënime")


def _outside_names(text: str) -> str:
    """An English text without its placeholders, its quoted names ('Shënime / evidenca', "[për t'u plotësuar]")
    and the currency (lekë)."""
    import re

    text = re.sub(r"\{[^}]*\}", "", text)
    text = re.sub(r'"[^"]*"', "", text)
    text = re.sub(r"(?<![A-Za-z])'[^']*'(?![A-Za-z])", "", text)
    return re.sub(r"\blekë\b", "", text)


def test_no_english_message_carries_albanian_outside_the_names_it_quotes():
    import re

    from addin.common.messages import MESSAGES

    words = re.compile(r"\b(" + "|".join(ALBANIAN_WORDS) + r")\b", re.IGNORECASE)
    found = {}
    for key, (_sq, en) in MESSAGES.items():
        rest = _outside_names(en)
        if any(ch in rest for ch in ALBANIAN_LETTERS) or words.search(rest):
            found[key] = en
    assert found == {}


# MatricaErrors about arguments (the command line names the workbook before them) or about the Python itself
NOT_ABOUT_A_FILE = {"budget_bad_by", "budget_bad_years", "report_bad_date", "report_bad_format",
                    "excel_budget_no_pandas"}


def test_every_error_message_names_the_file_in_both_languages():
    import re
    from pathlib import Path

    from addin.common.messages import MESSAGES

    root = Path(__file__).parent.parent / "addin"
    keys = set()
    for p in root.rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        keys |= set(re.findall(r'MatricaError\(\s*"([a-z_:-]+)"', text))
        keys |= set(re.findall(r'_refusal\([^,]+,\s*"([a-z_:-]+)"', text))
        keys |= set(re.findall(r'return "([a-z_]+)", \{', text))  # WorkbookData.year_problem
    assert {"year_sheet_misnamed", "sheet_name_clash", "year_outside"} <= keys
    unnamed = [k for k in sorted(keys - NOT_ABOUT_A_FILE) if not all("{path}" in m for m in MESSAGES[k])]
    assert unnamed == []
