"""Closed vocabularies: the codes the engine uses and the Albanian labels people see (English beside)."""

from __future__ import annotations

from addin.common.text import fold

# code: (sq, en)
STATUSES = {
    "done": ("realizuar plotësisht", "fully implemented"),
    "partly": ("realizuar pjesërisht", "partly implemented"),
    "in_progress": ("në proces", "in progress"),
    "not_done": ("parealizuar", "not implemented"),
}
KINDS = {
    "percent": ("përqindje", "percent"),
    "count": ("numër", "count"),
    "amount": ("shumë në lekë", "amount in lekë"),
    "milestone": ("arritje (po/jo)", "milestone (yes/no)"),
    "relative": ("ndryshim relativ (%)", "relative change (%)"),
}
DIRECTIONS = {"increase": ("rritje", "increase"), "decrease": ("ulje", "decrease")}
SCOPES = {"annual": ("në vit", "per year"), "period": ("për periudhën", "whole period")}
DISAGGREGATIONS = {
    "sex": ("gjinia", "sex"), "ethnicity": ("etnia", "ethnicity"), "area": ("qytet/fshat", "urban/rural"),
}
YES_NO = {"yes": ("po", "yes"), "no": ("jo", "no")}
# Canonical funding categories (issue: costs), for entering what was spent.
FUNDING = {
    "municipal": ("Buxheti i Bashkisë / fondet e veta", "Municipal budget / own funds"),
    "central": ("Qeveria qendrore / ministritë (MSHMS, Fondi Social)", "Central government / ministries"),
    "agency": ("Agjenci kombëtare (AKPA etj.)", "National agencies (AKPA etc.)"),
    "donor": ("Donatorë / OJF", "Donors / NGOs"),
    "other": ("Tjetër", "Other"),
}
# How far a recommendation of the previous year's report was carried out (the Narrativa sheet's follow-up table).
FOLLOW_UP = {
    "done": ("zbatuar", "implemented"),
    "partly": ("zbatuar pjesërisht", "partly implemented"),
    "in_progress": ("në proces", "in progress"),
    "not_done": ("pa zbatuar", "not implemented"),
    "dropped": ("nuk vlen më", "no longer relevant"),
}


def label(vocab: dict[str, tuple[str, str]], code: str, lang: str = "sq") -> str:
    return vocab[code][0 if lang == "sq" else 1]


def labels(vocab: dict[str, tuple[str, str]]) -> list[str]:
    """The Albanian labels, as shown in dropdowns."""
    return [sq for sq, _ in vocab.values()]


def lookup(vocab: dict[str, tuple[str, str]], value: object) -> tuple[str | None, bool]:
    """Find a label's code. Returns (code, exact): exact is False when only the folded form matched
    (case, spaces, Cyrillic "ё"); code is None when nothing matched."""
    for code, (sq, _en) in vocab.items():
        if value == sq:
            return code, True
    folded = fold(value)
    for code, (sq, en) in vocab.items():
        if folded in (fold(sq), fold(en)):
            return code, False
    return None, False
