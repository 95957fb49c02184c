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
    # validation rules: "rule:<code>" is the finding's message; {value} is what was found
    "rule:missing-value": (
        "Qeliza është bosh, por duhet plotësuar: {what}.",
        "The cell is empty but must be filled: {what}.",
    ),
    "rule:type-error": (
        "'{value}' nuk është {expected}.",
        "'{value}' is not {expected}.",
    ),
    "rule:amount-unreadable": (
        "'{value}' nuk lexohet si shumë në lekë; shkruani p.sh. 34300 ose \"34 300 lekë\".",
        "'{value}' cannot be read as an amount in lekë; write e.g. 34300 or \"34 300 lekë\".",
    ),
    "rule:amount-not-quantified": (
        "'{value}' nuk është shumë e kuantifikuar; nuk llogaritet në totale.",
        "'{value}' is not a quantified amount; it is left out of totals.",
    ),
    "rule:vocabulary-normalisable": (
        "'{value}' duhet shkruar si në listë: '{fix}'.",
        "'{value}' should be written as in the list: '{fix}'.",
    ),
    "rule:vocabulary-unknown": (
        "'{value}' nuk është në listën '{vocabulary}'. Zgjidhni një nga: {choices}.",
        "'{value}' is not in the list '{vocabulary}'. Choose one of: {choices}.",
    ),
    "rule:year-order": (
        "Viti i mbarimit {value} është para vitit të fillimit {start}.",
        "The end year {value} is before the start year {start}.",
    ),
    "rule:year-outside": (
        "Viti {value} është jashtë periudhës së planit {start}-{end}.",
        "The year {value} is outside the plan period {start}-{end}.",
    ),
    "rule:duplicate-code": (
        "Kodi '{value}' përsëritet në fushën {field} (edhe në rreshtin {other}).",
        "The code '{value}' is repeated in field {field} (also on row {other}).",
    ),
    "rule:orphan-indicator": (
        "Treguesi i referohet aktivitetit '{value}' që nuk ekziston në fushën {field} të fletës Matrica.",
        "The indicator refers to activity '{value}', which does not exist in field {field} of the Matrica sheet.",
    ),
    "rule:unknown-indicator": (
        "Rreshti '{value}' nuk përputhet me asnjë tregues të planit (fusha, kodi, nr.).",
        "The row '{value}' matches no indicator of the plan (field, code, no.).",
    ),
    "rule:disaggregation-sum": (
        "{parts} = {total_parts}, por vlera aktuale është {value}; ndarja duhet të mblidhet sa vlera aktuale.",
        "{parts} = {total_parts}, but the actual value is {value}; the breakdown must add up to the actual value.",
    ),
    "rule:status-without-actual": (
        "Statusi është 'realizuar plotësisht', por treguesi nuk ka vlerë aktuale.",
        "The status is 'fully implemented' but the indicator has no actual value.",
    ),
    "rule:actual-with-not-done": (
        "Vlera aktuale {value} është dhënë, por statusi i aktivitetit është 'parealizuar'.",
        "An actual value {value} is given, but the activity's status is 'not implemented'.",
    ),
    "rule:overspend": (
        "Shpenzuar {spent}, mbi koston e planifikuar {planned} me më shumë se {margin}%.",
        "Spent {spent}, above the planned cost of {planned} by more than {margin}%.",
    ),
    "rule:unexplained-deviation": (
        "Arritja është {pct}% e synimit ({bound}) dhe nuk ka shpjegim te 'Shënime / evidenca'.",
        "Achievement is {pct}% of target ({bound}) and there is no explanation under 'Shënime / evidenca'.",
    ),
    "rule:excel-error": (
        "Qeliza ka vlerë gabimi të Excel-it {value}; korrigjoni formulën ose shkruani vlerën.",
        "The cell holds the Excel error {value}; fix the formula or type the value.",
    ),
    "rule:plan-edited": (
        "Qeliza e planit është ndryshuar: '{value}'; në plan është '{expected}'.",
        "A plan cell was edited: '{value}'; the plan says '{expected}'.",
    ),
    "what:status": ("statusi i aktivitetit", "the activity's status"),
    "what:plan-cell": ("qelizë e planit ({header})", "a plan cell ({header})"),
    "expected:number": ("numër", "a number"),
    "expected:percent": ("përqindje nga 0 deri 100", "a percentage from 0 to 100"),
    "expected:whole": ("numër i plotë 0 ose më shumë", "a whole number, 0 or more"),
    "expected:year": ("vit (p.sh. 2025)", "a year (e.g. 2025)"),
    "expected:yes-no": ("'po' ose 'jo'", "'po' or 'jo'"),
    "bound:below": ("nën pragun {limit}%", "below the {limit}% threshold"),
    "bound:above": ("mbi pragun {limit}%", "above the {limit}% threshold"),
    "vocab:status": ("Statusi", "Status"),
    "vocab:funding": ("Burimi i financimit", "Funding source"),
    "vocab:institutions": ("Institucionet", "Institutions"),
    "vocab:yes_no": ("Po/Jo", "Yes/No"),
    # validate output
    "validate_ok": ("{path}: nuk u gjet asnjë gabim ({warnings} paralajmërime).",
                    "{path}: no errors found ({warnings} warnings)."),
    "validate_bad": ("{path}: {errors} gabime dhe {warnings} paralajmërime.",
                     "{path}: {errors} errors and {warnings} warnings."),
    "validate_marked": ("Kopja me qelizat e shënuara: {path}", "Copy with the cells marked: {path}"),
    "severity:error": ("gabim", "error"),
    "severity:warning": ("paralajmërim", "warning"),
    "year_sheet_missing": ("{path}: mungon fleta '{sheet}' për vitin {year}.",
                           "{path}: there is no sheet '{sheet}' for the year {year}."),
    "check_sheet_title": ("Kontrolli i librit: {path}", "Workbook check: {path}"),
    "check_headers": ("Qeliza|Rëndësia|Kodi|Mesazhi|Vlera e gjetur|Fleta|Rregulli",
                      "Cell|Severity|Code|Message|Value found|Sheet|Rule"),
    "check_none": ("Nuk u gjet asnjë problem.", "No problems found."),
    # summary: costs and achievement
    "summary_title": ("{title} — përmbledhja e vitit {year}", "{title} — summary of {year}"),
    "summary_workbook": ("Libri: {path}", "Workbook: {path}"),
    "summary_costs_header": ("Kostot", "Costs"),
    "summary_no_costs": (
        "Plani nuk ka kosto të planifikuara; nuk llogariten totale të planifikuara as shkallë realizimi.",
        "The plan states no costs; no planned totals or execution rate are computed.",
    ),
    "summary_spent_only": ("Shpenzuar (raportuar nga {n} aktivitete): {spent}",
                           "Spent (reported by {n} activities): {spent}"),
    "summary_planned": (
        "Kosto e planifikuar për {year}: {total} ({quantified} nga {activities} aktivitete me kosto të kuantifikuar)",
        "Planned cost for {year}: {total} ({quantified} of {activities} activities have a quantified cost)",
    ),
    "summary_spent": (
        "Shpenzuar në {year}: {spent} (raportuar nga {n} aktivitete) · realizimi: {rate}",
        "Spent in {year}: {spent} (reported by {n} activities) · execution: {rate}",
    ),
    "summary_unquantified": ("Pa kosto të kuantifikuar (nuk llogariten në totale): {codes}",
                             "No quantified cost (left out of totals): {codes}"),
    "summary_unsplit": (
        "{n} aktivitete financohen nga disa burime pa ndarje të shumës; kanë rreshtat e tyre më poshtë.",
        "{n} activities are funded by several sources without a split of the amount; they have their own rows below.",
    ),
    "summary_col_source": ("Burimi i financimit", "Funding source"),
    "summary_col_field": ("Fusha", "Field"),
    "summary_col_planned": ("Planifikuar", "Planned"),
    "summary_col_spent": ("Shpenzuar", "Spent"),
    "summary_col_rate": ("Realizimi", "Execution"),
    "summary_col_mean": ("Arritja", "Achieved"),
    "summary_col_with_data": ("Me të dhëna", "With data"),
    "summary_indicators_header": ("Treguesit ({n})", "Indicators ({n})"),
    "summary_mean": (
        "Arritja mesatare (e kufizuar në 100): {mean}, mbi {n} nga {total} tregues me të dhëna",
        "Mean achievement (capped at 100): {mean}, over {n} of {total} indicators with data",
    ),
    "summary_activity_status": (
        "Aktivitetet: realizuar plotësisht {done} · realizuar pjesërisht {partly} · në proces {in_progress} "
        "· parealizuar {not_done} · pa status {not_reported}",
        "Activities: fully implemented {done} · partly implemented {partly} · in progress {in_progress} "
        "· not implemented {not_done} · no status {not_reported}",
    ),
    "summary_shares": ("Ndarja e përfituesve: {shares}", "Beneficiaries: {shares}"),
    "share_women": ("gra", "women"),
    "share_roma": ("romë", "Roma"),
    "share_egyptian": ("egjiptianë", "Egyptians"),
    "share_rural": ("fshat", "rural"),
    "summary_off_track": ("Tregues jashtë rrugës ({n}):", "Indicators off track ({n}):"),
    "summary_more": ("… dhe {n} të tjerë", "… and {n} more"),
    "summary_period_note": ("{pct} e synimit të periudhës pas {elapsed} të kohës",
                            "{pct} of the whole-period target after {elapsed} of the time"),
    "no_data_short": ("pa të dhëna", "no data"),
    "not_quantified_short": ("pa kosto", "no cost"),
    "status_on_track": ("në rrugë të mbarë", "on track"),
    "status_partly": ("pjesërisht", "partly"),
    "status_off_track": ("jashtë rrugës", "off track"),
    "status_no_data": ("pa të dhëna", "no data"),
    "status_no_target": ("pa synim numerik", "no numeric target"),
    "source_unspecified": ("Burimi nuk shënohet në plan", "No source printed in the plan"),
    "source_shared": ("{names}, pa ndarje", "{names}, no split"),
    "source_short_municipal": ("Bashkia", "Municipality"),
    "source_short_central": ("qeveria qendrore", "central government"),
    "source_short_agency": ("agjenci kombëtare", "national agencies"),
    "source_short_donor": ("donatorë", "donors"),
    "source_short_other": ("tjetër", "other"),
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
