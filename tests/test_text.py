import pytest

from addin.common.text import AmountError, fold, format_lek, parse_lek, repair


@pytest.mark.parametrize(
    ("text", "lek"),
    [
        ("34, 300 lekë", 34300),
        ("50.400 Leke", 50400),
        ("1,000,000leke", 1_000_000),
        ("960.000 leke", 960_000),
        ("3.500.000 leke", 3_500_000),
        ("45,000leke", 45000),
        ("4 584 062 lekë", 4_584_062),
        ("3.326 mijë lekë", 3_326_000),
        ("59.3 milion lekë", 59_300_000),
        ("12000", 12000),
        (12000, 12000),
        (12000.0, 12000),
    ],
)
def test_parse_lek_reads_every_form_the_plans_print(text, lek):
    assert parse_lek(text).lek == lek
    assert parse_lek(text).quantified


@pytest.mark.parametrize("text", ["Sipas kostimit bere nga bashkia", "Sipas Kostimitt e MSHMS", "sipas studimit"])
def test_parse_lek_recognises_sipas_text_as_not_quantified(text):
    amount = parse_lek(text)
    assert amount.lek is None and not amount.quantified


@pytest.mark.parametrize("text", ["", "shumë", "12,5 lekë", "1.2.3", "Buxheti vendor", "12.5"])
def test_parse_lek_refuses_what_is_not_an_amount(text):
    with pytest.raises(AmountError):
        parse_lek(text)


def test_repair_replaces_cyrillic_yo_and_collapses_spaces():
    assert repair("  Nё qytetin  e\nElbasanit ") == "Në qytetin e Elbasanit"


def test_fold_ignores_case_spaces_and_cyrillic_yo():
    assert fold(" Realizuar  Plotёsisht ") == fold("realizuar plotësisht")


def test_format_lek_groups_thousands_with_spaces():
    assert format_lek(4584062) == "4 584 062 lekë"


@pytest.mark.parametrize(("value", "whole"), [(3, True), (3.0, True), (2.5, False), (float("nan"), False),
                                              (float("inf"), False), (-float("inf"), False), (True, False),
                                              ("3", False), (None, False)])
def test_is_whole_never_raises_on_nan_or_infinity(value, whole):
    from addin.common.text import is_whole

    assert is_whole(value) is whole
