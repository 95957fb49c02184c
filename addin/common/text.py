"""Text helpers: repairs, normalisation for comparisons, and reading amounts in lekë."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

FORMULA_PREFIXES = ("=", "+", "-", "@")


def repair(text: str) -> str:
    """Repair the Cyrillic "ё" typed for "ë" and collapse runs of white space."""
    return " ".join(text.replace("ё", "ë").replace("Ё", "Ë").split())


def fold(text: object) -> str:
    """Fold a value for vocabulary comparison: repaired, lower case, single spaces, no edge punctuation."""
    if text is None:
        return ""
    return _fold(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """`fold` of a text, remembered: the same headers, statuses and codes are folded over and over."""
    return unicodedata.normalize("NFC", repair(text)).casefold().strip(" .;,")


def loose(text: object) -> str:
    """`fold`, then without accents and with every run of other characters than letters and digits one space:
    "MONITORIMI_2025 (2)" -> "monitorimi 2025 2" (to recognise a name typed almost right)."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", fold(text)) if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def squeeze(text: str) -> str:
    """Remove all white space (used to compare transcriptions with the source documents)."""
    return re.sub(r"\s+", "", text.replace("ё", "ë").replace("Ё", "Ë"))


@dataclass(frozen=True)
class Amount:
    """An amount read from text: `lek` is None when the text is not quantified."""

    lek: int | None
    quantified: bool


class AmountError(ValueError):
    """Text that is neither an amount in lekë nor a recognised non-quantified cost."""


_CURRENCY = re.compile(r"\b(?:lek[eë]?|all)\b\.?", re.IGNORECASE)
_MULTIPLIERS = {"mijë": 1_000, "mije": 1_000, "mij": 1_000, "milion": 1_000_000, "milionë": 1_000_000}
_NOT_QUANTIFIED = re.compile(r"^\s*sipas\b", re.IGNORECASE)


def parse_lek(value: object) -> Amount:
    """Read an amount in lekë from a number or from the forms the plans print.

    Accepts "34, 300 lekë", "50.400 Leke", "1,000,000leke", "960.000 leke", "3.500.000 leke",
    "4 584 062 lekë", "3.326 mijë lekë", "59.3 milion lekë" and plain numbers. Text starting
    with "Sipas …" ("Sipas kostimit …") is recognised as not quantified. Anything else raises
    AmountError.
    """
    if isinstance(value, bool):
        raise AmountError(str(value))
    if isinstance(value, int):
        return Amount(value, True)
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            raise AmountError(str(value))
        return Amount(int(value), True)
    text = repair(str(value or ""))
    if not text:
        raise AmountError(text)
    if _NOT_QUANTIFIED.match(text):
        return Amount(None, False)
    s = text.replace("\u00a0", " ").replace("\u202f", " ")
    # "45,000leke", "85,000lekeBashkia": a currency word glued to the number
    s = re.sub(r"(?<=\d)(?=lek)", " ", s, flags=re.IGNORECASE)
    s = _CURRENCY.sub(" ", s).strip()
    multiplier = 1
    for word, factor in _MULTIPLIERS.items():
        m = re.search(rf"\s{word}\s*$", " " + s, re.IGNORECASE)
        if m:
            multiplier = factor
            s = s[: len(s) - (len(m.group(0)) - 1)].strip()
            break
    if not re.fullmatch(r"\d[\d.,\s]*", s):
        raise AmountError(text)
    s = re.sub(r"\s+", " ", s)
    # Separators followed by exactly three digits are thousands separators ("34, 300", "3.500.000").
    groups = re.split(r"[.,]\s?|\s", s)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
        number = float("".join(groups))
    elif len(groups) == 2 and multiplier > 1 and re.fullmatch(r"\d+[.,]\d{1,2}", s):
        number = float(s.replace(",", "."))
    elif len(groups) == 1:
        number = float(groups[0])
    else:
        raise AmountError(text)
    lek = number * multiplier
    if not math.isfinite(lek) or lek != int(lek):  # "999…9" beyond a float reads as infinity: no amount
        raise AmountError(text)
    return Amount(int(lek), True)


def code_text(value: object) -> str:
    """A code cell as text ("2.1.1"; a code Excel stored as a number, 2.0, as "2"): its text stripped, "" when
    empty."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def is_whole(value: object) -> bool:
    """Whether a number is a whole number; False for NaN, infinities and anything that is not a number."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and value.is_integer()


def format_lek(value: float | int | None) -> str:
    """Albanian number format with a space between thousands: 4584062 -> "4 584 062 lekë"."""
    if value is None:
        return "—"
    if not math.isfinite(value):
        return str(value)
    return f"{round(value):,}".replace(",", " ") + " lekë"



def format_number(value: float | int | None, digits: int = 1) -> str:
    """Albanian number format: spaces between thousands, a comma before decimals, no trailing ",0":
    1234.5 -> "1 234,5", 12 -> "12"."""
    if value is None:
        return "—"
    if not math.isfinite(value):
        return str(value)
    rounded = round(float(value), digits)
    if is_whole(rounded):
        return f"{int(rounded):,}".replace(",", " ")
    whole, _, frac = f"{rounded:,.{digits}f}".partition(".")
    return whole.replace(",", " ") + "," + frac.rstrip("0")


def format_pct(value: float | int | None, digits: int = 1) -> str:
    """A percentage in Albanian format: 87.5 -> "87,5 %", 100 -> "100 %"; "—" when unknown."""
    return "—" if value is None else format_number(value, digits) + " %"
