"""Every user-facing text, Albanian first with English beside it, in one place."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # reading files
    "file_missing": ("Skedari nuk u gjet: {path}", "File not found: {path}"),
    "not_xlsx": (
        "{path}: nuk është libër Excel .xlsx/.xlsm (prapashtesa '{suffix}').",
        "{path}: not an Excel .xlsx/.xlsm workbook (extension '{suffix}').",
    ),
    "empty_file": ("{path}: skedari është bosh (0 bajt).", "{path}: the file is empty (0 bytes)."),
    "password": (
        "{path}: libri është i mbrojtur me fjalëkalim; hiqni fjalëkalimin në Excel dhe provoni përsëri.",
        "{path}: the workbook is password-protected; remove the password in Excel and try again.",
    ),
    "corrupt": (
        "{path}: skedari është i dëmtuar ose nuk është libër Excel ({detail}).",
        "{path}: the file is damaged or not an Excel workbook ({detail}).",
    ),
    "sheet_missing": (
        "{path}: mungon fleta '{sheet}' që kërkon Matrica.",
        "{path}: the sheet '{sheet}' that Matrica needs is missing.",
    ),
    "header_missing": (
        "{path}: në fletën '{sheet}' mungon kolona '{header}' (kërkuar në rreshtat e parë).",
        "{path}: the sheet '{sheet}' has no column '{header}' (looked for in its first rows).",
    ),
    "unknown_plan": (
        "{path}: libri nuk është i një plani që njeh Matrica (fleta '{sheet}', qeliza {cell}: '{value}'). "
        "Planet e njohura: {known}.",
        "{path}: the workbook is not of a plan Matrica knows (sheet '{sheet}', cell {cell}: '{value}'). "
        "Known plans: {known}.",
    ),
    "unexpected": (
        "Gabim i papritur gjatë punës me {path}: {detail}. Njoftoni ekipin e Matricës.",
        "Unexpected error while working on {path}: {detail}. Please tell the Matrica team.",
    ),
    "plan_source": ("Gabim në tekstin e planit {path}, rreshti {line}: {detail}",
                    "Error in the plan text {path}, line {line}: {detail}"),
    # new-year
    "year_outside": (
        "Viti {year} është jashtë periudhës së planit {start}-{end}.",
        "The year {year} is outside the plan period {start}-{end}.",
    ),
    "year_exists": (
        "Libri ka tashmë fletën '{sheet}'; nuk shtohet përsëri.",
        "The workbook already has the sheet '{sheet}'; it is not added again.",
    ),
    "same_file": (
        "Skedari i daljes nuk mund të jetë vetë skedari hyrës ({path}); zgjidhni një emër tjetër me --out.",
        "The output file cannot be the input file itself ({path}); choose another name with --out.",
    ),
    "written": ("U shkrua: {path}", "Written: {path}"),
    "built": ("U ndërtua libri: {path}", "Workbook built: {path}"),
    # overview
    "overview_title": ("{title}", "{title}"),
    "overview_period": ("Periudha: {start}-{end} · Libri: {path}", "Period: {start}-{end} · Workbook: {path}"),
    "overview_counts": (
        "Fusha: {fields} · Objektiva specifikë: {objectives} · Aktivitete: {activities} · Tregues: {indicators}",
        "Fields: {fields} · Specific objectives: {objectives} · Activities: {activities} · Indicators: {indicators}",
    ),
    "overview_cost": (
        "Kosto vjetore e planifikuar (e kuantifikuar): {total} · aktivitete me kosto: {quantified} nga {activities} "
        "· pa kosto të kuantifikuar: {unquantified}",
        "Planned annual cost (quantified): {total} · activities with a cost: {quantified} of {activities} "
        "· not quantified: {unquantified}",
    ),
    "overview_no_costs": ("Plani nuk ka kosto të planifikuara.", "The plan states no costs."),
    "overview_field_header": ("Fusha", "Field"),
}


def t(key: str, lang: str = "sq", **values: object) -> str:
    """The message `key` in Albanian ("sq") or English ("en"), filled with `values`."""
    sq, en = MESSAGES[key]
    return (en if lang == "en" else sq).format(**values)


class MatricaError(Exception):
    """An error to show to a person as it is (no traceback); `exit_code` for the terminal."""

    def __init__(self, key: str, exit_code: int = 2, **values: object):
        self.key, self.values, self.exit_code = key, values, exit_code
        super().__init__(t(key, "sq", **values))

    def message(self, lang: str = "sq") -> str:
        return t(self.key, lang, **self.values)
