"""Every user-facing text, Albanian first with English beside it, in one place."""

from __future__ import annotations

from dataclasses import dataclass

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
    "corrupt:not-zip": ("nuk është arkiv zip", "not a zip archive"),
    "corrupt:no-workbook": ("mungon xl/workbook.xml", "xl/workbook.xml is missing"),
    "corrupt:part": ("pjesa {part} është e dëmtuar", "the part {part} is damaged"),
    "sheet_missing": (
        "{path}: mungon fleta '{sheet}' që kërkon Matrica.",
        "{path}: the sheet '{sheet}' that Matrica needs is missing.",
    ),
    "sheet_misnamed_required": (
        "{path}: mungon fleta '{sheet}' që kërkon Matrica; fleta '{found}' duket si ajo, por emri nuk është saktësisht "
        "'{sheet}'. Riemërtojeni '{sheet}' dhe provoni përsëri.",
        "{path}: the sheet '{sheet}' that Matrica needs is missing; the sheet '{found}' looks like it, but its name is "
        "not exactly '{sheet}'. Rename it '{sheet}' and try again.",
    ),
    "sheet_is_chart": (
        "{path}: fleta '{sheet}' është grafik, jo tabela që lexon Matrica; riemërtoni grafikun dhe kthejeni fletën "
        "'{sheet}' (p.sh. nga një kopje e mëparshme e librit).",
        "{path}: the sheet '{sheet}' is a chart, not the table Matrica reads; rename the chart and put the sheet "
        "'{sheet}' back (e.g. from an earlier copy of the workbook).",
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
        "{path}: viti {year} është jashtë periudhës së planit {start}-{end}.",
        "{path}: the year {year} is outside the plan period {start}-{end}.",
    ),
    "year_exists": (
        "{path}: libri ka tashmë fletën '{sheet}'; nuk shtohet përsëri.",
        "{path}: the workbook already has the sheet '{sheet}'; it is not added again.",
    ),
    "new_year_near_sheet": (
        "{path}: fleta '{found}' duket si fleta e vitit {year}, por emri i saj nuk është saktësisht '{sheet}'; një "
        "fletë e re '{sheet}' pranë saj do ta linte të palexuar. Nëse ajo mban të dhënat e {year}, riemërtojeni "
        "'{sheet}'; nëse është një kopje që nuk duhet, fshijeni; pastaj provoni përsëri.",
        "{path}: the sheet '{found}' looks like the sheet of {year}, but its name is not exactly '{sheet}'; a new "
        "sheet '{sheet}' beside it would leave it unread. If it holds the data of {year}, rename it '{sheet}'; if it "
        "is a copy nobody needs, delete it; then try again.",
    ),
    "sheet_name_clash": (
        "{path}: libri ka fletën '{existing}', që për Excel-in është i njëjti emër si '{sheet}' (Excel-i nuk dallon "
        "shkronjat e mëdha nga të voglat); riemërtojeni ose fshijeni atë fletë dhe provoni përsëri.",
        "{path}: the workbook has the sheet '{existing}', which Excel takes for the same name as '{sheet}' (Excel "
        "does not tell capital from small letters); rename or delete that sheet and try again.",
    ),
    "same_file": (
        "Skedari i daljes nuk mund të jetë vetë skedari hyrës ({path}); zgjidhni një emër tjetër me --out.",
        "The output file cannot be the input file itself ({path}); choose another name with --out.",
    ),
    "written": ("U shkrua: {path}", "Written: {path}"),
    # writing outputs
    "output_failed": (
        "{path}: nuk u shkrua ({reason}). Asgjë nuk u ndryshua; zgjidhni një vend tjetër (--out).",
        "{path}: could not be written ({reason}). Nothing was changed; choose another place (--out).",
    ),
    "oserror:denied": ("nuk keni leje të shkruani atje", "no permission to write there"),
    "oserror:read-only": ("dosja ose disku është vetëm për lexim", "the folder or disk is read-only"),
    "oserror:full": ("nuk ka më vend në disk", "the disk is full"),
    "oserror:too-big": ("skedari kalon madhësinë që lejohet", "the file exceeds the size allowed"),
    "oserror:is-folder": ("është dosje; jepni emrin e një skedari", "it is a folder; give a file name"),
    "oserror:not-a-folder": ("është skedar, jo dosje; jepni një dosje", "it is a file, not a folder; give a folder"),
    "oserror:not-folder": ("një pjesë e rrugës është skedar, jo dosje", "part of the path is a file, not a folder"),
    "oserror:missing": ("dosja nuk ekziston", "the folder does not exist"),
    "oserror:name": ("emri është shumë i gjatë", "the name is too long"),
    "oserror:exists": ("skedari ekziston tashmë dhe Matrica nuk shkruan sipër tij",
                       "the file already exists and Matrica does not write over it"),
    "oserror:other": ("{detail}", "{detail}"),
    "copy_unreadable": (
        "{path}: Matrica nuk e hap dot librin për të shkruar një kopje të tij ({detail}); hapeni dhe ruajeni në "
        "Excel ose LibreOffice dhe provoni përsëri (validate --no-copy kontrollon pa kopje).",
        "{path}: Matrica cannot open the workbook to write a copy of it ({detail}); open and save it in Excel or "
        "LibreOffice and try again (validate --no-copy checks without a copy).",
    ),
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
        "'{value}' nuk lexohet si shumë në lekë; shkruani shumën si numër, pa pika e pa \"lekë\", p.sh. 34300.",
        "'{value}' cannot be read as an amount in lekë; type the amount as a number, without points or "
        "\"lekë\", e.g. 34300.",
    ),
    "rule:number-as-text": (
        "'{value}' është shkruar si tekst, jo si numër: Excel-i nuk e mbledh (as te Përmbledhje, as te 'Gjithsej "
        "deri tani') dhe Matrica nuk e llogarit derisa të shkruhet si numër. Shkruani {number}.",
        "'{value}' is stored as text, not as a number: Excel does not add it up (neither on 'Përmbledhje' nor in "
        "'Gjithsej deri tani') and Matrica does not count it until it is typed as a number. Type {number}.",
    ),
    "rule:not-whole": (
        "Qeliza mban {shown}, jo një numër të plotë: {what}. {tip}",
        "The cell holds {shown}, not a whole number: {what}. {tip}",
    ),
    "whole:count": ("këtu numërohen gjëra ose persona të plotë", "whole things or persons are counted here"),
    "whole:amount": ("shumat në lekë janë të plota", "amounts in lekë are whole"),
    "whole:hint": (
        "Nëse shkruat '{typed}' (me pikë për mijëshet), kompjuteri e lexoi pikën si presje dhjetore: shkruani "
        "{meant}, pa pikë.",
        "If you typed '{typed}' (a point between thousands), the computer read the point as a decimal sign: type "
        "{meant}, without the point.",
    ),
    "whole:no-hint": ("Shkruani numrin e plotë, pa presje dhjetore.", "Type the whole number, without decimals."),
    "rule:running-total": (
        "Për synimet e gjithë periudhës shkruhet vlera e vitit {year}, jo gjithsej: Matrica i mbledh vitet. "
        "{value} është sa gjithë vitet e mëparshme bashkë ({earlier}) ose më shumë, dhe {why}; 'Gjithsej deri "
        "tani' bëhet {total}. Nëse {value} është gjithsej deri tani, shkruani {this_year}.",
        "Whole-period targets take the value of {year}, not a running total: Matrica adds the years up. {value} is "
        "as much as all earlier years together ({earlier}) or more, and {why}; the total to date becomes {total}. "
        "If {value} is the total to date, type {this_year}.",
    ),
    "running-total:target": ("bashkë me to kalon synimin e plotë {target}",
                             "together with them it passes the whole target {target}"),
    "running-total:note": ("shënimi flet për një gjithsej", "the note speaks of a total"),
    "rule:percent-fraction": (
        "{low} në një tregues përqindjeje: {low} % apo {high} %? Nëse është {high} %, shkruani {high} (ose {high}%).",
        "{low} in a percentage indicator: {low} % or {high} %? If it is {high} %, type {high} (or {high}%).",
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
        "Kodi '{value}' përsëritet në fushën {field}: i njëjti kod si në {first}.",
        "The code '{value}' is repeated in field {field}: the same code as in {first}.",
    ),
    "rule:sheet-misnamed": ("Fleta '{value}' {looks} {effect}", "The sheet '{value}' {looks} {effect}"),
    "misnamed:monitoring": (
        "duket si fletë monitorimi, por emri nuk është saktësisht '{expected}'.",
        "looks like a monitoring sheet, but its name is not exactly '{expected}'.",
    ),
    "misnamed:sheet": (
        "duket si fleta '{expected}' që lexon Matrica, por emri nuk është saktësisht '{expected}'.",
        "looks like the sheet '{expected}' that Matrica reads, but its name is not exactly '{expected}'.",
    ),
    "misnamed:no-year": (
        "duket si fletë monitorimi, por viti nuk lexohet nga emri: një fletë monitorimi quhet 'Monitorimi VVVV', me "
        "një vit të planit {start}-{end} me katër shifra (p.sh. '{example}').",
        "looks like a monitoring sheet, but its year cannot be read from its name: a monitoring sheet is named "
        "'Monitorimi YYYY', with a year of the plan {start}-{end} in four digits (e.g. '{example}').",
    ),
    "misnamed:not-read": (
        "Të dhënat e vitit {year} nuk u lexuan për shkak të emrit: riemërtojeni fletën '{expected}' dhe kontrolloni "
        "përsëri.",
        "The data of {year} were not read because of the name: rename the sheet '{expected}' and check again.",
    ),
    "misnamed:sheet-not-read": (
        "Libri nuk ka fletë '{expected}', ndaj kjo fletë nuk lexohet: riemërtojeni '{expected}' dhe kontrolloni "
        "përsëri.",
        "The workbook has no sheet '{expected}', so this sheet is not read: rename it '{expected}' and check again.",
    ),
    "misnamed:no-year-copy": (
        "Nuk lexohet (çdo vit i planit ka fletën e vet; nëse është kopje, fshijeni).",
        "It is not read (every year of the plan has its own sheet; if it is a copy, delete it).",
    ),
    "misnamed:copy": (
        "Lexohet vetëm fleta '{expected}'; kjo fletë nuk lexohet (nëse është kopje, fshijeni).",
        "Only the sheet '{expected}' is read; this sheet is not (if it is a copy, delete it).",
    ),
    "rule:sheet-missing": (
        "Libri nuk ka fletën '{value}': listat e zgjedhjeve (statuset, burimet e financimit, institucionet, "
        "programet buxhetore) nuk lexohen dhe programet buxhetore në fletën 'Matrica' nuk kontrollohen. Kthejeni "
        "fletën (p.sh. nga një kopje e mëparshme e librit).",
        "The workbook has no sheet '{value}': the dropdown lists (statuses, funding sources, institutions, budget "
        "programmes) are not read and the budget programmes on the sheet 'Matrica' are not checked. Put the sheet "
        "back (e.g. from an earlier copy of the workbook).",
    ),
    "rule:header-misnamed": (
        "Titulli i kolonës '{value}' lexohet si '{expected}'; shkruajeni saktësisht '{expected}' (Matrica i gjen "
        "kolonat nga titulli).",
        "The column header '{value}' is read as '{expected}'; write it exactly '{expected}' (Matrica finds columns by "
        "their header).",
    ),
    "rule:column-missing": (
        "Fleta '{sheet}' nuk ka kolonën '{value}' (kërkuar në rreshtin e titujve {row}): vlerat e saj nuk lexohen dhe "
        "nuk llogariten. Kthejeni titullin e kolonës siç ishte.",
        "The sheet '{sheet}' has no column '{value}' (looked for in its header row {row}): its values are not read or "
        "counted. Put the column's header back as it was.",
    ),
    "rule:sheet-year-outside": (
        "Fleta '{value}' është për vitin {year}, jashtë periudhës së planit {start}-{end}; nuk lexohet.",
        "The sheet '{value}' is for the year {year}, outside the plan period {start}-{end}; it is not read.",
    ),
    "rule:row-missing": (
        "Në fletën '{sheet}' nuk ka rresht për {indicators} të planit ({codes}): një tregues pa rresht nuk ka ku "
        "të plotësohet dhe raporti e jep 'pa të dhëna'. Kthejini rreshtat që mungojnë (p.sh. nga një kopje e "
        "mëparshme e librit).",
        "The sheet '{sheet}' has no row for {indicators} of the plan ({codes}): an indicator without its row cannot "
        "be filled and the report shows it as 'no data'. Put the missing rows back (e.g. from an earlier copy of the "
        "workbook).",
    ),
    "rule:duplicate-row": (
        "Rreshti {row} përsëritet: e njëjta fushë, kod dhe nr. treguesi si rreshti i {first}. {effect}",
        "The row {row} is repeated: the same field, code and indicator number as the row of {first}. {effect}",
    ),
    "rule:duplicate-objective": (
        "Objektivi {row} përsëritet: e njëjta fushë dhe kod si rreshti i {first}. Asnjëri nga të dy rreshtat nuk "
        "numërohet derisa kopja të fshihet.",
        "The objective {row} is repeated: the same field and code as the row of {first}. Neither row is counted until "
        "the copy is deleted.",
    ),
    "duplicate:monitoring": (
        "Asnjëri nga të dy rreshtat nuk numërohet derisa njëri të marrë kodin ose numrin e vet, ose të fshihet.",
        "Neither row is counted until one is given its own code or number, or deleted.",
    ),
    "duplicate:plan": (
        "Çdo tregues ka një rresht të vetëm; korrigjoni kodin ose numrin, ose fshini kopjen.",
        "Each indicator has one row only; correct the code or number, or delete the copy.",
    ),
    "rule:orphan-indicator": (
        "Treguesi i referohet aktivitetit '{value}' që nuk ekziston në fushën {field} të fletës Matrica.",
        "The indicator refers to activity '{value}', which does not exist in field {field} of the Matrica sheet.",
    ),
    "rule:unknown-indicator": (
        "{what} nuk përputhet me asnjë tregues të planit (fusha, kodi, nr.).",
        "{what} matches no indicator of the plan (field, code, no.).",
    ),
    "unknown-indicator:code": ("Rreshti '{code}'", "The row '{code}'"),
    "unknown-indicator:no-code": (
        "Rreshti {row} ka të dhëna, por qeliza e kodit të aktivitetit është bosh, ndaj ai",
        "Row {row} holds entries, but its activity code cell is empty, so it",
    ),
    "rule:disaggregation-sum": (
        "{parts} = {total_parts}, por vlera aktuale është {value}; ndarja duhet të mblidhet sa vlera aktuale.",
        "{parts} = {total_parts}, but the actual value is {value}; the breakdown must add up to the actual value.",
    ),
    "rule:status-without-actual": (
        "Statusi është 'realizuar plotësisht', por treguesi nuk ka vlerë aktuale.",
        "The status is 'fully implemented' but the indicator has no actual value.",
    ),
    "rule:status-not-scheduled": (
        "Sipas planit aktiviteti zbatohet {start}-{end}, jo në {year}: për {year} ai 'nuk planifikohej' dhe "
        "statusi '{value}' nuk llogaritet. Lëreni qelizën bosh (shpjegimet shkojnë te 'Shënime / evidenca').",
        "By the plan the activity runs {start}-{end}, not in {year}: for {year} it was 'not scheduled' and the "
        "status '{value}' is not counted. Leave the cell empty (explanations go under 'Shënime / evidenca').",
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
        "Arritja është {pct} {versus} ({bound}) dhe nuk ka shpjegim te 'Shënime / evidenca'.",
        "Achievement is {pct} {versus} ({bound}) and there is no explanation under 'Shënime / evidenca'.",
    ),
    "versus:target": ("e synimit", "of the target"),
    "versus:expected": ("e asaj që pritej deri në fund të {year} ({expected})",
                        "of what was expected by the end of {year} ({expected})"),
    "rule:excel-error": (
        "Qeliza ka vlerë gabimi të Excel-it {value}; korrigjoni formulën ose shkruani vlerën.",
        "The cell holds the Excel error {value}; fix the formula or type the value.",
    ),
    "rule:plan-edited": (
        "Qeliza e planit është ndryshuar: '{value}'; në plan është '{expected}'.",
        "A plan cell was edited: '{value}'; the plan says '{expected}'.",
    ),
    "rule:stray-cell": (
        "Vlera '{value}' është larg tabelës (të dhënat mbarojnë te {last}) dhe Matrica nuk e lexon; zhvendoseni në "
        "rreshtin e vet ose fshijeni.",
        "The value '{value}' lies far outside the table (the data end at {last}) and Matrica does not read it; move "
        "it to its row or delete it.",
    ),
    "rule:formula-no-value": (
        "Qeliza ka formulën {value}, por pa vlerë të llogaritur (libri është shkruar nga një program që nuk i "
        "llogarit formulat); hapeni në Excel ose LibreOffice, rillogariteni dhe ruajeni.",
        "The cell holds the formula {value} but no computed value (the workbook was written by a program that does "
        "not calculate formulas); open it in Excel or LibreOffice, recalculate and save it.",
    ),
    "rule:merged-cells": (
        "Qelizat {value} janë të bashkuara (merge) dhe Matrica lexon vetëm {first}; ndajini (Home → Merge & Center "
        "→ Unmerge Cells) dhe shkruani vlerën e çdo rreshti në qelizën e vet.",
        "The cells {value} are merged and Matrica reads only {first}; unmerge them (Home → Merge & Center → Unmerge "
        "Cells) and type each row's value into its own cell.",
    ),
    "rule:overspend-allocated": (
        "Shpenzuar {spent}, mbi shumën e alokuar në buxhet {allocated} me më shumë se {margin}%.",
        "Spent {spent}, above the amount allocated in the budget, {allocated}, by more than {margin}%.",
    ),
    "rule:spent-without-source": (
        "Shpenzimi {spent} nuk ka burim financimi; zgjidhni burimin nga lista.",
        "The spending of {spent} has no funding source; choose the source from the list.",
    ),
    "rule:allocated-not-spent": (
        "U alokuan {allocated} në buxhet, por nuk është shënuar asnjë shpenzim; shkruani shumën e shpenzuar "
        "(0 nëse nuk u shpenzua) dhe shpjegoni te 'Shënime / evidenca'.",
        "{allocated} was allocated in the budget but no spending is entered; type the amount spent (0 if nothing "
        "was spent) and explain under 'Shënime / evidenca'.",
    ),
    "rule:spent-not-scheduled": (
        "Shpenzuar {spent} në {year}, por sipas planit aktiviteti zbatohet në {years}.",
        "Spent {spent} in {year}, but according to the plan the activity runs in {years}.",
    ),
    "rule:value-not-finite": (
        "'{value}' nuk është numër i vërtetë (NaN ose i pafund); shkruani vlerën si numër, p.sh. 1200.",
        "'{value}' is not a real number (NaN or infinite); type the value as a number, e.g. 1200.",
    ),
    "rule:value-negative": (
        "'{value}' është negativ, por {what} nuk mund të jetë nën 0; shkruani vlerën pa shenjën minus.",
        "'{value}' is negative, but {what} cannot be below 0; type the value without the minus sign.",
    ),
    "rule:value-too-large": (
        "'{value}' është më shumë se kufiri {limit} për {what} (fleta Parametrat); duket gabim shtypi dhe nuk "
        "llogaritet. Kontrolloni zerot.",
        "'{value}' is above the limit of {limit} for {what} (sheet Parametrat); it looks like a typing error and is "
        "not counted. Check the zeros.",
    ),
    "bound-what:amount": ("një shumë në lekë", "an amount in lekë"),
    "bound-what:count": ("një numër", "a count"),
    "bound-what:percent": ("një përqindje", "a percentage"),
    "rule:setting-invalid": (
        "'{label}' = '{value}': {why}; Matrica përdor vlerën e parazgjedhur {default} derisa ta korrigjoni.",
        "'{label}' = '{value}': {why}; Matrica uses the default {default} until you correct it.",
    ),
    "setting-why:number": ("nuk është numër", "not a number"),
    "setting-why:range": ("duhet të jetë nga {low} deri {high}", "it must be from {low} to {high}"),
    "setting-why:order": ("duhet të jetë në rendin e duhur me '{other}' ({other_value})",
                          "it must be in the right order with '{other}' ({other_value})"),
    "rule:setting-missing": (
        "Fleta Parametrat nuk ka rreshtin '{label}'; Matrica përdor vlerën e parazgjedhur {default}.",
        "The sheet Parametrat has no row '{label}'; Matrica uses the default {default}.",
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
    "vocab:programmes": ("Programet buxhetore", "Budget programmes"),
    "choices:programmes-empty": (
        "lista është ende bosh; drejtoria e buxhetit e plotëson në fletën Listat, kolona 'Programet buxhetore'",
        "the list is still empty; the budget directorate fills it on the sheet Listat, column 'Programet buxhetore'",
    ),
    "rule:narrative-empty": (
        "Bosh: {what}. Raporti shfaq \"[për t'u plotësuar]\" në vend të tij.",
        "Empty: {what}. The report shows \"[për t'u plotësuar]\" (to be completed) in its place.",
    ),
    "rule:narrative-missing": (
        "Libri nuk ka fletën Narrativa (është bërë para se Matrica ta kishte): raporti shfaq \"[për t'u "
        "plotësuar]\" në vend të hyrjes, metodologjisë, arritjeve, sfidave dhe rekomandimeve. Butoni Vit i ri "
        "ose matrica new-year e shtojnë; ose ndërtoni një libër të ri me matrica build.",
        "The workbook has no Narrativa sheet (it was made before Matrica had one): the report shows \"[për t'u "
        "plotësuar]\" (to be completed) for the introduction, methodology, achievements, challenges and "
        "recommendations. The button Vit i ri or matrica new-year adds it; or build a new workbook with matrica "
        "build.",
    ),
    "rule:narrative-unkeyed": (
        "Rreshti ka tekst, por {what}, prandaj raporti nuk e përdor. Korrigjoni qelizën.",
        "The row holds text, but {what}, so the report does not use it. Correct the cell.",
    ),
    "rule:logo-unreadable": (
        "Logoja '{value}' {problem}; raporti bëhet pa logo.",
        "The logo '{value}' {problem}; the report is made without a logo.",
    ),
    "logo:missing": ("nuk u gjet (as si rrugë e plotë, as në dosjen e librit)",
                     "was not found (neither as a full path nor in the workbook's folder)"),
    "logo:kind": ("nuk është skedar PNG ose JPG", "is not a PNG or JPG file"),
    "narrative:introduction": ("hyrja e raportit të vitit {year}", "the introduction of the {year} report"),
    "narrative:methodology": ("shënimi metodologjik i raportit të vitit {year}",
                              "the methodology note of the {year} report"),
    "narrative:achievements": ("arritjet e fushës {field} në vitin {year}",
                               "the achievements of field {field} in {year}"),
    "narrative:challenges": ("sfidat e fushës {field} në vitin {year}",
                             "the challenges of field {field} in {year}"),
    "narrative:recommendations": ("rekomandimet e fushës {field} në vitin {year}",
                                  "the recommendations of field {field} in {year}"),
    "narrative:follow_up": (
        "ndjekja e rekomandimeve të vitit {previous} në tabelën e vitit {year} (butoni Vit i ri ose matrica "
        "new-year i bartin)",
        "the follow-up of the {previous} recommendations in the {year} table (the button Vit i ri or matrica "
        "new-year carries them)",
    ),
    "narrative:follow_up_status": ("statusi i zbatimit të rekomandimit", "the recommendation's implementation status"),
    "narrative:setting": ("'{label}' në fletën Parametrat (kopertina e raportit)",
                          "'{label}' on the Parametrat sheet (the report's cover)"),
    "narrative-key:year": ("viti nuk lexohet (shkruani p.sh. 2025)", "the year cannot be read (type e.g. 2025)"),
    "narrative-key:part": (
        "pjesa nuk njihet (Hyrja, Shënim metodologjik, Përmbledhja ekzekutive, Arritjet, Sfidat, Rekomandimet, "
        "Ndjekja e rekomandimeve të vitit të kaluar)",
        "the part is not known (type one of 'Hyrja', 'Shënim metodologjik', 'Përmbledhja ekzekutive', 'Arritjet', "
        "'Sfidat', 'Rekomandimet', 'Ndjekja e rekomandimeve të vitit të kaluar')",
    ),
    "narrative-key:field": ("kodi i fushës nuk është i planit", "the field code is not one of the plan's"),
    "vocab:follow_up": ("Ndjekja e rekomandimeve", "Follow-up of recommendations"),
    # validate output
    # {errors} and {warnings} are counted phrases ("1 gabim", "2 paralajmërime"): see `counted`
    "validate_ok": ("{path}: nuk u gjet asnjë gabim ({warnings}).", "{path}: no errors found ({warnings})."),
    "validate_bad": ("{path}: {errors} dhe {warnings}.", "{path}: {errors} and {warnings}."),
    "validate_marked": ("Kopja me qelizat e shënuara: {path}", "Copy with the cells marked: {path}"),
    "severity:error": ("gabim", "error"),
    "severity:warning": ("paralajmërim", "warning"),
    "year_sheet_missing": ("{path}: mungon fleta '{sheet}' për vitin {year}.",
                           "{path}: there is no sheet '{sheet}' for the year {year}."),
    "year_sheet_misnamed": (
        "{path}: mungon fleta '{sheet}' për vitin {year}; fleta '{found}' duket si ajo, por emri nuk është saktësisht "
        "'{sheet}', ndaj të dhënat e saj nuk lexohen. Riemërtojeni '{sheet}' dhe provoni përsëri.",
        "{path}: there is no sheet '{sheet}' for the year {year}; the sheet '{found}' looks like it, but its name is "
        "not exactly '{sheet}', so its data are not read. Rename it '{sheet}' and try again.",
    ),
    "check_sheet_title": ("Kontrolli i librit: {path}", "Workbook check: {path}"),
    # the Kontrolli sheet: the English one also gives each rule's id (for support), the Albanian one its name only
    "check_headers": ("Qeliza|Rëndësia|Kodi|Mesazhi|Vlera e gjetur|Fleta|Rregulli",
                      "Cell|Severity|Code|Message|Value found|Sheet|Rule|Rule id"),
    "check_none": ("Nuk u gjet asnjë problem.", "No problems found."),
    "check_legend_title": ("Si lexohet kjo fletë", "How to read this sheet"),
    "check_legend:error": (
        "Gabim: një vlerë që mungon ose që nuk mund të jetë e saktë. Nuk numërohet në asnjë shifër, dhe raporti nuk "
        "bëhet derisa të korrigjohet.",
        "Error: a value that is missing or cannot be right. It is not counted in any figure, and the report is not "
        "made until it is fixed.",
    ),
    "check_legend:warning": (
        "Paralajmërim: diçka për ta parë (p.sh. një shpjegim që mungon). Shifrat llogariten, por kontrollojeni.",
        "Warning: something to look at (e.g. a missing explanation). The figures are computed, but check it.",
    ),
    "check_legend:marks-copy": (
        "Në këtë kopje qelizat e gjetura janë ngjyrosur (e kuqe: gabim, e verdhë: paralajmërim) dhe mbajnë një "
        "koment me mesazhin; kolona 'Qeliza' të çon te secila.",
        "In this copy the cells found are coloured (red: error, yellow: warning) and carry a comment with the "
        "message; the 'Cell' column leads to each.",
    ),
    "check_legend:marks-excel": (
        "Qelizat e gjetura janë ngjyrosur në fletët e tyre (e kuqe: gabim, e verdhë: paralajmërim); kolona 'Qeliza' "
        "të çon te secila.",
        "The cells found are coloured on their sheets (red: error, yellow: warning); the 'Cell' column leads to "
        "each.",
    ),
    "check_legend:marks-lite": (
        "Kolona 'Qeliza' të çon te secila qelizë e gjetur (këtu qelizat nuk ngjyrosen: fletët e Matricës janë të "
        "mbrojtura).",
        "The 'Cell' column leads to each cell found (the cells are not coloured here: Matrica's sheets are "
        "protected).",
    ),
    "check_legend:clear-copy": (
        "Si hiqen: korrigjoni vlerën në librin tuaj (jo në këtë kopje) dhe kontrollojeni përsëri (butoni Kontrollo "
        "ose matrica validate); kontrolli i ri bën një kopje të re.",
        "To clear them: fix the value in your workbook (not in this copy) and check again (the Kontrollo button or "
        "matrica validate); a new check makes a new copy.",
    ),
    "check_legend:clear-excel": (
        "Si hiqen: korrigjoni vlerën dhe shtypni përsëri Kontrollo; ngjyra e qelizave të korrigjuara hiqet dhe kjo "
        "fletë shkruhet nga e para.",
        "To clear them: fix the value and press Kontrollo again; the colour of the fixed cells is removed and this "
        "sheet is written afresh.",
    ),
    # each rule's short name, shown instead of its id on the Kontrolli sheet
    "rulename:missing-value": ("Qelizë e detyrueshme bosh", "Required cell empty"),
    "rulename:type-error": ("Lloj i gabuar vlere", "Wrong type of value"),
    "rulename:amount-unreadable": ("Shumë e palexueshme", "Unreadable amount"),
    "rulename:number-as-text": ("Numër i ruajtur si tekst", "Number stored as text"),
    "rulename:not-whole": ("Numër jo i plotë", "Not a whole number"),
    "rulename:running-total": ("Gjithsej në vend të vlerës së vitit", "Running total instead of the year's value"),
    "rulename:percent-fraction": ("Thyesë apo përqindje?", "Fraction or percentage?"),
    "rulename:amount-not-quantified": ("Shumë e pakuantifikuar", "Amount not quantified"),
    "rulename:vocabulary-normalisable": ("Vlerë liste për t'u njësuar", "List value to tidy"),
    "rulename:vocabulary-unknown": ("Vlerë jashtë listës", "Value not in its list"),
    "rulename:year-order": ("Vitet në rend të gabuar", "Years in the wrong order"),
    "rulename:year-outside": ("Vit jashtë periudhës së planit", "Year outside the plan period"),
    "rulename:duplicate-code": ("Kod i përsëritur", "Repeated code"),
    "rulename:duplicate-row": ("Rresht i përsëritur", "Repeated row"),
    "rulename:duplicate-objective": ("Objektiv i përsëritur", "Repeated objective"),
    "rulename:row-missing": ("Rresht që mungon", "Missing row"),
    "rulename:sheet-misnamed": ("Emër flete pothuajse i saktë", "Sheet name almost right"),
    "rulename:sheet-missing": ("Mungon fleta Listat", "Listat sheet missing"),
    "rulename:header-misnamed": ("Titull kolone pothuajse i saktë", "Column header almost right"),
    "rulename:column-missing": ("Kolonë që mungon", "Missing column"),
    "rulename:sheet-year-outside": ("Fletë për një vit jashtë planit", "Sheet for a year outside the plan"),
    "rulename:orphan-indicator": ("Tregues pa aktivitet", "Indicator without an activity"),
    "rulename:unknown-indicator": ("Rresht që plani nuk e njeh", "Row the plan does not know"),
    "rulename:disaggregation-sum": ("Ndarja nuk jep totalin", "Breakdown does not add up"),
    "rulename:status-without-actual": ("Realizuar pa vlerë", "Done without a value"),
    "rulename:status-not-scheduled": ("Status në vit të paplanifikuar", "Status in a year not scheduled"),
    "rulename:actual-with-not-done": ("Vlerë te aktivitet i parealizuar", "Value on an activity not done"),
    "rulename:overspend": ("Shpenzim mbi koston e planit", "Spending above the planned cost"),
    "rulename:overspend-allocated": ("Shpenzim mbi shumën e alokuar", "Spending above the allocation"),
    "rulename:spent-without-source": ("Shpenzim pa burim financimi", "Spending without a funding source"),
    "rulename:allocated-not-spent": ("Alokuar, pa shpenzim", "Allocated, nothing spent"),
    "rulename:spent-not-scheduled": ("Shpenzim në vit të paplanifikuar", "Spending in a year not scheduled"),
    "rulename:unexplained-deviation": ("Devijim pa shpjegim", "Unexplained deviation"),
    "rulename:excel-error": ("Gabim i Excel-it në qelizë", "Excel error in a cell"),
    "rulename:plan-edited": ("Tekst plani i ndryshuar", "Plan text edited"),
    "rulename:stray-cell": ("Vlerë larg tabelës", "Stray value far from the table"),
    "rulename:formula-no-value": ("Formulë pa vlerë të llogaritur", "Formula without a computed value"),
    "rulename:merged-cells": ("Qeliza të bashkuara", "Merged cells"),
    "rulename:value-not-finite": ("Numër i pamundur (NaN, pafundësi)", "Impossible number (NaN, infinity)"),
    "rulename:value-negative": ("Vlerë negative", "Negative value"),
    "rulename:value-too-large": ("Vlerë tepër e madhe", "Value too large"),
    "rulename:setting-invalid": ("Parametër i pavlefshëm", "Invalid setting"),
    "rulename:setting-missing": ("Parametër që mungon", "Missing setting"),
    "rulename:narrative-empty": ("Tekst raporti bosh", "Empty report text"),
    "rulename:narrative-missing": ("Mungon fleta Narrativa", "Narrativa sheet missing"),
    "rulename:narrative-unkeyed": ("Tekst që raporti nuk e vendos dot", "Text the report cannot place"),
    "rulename:logo-unreadable": ("Logo që nuk lexohet", "Logo cannot be read"),
    # summary: costs and achievement
    "summary_title": ("{title} — përmbledhja e vitit {year}", "{title} — summary of {year}"),
    "summary_workbook": ("Libri: {path}", "Workbook: {path}"),
    "summary_invalid": (
        "KUJDES: kontrolli i librit gjeti {errors}; vlerat me gabim nuk llogariten në këto shifra "
        "(shihni matrica validate {path}).",
        "CAUTION: the workbook check found {errors}; the values in error are not counted in these figures "
        "(see matrica validate {path}).",
    ),
    "summary_defaults": (
        "Parametrat që nuk vlejnë ({labels}): u përdorën vlerat e parazgjedhura.",
        "Settings that cannot be used ({labels}): their defaults were used.",
    ),
    "summary_costs_header": ("Kostot", "Costs"),
    "summary_no_costs": (
        "Plani nuk ka kosto të planifikuara; nuk llogariten totale të planifikuara as shkallë realizimi.",
        "The plan states no costs; no planned totals or execution rate are computed.",
    ),
    "summary_spent_only": ("Shpenzuar ({reported}): {spent}", "Spent ({reported}): {spent}"),
    "summary_planned": (
        "Kosto e planifikuar për {year}: {total} ({quantified} nga {activities} aktivitete me kosto të kuantifikuar)",
        "Planned cost for {year}: {total} ({quantified} of {activities} activities have a quantified cost)",
    ),
    "summary_spent": (
        "Shpenzuar në {year}: {spent} ({reported}) · realizimi kundrejt gjithë planifikimit: {rate} "
        "(shpenzuar ÷ planifikuar)",
        "Spent in {year}: {spent} ({reported}) · execution against everything planned: {rate} (spent ÷ planned)",
    ),
    "summary_spent_reporting": (
        "Aktivitetet me kosto që raportuan shpenzimin: {n} nga {m}; për to planifikuar {planned}, shpenzuar "
        "{spent}, realizimi {rate}",
        "Activities with a cost that reported spending: {n} of {m}; for them planned {planned}, spent {spent}, "
        "execution {rate}",
    ),
    "summary_not_reporting": ("Pa shpenzim të raportuar: {codes}", "No spending reported: {codes}"),
    "summary_spent_outside": (
        "Prej shpenzimit, {spent} janë të aktiviteteve pa kosto të planifikuar për vitin (në 'Shpenzuar', jo në "
        "'Planifikuar').",
        "Of the spending, {spent} is by activities without a planned cost for the year (in 'Spent', not in "
        "'Planned').",
    ),
    "summary_unquantified": ("Pa kosto të kuantifikuar (nuk llogariten në totale): {codes}",
                             "No quantified cost (left out of totals): {codes}"),
    "summary_col_source": ("Burimi i financimit", "Funding source"),
    "summary_col_field": ("Fusha", "Field"),
    "summary_col_planned": ("Planifikuar", "Planned"),
    "summary_col_spent": ("Shpenzuar", "Spent"),
    "summary_col_rate": ("Realizimi", "Execution"),
    "summary_col_reporting": ("Raportuan", "Reported"),
    "summary_col_mean": ("Arritja mesatare", "Mean"),
    "summary_col_rated": ("Të vlerësuar", "Rated"),
    "summary_col_with_value": ("Me vlerë", "With a value"),
    "summary_col_no_target": ("Pa synim num.", "No num. target"),
    "summary_indicators_header": ("Treguesit ({n})", "Indicators ({n})"),
    "summary_coverage": (
        "Treguesit e vitit: {of_year} · me vlerë {with_value} · të vlerësuar {rated} · pa të dhëna {no_data} · "
        "pa synim numerik {no_numeric_target} (sipas planit, i njëjti numër çdo vit)",
        "Indicators of the year: {of_year} · with a value {with_value} · rated {rated} · no data {no_data} · "
        "no numeric target {no_numeric_target} (from the plan, the same count every year)",
    ),
    "summary_baselines": ("Vlera bazë nga vitet e raportuara:", "Baselines from the years reported:"),
    "summary_ratings": ("Sipas vlerësimit: {counts}", "By rating: {counts}"),
    "summary_mean": (
        "Arritja mesatare (e kufizuar në 100): {mean} — {rated_of} (mbulimi {coverage})",
        "Mean achievement (capped at 100): {mean} — {rated_of} (coverage {coverage})",
    ),
    "summary_mean_withheld": (
        "Arritja mesatare nuk jepet: {rated_of}, mbulimi {coverage} është nën pragun {minimum} të fletës "
        "Parametrat. Vlen numri sipas vlerësimit.",
        "No mean achievement is given: {rated_of}, a coverage of {coverage} is below the {minimum} threshold on "
        "the Parametrat sheet. The counts by rating stand.",
    ),
    "summary_mean_none": ("Arritja mesatare: asnjë tregues i vlerësuar këtë vit.",
                          "Mean achievement: no indicator rated this year."),
    "summary_activity_status": (
        "Aktivitetet: realizuar plotësisht {done} · realizuar pjesërisht {partly} · në proces {in_progress} "
        "· parealizuar {not_done} · pa status {not_reported} · nuk planifikoheshin këtë vit {not_scheduled}",
        "Activities: fully implemented {done} · partly implemented {partly} · in progress {in_progress} "
        "· not implemented {not_done} · no status {not_reported} · not scheduled this year {not_scheduled}",
    ),
    "summary_shares": ("Ndarja e përfituesve: {shares}", "Beneficiaries: {shares}"),
    "share_women": ("gra", "women"),
    "share_roma": ("romë", "Roma"),
    "share_egyptian": ("egjiptianë", "Egyptians"),
    "share_rural": ("fshat", "rural"),
    "summary_off_track": ("Tregues jashtë rrugës ({n}):", "Indicators off track ({n}):"),
    "summary_more": ("… dhe {n} të tjerë", "… and {n} more"),
    "summary_expected_note": ("{actual} kundrejt {expected} që pritej deri në fund të {year} ({pct} e synimit)",
                              "{actual} against {expected} expected by the end of {year} ({pct} of the target)"),
    "no_data_short": ("pa të dhëna", "no data"),
    "not_quantified_short": ("pa kosto", "no cost"),
    "status_on_track": ("në rrugë të mbarë", "on track"),
    "status_partly": ("pjesërisht", "partly"),
    "status_off_track": ("jashtë rrugës", "off track"),
    "status_no_data": ("pa të dhëna", "no data"),
    "status_no_target": ("pa synim numerik", "no numeric target"),
    "status_not_due": ("ende pa afat", "not yet due"),
    "status_no_baseline": ("pa vlerë bazë", "no baseline"),
    "status_not_scheduled": ("nuk planifikohej", "not scheduled"),
    "baseline_reference_this_year": (
        "{year} është viti i referimit i planit: vlera e këtij viti bëhet vlera bazë e viteve pas tij.",
        "{year} is the plan's reference year: this year's value becomes the baseline of the years after it.",
    ),
    "baseline_reference_later": ("Vlera bazë do të jetë vlera e {year} (viti i referimit i planit).",
                                 "The baseline will be the value of {year} (the plan's reference year)."),
    "baseline_reference": ("Vlera bazë {value}: vlera e {year}, viti i referimit i planit.",
                           "Baseline {value}: the value of {year}, the plan's reference year."),
    "baseline_reference_missing": ("Pa vlerë bazë: viti i referimit {year} nuk ka vlerë.",
                                   "No baseline: the reference year {year} has no value."),
    "baseline_previous": ("Vlera bazë {value}: vlera e {year} (rritja matet nga viti i mëparshëm).",
                          "Baseline {value}: the value of {year} (the change is measured from the year before)."),
    "baseline_previous_missing": ("Pa vlerë bazë: {year} nuk ka vlerë (rritja matet nga viti i mëparshëm).",
                                  "No baseline: {year} has no value (the change is measured from the year before)."),
    "source_unspecified": ("Burimi nuk shënohet në plan", "No source printed in the plan"),
    "source_shared": ("{names}, pa ndarje", "{names}, no split"),
    "source_short_municipal": ("Bashkia", "Municipality"),
    "source_short_central": ("qeveria qendrore", "central government"),
    "source_short_agency": ("agjenci kombëtare", "national agencies"),
    "source_short_donor": ("donatorë", "donors"),
    "source_short_other": ("tjetër", "other"),
    # budget (matrica budget)
    "budget_title": ("{title} — buxheti {years}: planifikuar, alokuar, shpenzuar",
                     "{title} — budget {years}: planned, allocated, spent"),
    "budget_bad_years": ("Vitet '{value}' nuk lexohen; shkruani p.sh. 2024-2027, 2025 ose 2024,2026.",
                         "The years '{value}' cannot be read; write e.g. 2024-2027, 2025 or 2024,2026."),
    "budget_bad_by": ("Grupimi '{value}' nuk njihet; zgjidhni nga: {choices}.",
                      "Unknown grouping '{value}'; choose from: {choices}."),
    "budget_bad_out": ("Skedari i daljes '{path}' duhet të jetë .xlsx ose .csv.",
                       "The output file '{path}' must be .xlsx or .csv."),
    "out_suffix": ("{path}: nuk u shkrua (një libër {kind} duhet të mbarojë me '{suffix}', që Excel ta hapë). "
                   "Asgjë nuk u ndryshua; zgjidhni një emër që mbaron me '{suffix}' (--out).",
                   "{path}: could not be written (a {kind} workbook must end in '{suffix}' for Excel to open it). "
                   "Nothing was changed; choose a name ending in '{suffix}' (--out)."),
    "budget_written": ("U shkrua: {path}", "Written: {path}"),
    "budget_write_failed": ("Skedari {path} nuk u shkrua ({detail}); zgjidhni një dosje tjetër me --out.",
                            "The file {path} could not be written ({detail}); choose another folder with --out."),
    "budget_total": ("Gjithsej", "Total"),
    "budget_no_institution": ("Plani nuk shënon institucion", "No institution in the plan"),
    "budget_no_programme": ("Pa program buxhetor", "No budget programme"),
    "budget_no_reporter": ("Pa institucion raportues", "No reporting institution"),
    "budget_no_costs": (
        "Plani nuk ka kosto të planifikuara: kolonat 'Planifikuar' dhe realizimi ndaj planit mbeten bosh (jo 0).",
        "The plan states no costs: the 'Planned' columns and the execution against planned stay empty (not 0).",
    ),
    "budget_estimate_note": (
        "'Vlerësim bashkie' është kosto vjetore e vlerësuar nga bashkia (fleta Matrica), jo kosto e planit; "
        "tregohet veçmas dhe nuk mblidhet me të.",
        "'Munic. estimate' is the annual cost estimated by the municipality (sheet Matrica), not the "
        "plan's cost; it is shown apart and never added to it.",
    ),
    "budget_rates_note": (
        "Realizimi ndaj planit = shpenzuar ÷ planifikuar × 100, ndaj alokimit = shpenzuar ÷ alokuar × 100: "
        "shumat e shtypura në të njëjtin rresht. '—' = pa të dhëna ose pa kosto, jo 0. 'Raportuan' = rreshtat "
        "aktivitet × vit që kanë shpenzim të shënuar, nga të gjithë.",
        "Execution against planned = spent ÷ planned × 100, against allocated = spent ÷ allocated × 100: the "
        "amounts printed on the same row. '—' = no data or no cost, not 0. 'Reported' = the activity × year rows "
        "with spending entered, of all.",
    ),
    "budget_h_years": ("Sipas viteve", "By year"),
    "budget_h_field": ("Sipas fushës", "By field"),
    "budget_h_source": ("Sipas burimit të financimit në plan (pa ndarje = disa burime pa shumë për secilin)",
                        "By funding source in the plan (no split = several sources without an amount each)"),
    "budget_h_institution": ("Sipas institucionit përgjegjës (siç e shkruan plani)",
                             "By responsible institution (as the plan prints it)"),
    "budget_h_programme": ("Sipas programit buxhetor", "By budget programme"),
    "budget_h_reporter": ("Sipas institucionit që raportoi", "By reporting institution"),
    "budget_h_flags": ("Sinjalizime", "Flags"),
    "budget_h_activities": ("Aktivitetet në {year}", "Activities in {year}"),
    "budget_sheet_title": ("{title} — buxheti i vitit {year}", "{title} — budget of {year}"),
    "budget_c_lines": ("Aktivitete", "Activities"),
    "budget_c_cumulative": ("Kumulative {span}", "Cumulative {span}"),
    "budget_c_period": ("Plani për gjithë periudhën {span}", "The plan for the whole period {span}"),
    "budget_activity_headers": (
        "Kodi|Aktiviteti|Programi buxhetor|Burimi i financimit në plan|Planifikuar|Vlerësim bashkie|Alokuar"
        "|Shpenzuar|Real./plan (%)|Real./alok. (%)|Planifikuar kumulativ|Shpenzuar kumulativ|Sinjalizime",
        "Code|Activity|Budget programme|Funding source in the plan|Planned|Munic. estimate|Allocated|Spent"
        "|Exec./plan (%)|Exec./alloc. (%)|Planned, cumulative|Spent, cumulative|Flags",
    ),
    "excel_budget_sheet": ("Buxheti {year}", "Buxheti {year}"),  # sheet name, the same in both languages
    "excel_budget_written": (
        "U shkrua fleta '{sheet}': planifikuar, alokuar dhe shpenzuar për {year} dhe vitet e mëparshme të planit, "
        "sipas fushës, burimit, institucionit dhe programit, dhe çdo aktivitet me sinjalizimet e tij.",
        "The sheet '{sheet}' was written: planned, allocated and spent for {year} and the plan's earlier years, by "
        "field, source, institution and programme, and every activity with its flags.",
    ),
    "excel_budget_no_pandas": (
        "Butoni Buxheti kërkon bibliotekën pandas, që mungon në këtë Python. Instalojeni (pip install pandas; në "
        "xlwings Lite: shtoni 'pandas' te requirements.txt) dhe provoni përsëri.",
        "The button Buxheti needs the pandas library, which this Python lacks. Install it (pip install pandas; in "
        "xlwings Lite: add 'pandas' to requirements.txt) and try again.",
    ),
    "budget_c_name": ("Emri", "Name"),
    "budget_c_year": ("Viti", "Year"),
    "budget_c_planned": ("Planifikuar", "Planned"),
    "budget_c_estimated": ("Vlerësim bashkie", "Munic. estimate"),
    "budget_c_allocated": ("Alokuar", "Allocated"),
    "budget_c_spent": ("Shpenzuar", "Spent"),
    "budget_c_rate_planned": ("Real./plan", "Exec./plan"),
    "budget_c_rate_allocated": ("Real./alok.", "Exec./alloc."),
    "budget_c_reported": ("Raportuan", "Reported"),
    "budget_cumulative": (
        "Kumulative {span}: planifikuar {planned}, alokuar {allocated}, shpenzuar {spent} (realizimi {rate}); "
        "plani për gjithë periudhën {pstart}-{pend}: {period}, mbeten pas {year}: {remaining}.",
        "Cumulative {span}: planned {planned}, allocated {allocated}, spent {spent} (execution {rate}); the "
        "plan for the whole period {pstart}-{pend}: {period}, remaining after {year}: {remaining}.",
    ),
    "budget_cumulative_no_plan": ("Kumulative {span}: alokuar {allocated}, shpenzuar {spent}.",
                                  "Cumulative {span}: allocated {allocated}, spent {spent}."),
    "budget_municipal_gap": (
        "{year}: plani vë vetëm mbi buxhetin e Bashkisë {alone} (dhe {shared} të përbashkëta me burime të tjera, "
        "pa ndarje); shpenzimi i raportuar me burim 'Buxheti i Bashkisë / fondet e veta': {spent}.",
        "{year}: the plan puts {alone} on the municipal budget alone (and {shared} shared with other sources, no "
        "split); spending reported with the source 'Buxheti i Bashkisë / fondet e veta': {spent}.",
    ),
    "budget_cumulative_estimate": (
        "Vlerësimi i bashkisë, kumulativ {span}: {estimated}; për gjithë periudhën: {period} (vlerësim, "
        "jo kosto e planit).",
        "The municipality's estimate, cumulative {span}: {estimated}; for the whole period: {period} "
        "(an estimate, not the plan's cost).",
    ),
    "flag_over_planned": ("shpenzuar mbi të planifikuarën (> {margin} %)", "spent above planned (> {margin} %)"),
    "flag_over_allocated": ("shpenzuar mbi të alokuarën (> {margin} %)", "spent above allocated (> {margin} %)"),
    "flag_no_source": ("shpenzim pa burim financimi", "spending without a funding source"),
    "flag_unknown_source": ("shpenzim me burim të panjohur", "spending with an unknown funding source"),
    "flag_allocated_not_spent": ("alokuar, pa shpenzim", "allocated, nothing spent"),
    "flag_not_scheduled": ("shpenzim në vit jashtë planit të aktivitetit", "spending in a year the plan does not "
                                                                          "schedule"),
    "budget_no_flags": ("Asnjë sinjalizim.", "No flags."),
    # the budget export (matrica budget --out): sheet names, table headers (also its structured-reference names)
    "budget_x_sheets": (
        "Lexo|Të dhënat|Sipas viteve|Sipas fushës|Sipas burimit|Sipas institucionit|Sipas programit|Sipas raportuesit",
        "Read me|Data|By year|By field|By source|By institution|By programme|By reporter",
    ),
    "budget_x_columns": (
        "Viti|Fusha|Objektivi|Kodi|Aktiviteti|Institucioni përgjegjës|Programi buxhetor|Burimi i financimit"
        "|Burimi në tekstin e planit|Disa burime pa ndarje|Në plan për vitin|Kosto e kuantifikuar|Kostimi në plan"
        "|Planifikuar (lekë)|Kosto e vlerësuar nga bashkia (vlerësim, lekë)|Alokuar (lekë)|Shpenzuar (lekë)"
        "|Burimi i raportuar i shpenzimit|Raportuar nga|Realizimi ndaj planit (%)|Realizimi ndaj alokimit (%)"
        "|Planifikuar kumulativ (lekë)|Alokuar kumulativ (lekë)|Shpenzuar kumulativ (lekë)"
        "|Pjesa e totalit të periudhës (%)|Sinjalizime",
        "Year|Field|Objective|Code|Activity|Responsible institution|Budget programme|Funding source"
        "|Source in the plan's text|Several sources, no split|Scheduled this year|Cost quantified|Costing in the plan"
        "|Planned (lekë)|Cost estimated by the municipality (estimate, lekë)|Allocated (lekë)|Spent (lekë)"
        "|Source reported for the spending|Reported by|Execution against planned (%)|Execution against allocated (%)"
        "|Planned, cumulative (lekë)|Allocated, cumulative (lekë)|Spent, cumulative (lekë)"
        "|Share of the period total (%)|Flags",
    ),
    "budget_x_summary_columns": (
        "Emri|Viti|Planifikuar (lekë)|Kosto e vlerësuar nga bashkia (vlerësim, lekë)|Alokuar (lekë)|Shpenzuar (lekë)"
        "|Realizimi ndaj planit (%)|Realizimi ndaj alokimit (%)|Rreshta aktivitet × vit|Raportuan shpenzimin",
        "Name|Year|Planned (lekë)|Cost estimated by the municipality (estimate, lekë)|Allocated (lekë)|Spent (lekë)"
        "|Execution against planned (%)|Execution against allocated (%)|Activity × year rows|Reported spending",
    ),
    "budget_x_summary_note": (
        "Totalet janë formula mbi tabelën '{sheet}' ({table}). '{none}' = pa të dhëna, '{dash}' = pa kosto në plan "
        "ose pa vlerësim; asnjëri nuk është 0.",
        "The totals are formulas over the table '{sheet}' ({table}). '{none}' = no data, '{dash}' = no cost in the "
        "plan or no estimate; neither is 0.",
    ),
    "budget_x_readme": (
        "Libri burim: {book} · Hartuar nga Matrica (matrica budget).\n"
        "## Fletët\n"
        "• {data}: tabela Excel '{table}', një rresht për çdo aktivitet × vit; filtroni ose bëni një PivotTable "
        "(Insert → PivotTable) mbi të.\n"
        "• {years} dhe fletët 'Sipas …': totalet për çdo vit dhe për vitet së bashku; janë formula SUMIFS/COUNTIFS "
        "mbi tabelën '{table}', që mund t'i kontrolloni rresht për rresht.\n"
        "## Kolonat\n"
        "• Planifikuar: kosto vjetore e planit në çdo vit kur aktiviteti zbatohet sipas planit (0 kur nuk zbatohet "
        "atë vit); bosh kur plani nuk e kuantifikon koston ('Sipas kostimit …'): nuk llogaritet si 0.\n"
        "• Kosto e vlerësuar nga bashkia: vlerësim i bashkisë (fleta Matrica), jo kosto e planit; tregohet veçmas "
        "dhe nuk mblidhet me të.\n"
        "• Alokuar dhe Shpenzuar: siç janë shkruar në fletët Monitorimi VVVV; bosh = pa të dhëna, jo 0.\n"
        "• Burimi i financimit: rreshti i burimit sipas planit; kur plani emërton disa burime pa ndarë shumën, "
        "rreshti është 'A + B, pa ndarje' dhe shuma nuk ndahet me hamendje.\n"
        "• Institucioni përgjegjës: siç e shkruan plani (disa institucione në një tekst mbeten bashkë).\n"
        "• Realizimi ndaj planit = shpenzuar ÷ planifikuar × 100; ndaj alokimit = shpenzuar ÷ alokuar × 100: shumat "
        "e të njëjtit rresht, që çdo përqindje të kontrollohet me një pjesëtim.\n"
        "• Kumulativ: nga viti i parë i planit ({start}) deri në vitin e rreshtit. Pjesa e totalit: planifikuar ÷ "
        "kosto e planit për gjithë periudhën × 100.\n"
        "• Sinjalizime: shpenzuar mbi të planifikuarën ose të alokuarën me më shumë se {margin} % (fleta "
        "Parametrat), shpenzim pa burim ose me burim të panjohur, alokuar pa shpenzim në një vit të monitoruar, "
        "shpenzim në vit që plani nuk e parashikon; secili është edhe paralajmërim në 'matrica validate'.",
        "Source workbook: {book} · Produced by Matrica (matrica budget).\n"
        "## Sheets\n"
        "• {data}: the Excel table '{table}', one row per activity × year; filter it or make a PivotTable from it "
        "(Insert → PivotTable).\n"
        "• {years} and the 'By …' sheets: totals per year and for the years together; they are SUMIFS/COUNTIFS "
        "formulas over the table '{table}', which you can check row by row.\n"
        "## Columns\n"
        "• Planned: the plan's annual cost in each year the plan runs the activity (0 in a year it does not run); "
        "empty where the plan does not quantify the cost ('Sipas kostimit …'): never counted as 0.\n"
        "• Cost estimated by the municipality: the municipality's estimate (sheet Matrica), not the plan's cost; shown "
        "apart and never added to it.\n"
        "• Allocated and Spent: as typed on the sheets Monitorimi YYYY; empty = no data, not 0.\n"
        "• Funding source: the plan's source row; when the plan names several sources without splitting the amount, "
        "the row is 'A + B, no split' and the amount is never split by guesswork.\n"
        "• Responsible institution: as the plan prints it (several institutions in one text stay together).\n"
        "• Execution against planned = spent ÷ planned × 100; against allocated = spent ÷ allocated × 100: the "
        "amounts of the same row, so every percentage can be checked with one division.\n"
        "• Cumulative: from the plan's first year ({start}) to the row's year. Share of the total: planned ÷ the "
        "plan's cost for the whole period × 100.\n"
        "• Flags: spent above planned or allocated by more than {margin} % (sheet Parametrat), spending with no or "
        "an unknown source, allocated with nothing spent in a monitored year, spending in a year the plan does not "
        "schedule; each is also a warning of 'matrica validate'.",
    ),
    # annual report (matrica report)
    "report_written": ("U shkrua raporti: {path}", "Report written: {path}"),
    "report_invalid": (
        "{path}: libri ka {errors} në kontrollin e të dhënave; raporti nuk u bë. Korrigjoni gabimet "
        "(matrica validate {path}) ose, për një draft, përdorni --allow-errors.",
        "{path}: the workbook has {errors} in the data check; no report was made. Fix the errors "
        "(matrica validate {path}) or, for a draft, use --allow-errors.",
    ),
    "report_bad_format": ("Formati '{value}' nuk njihet; zgjidhni docx, html ose docx,html.",
                          "Unknown format '{value}'; choose docx, html or docx,html."),
    "report_bad_date": ("Data '{value}' nuk lexohet; shkruajeni si VVVV-MM-DD (p.sh. 2026-03-15).",
                        "The date '{value}' cannot be read; write it as YYYY-MM-DD (e.g. 2026-03-15)."),
    "report_template_missing": ("Shablloni i raportit nuk u gjet: {path}", "Report template not found: {path}"),
    "report_template_unreadable": ("Shablloni '{path}' nuk hapet si dokument Word .docx ({detail}).",
                                   "The template '{path}' cannot be opened as a Word .docx document ({detail})."),
    "report_template_unknown": (
        "Shablloni '{path}' ka etiketën {tag}, por '{name}' nuk është ndër të dhënat e raportit. "
        "Korrigjoni ose hiqni këtë etiketë.",
        "The template '{path}' has the tag {tag}, but '{name}' is not among the report's data. "
        "Fix or remove this tag.",
    ),
    "report_template_broken": (
        "Shablloni '{path}' ka një etiketë të prishur: {tag} ({detail}). Çdo '{{{{' mbyllet me '}}}}' dhe çdo "
        "'{{%' me '%}}'; çdo 'for' ka 'endfor' dhe çdo 'if' ka 'endif'.",
        "The template '{path}' has a broken tag: {tag} ({detail}). Every '{{{{' closes with '}}}}' and every "
        "'{{%' with '%}}'; every 'for' needs an 'endfor' and every 'if' an 'endif'.",
    ),
    "report_template_error": (
        "Shablloni '{path}': etiketa {tag} nuk mund të plotësohet ({detail}).",
        "The template '{path}': the tag {tag} cannot be filled in ({detail}).",
    ),
    "report_example_banner": ("SHEMBULL — të dhëna ilustruese, jo të dhëna reale",
                              "SHEMBULL (EXAMPLE) — illustrative data, not real data"),
    "report_example_note": (
        "Ky raport është bërë nga një libër me të dhëna shembull. Shifrat dhe tekstet e monitorimit janë "
        "ilustruese dhe nuk janë të dhëna të {municipality}; plani, synimet dhe kostot e planifikuara janë ato të "
        "dokumentit të miratuar.",
        "This report was made from a workbook with example data. The monitoring figures and texts are illustrative "
        "and are not data of {municipality}; the plan, its targets and planned costs are those of the approved "
        "document.",
    ),
    "report_example_colophon": (
        "Të dhëna shembull: fleta Parametrat e librit ka 'Të dhëna shembull' = po.",
        "Example data: the workbook's Parametrat sheet has 'Të dhëna shembull' = po.",
    ),
    "report_warning_errors": (
        "KUJDES: libri ka {errors} në kontrollin e të dhënave. Ky raport u bë me --allow-errors si draft; "
        "shifrat mund të jenë të pasakta. Gabimet janë në shtojcën 'Cilësia e të dhënave'.",
        "WARNING: the workbook has {errors} in the data check. This report was made with --allow-errors "
        "as a draft; its figures may be wrong. The errors are listed in the annex 'Data quality'.",
    ),
    "report_doc_title": ("Raporti vjetor i monitorimit {year}", "Annual monitoring report {year}"),
    "report_footer": ("{short} · raporti i vitit {year}", "{short} · report on {year}"),
    "report_date_default": ("Viti i raportimit {year}", "Reporting year {year}"),
    "report_made_by": (
        "Hartuar nga Matrica {version} mbi librin e plotësuar; shifrat llogariten nga libri, pa ndërhyrje dore.",
        "Produced by Matrica {version} from the filled workbook; every figure is computed from the workbook.",
    ),
    "report_l_municipality": ("Bashkia", "Municipality"),
    "report_l_period": ("Periudha e planit", "Plan period"),
    "report_l_year": ("Viti i raportimit", "Reporting year"),
    "report_l_date": ("Data", "Date"),
    "report_l_workbook": ("Libri burim", "Source workbook"),
    "report_l_checksum": ("Shuma kontrolluese (SHA-256)", "Checksum (SHA-256)"),
    # the cover's checksum when the workbook was read from Excel without a file (xlwings Lite)
    "report_l_checksum_values": ("Shuma kontrolluese e vlerave të lexuara (SHA-256)",
                                 "Checksum of the values read (SHA-256)"),
    # section headings: the report numbers them in the order shown (addin/report/sections.py)
    "report_h_executive": ("Përmbledhje ekzekutive", "Executive summary"),
    "report_h_introduction": ("Hyrje", "Introduction"),
    "report_h_methodology": ("Metodologjia", "Methodology"),
    "report_h_summary": ("Zbatimi në shifra", "Implementation in figures"),
    "report_h_fields": ("Zbatimi sipas fushave", "Implementation by field"),
    "report_h_costs": ("Kostot: planifikuar dhe shpenzuar", "Costs: planned and spent"),
    "report_h_trend": ("Tendenca ndër vite", "Trend across years"),
    "report_h_recommendations": ("Rekomandimet dhe ndjekja e tyre", "Recommendations and their follow-up"),
    "report_h_quality": ("Shtojcë: cilësia e të dhënave", "Annex: data quality"),
    "report_h_colophon": ("Për këtë dokument", "About this document"),
    "report_h_achievements": ("Arritjet", "Achievements"),
    "report_h_challenges": ("Sfidat", "Challenges"),
    "report_h_field_recommendations": ("Rekomandimet", "Recommendations"),
    "report_l_prepared_by": ("Përgatitur nga", "Prepared by"),
    "report_l_approved_by": ("Plani u miratua nga", "Plan approved by"),
    "report_l_version": ("Hartuar me", "Produced with"),
    "report_c_recommendation": ("Rekomandimi", "Recommendation"),
    "report_c_responsible": ("Përgjegjës", "Responsible"),
    "report_c_follow_status": ("Statusi i zbatimit", "Implementation status"),
    "report_c_comment": ("Koment", "Comment"),
    "report_placeholder": ("[për t'u plotësuar]", "[to be completed]"),
    # the executive summary drafted from the figures (addin/report/sections.py: executive)
    "exec_activities": ("Në vitin {year} plani zbatonte {activities}. Prej tyre {parts}.",
                        "In {year} the plan ran {activities}. Of these, {parts}."),
    "exec_activities_none": ("Në vitin {year} plani nuk kishte asnjë aktivitet të planifikuar.",
                             "In {year} the plan had no activity scheduled."),
    "exec_indicators": (
        "Për vitin {year} plani ka {indicators}: {with_value} dhe {rated} kundrejt një synimi numerik; {no_target} "
        "në plan.",
        "For {year} the plan has {indicators}: {with_value} and {rated} against a numeric target; {no_target} in "
        "the plan.",
    ),
    "exec_ratings": ("Prej të vlerësuarve: {counts}.", "Of those rated: {counts}."),
    "exec_costs": (
        "Për {year} ishin planifikuar {planned} dhe u shpenzuan {spent}, pra {rate} e gjithë planifikimit. "
        "{reporting}; për to realizimi është {rate_reporting} ({spent_reporting} nga {planned_reporting}).",
        "For {year}, {planned} were planned and {spent} spent: {rate} of everything planned. {reporting}; for "
        "them the execution is {rate_reporting} ({spent_reporting} of {planned_reporting}).",
    ),
    "exec_costs_none": ("Plani nuk cakton kosto; {spent}.", "The plan states no costs; {spent}."),
    "exec_spent_nothing": ("asnjë aktivitet nuk raportoi shpenzime", "no activity reported spending"),
    "exec_beneficiaries": ("Përfituesit e raportuar sipas grupeve: {parts}.",
                           "Beneficiaries reported by group: {parts}."),
    "exec_beneficiaries_none": (
        "Asnjë tregues nuk raportoi përfitues të ndarë sipas gjinisë, etnisë ose vendbanimit.",
        "No indicator reported beneficiaries broken down by sex, ethnicity or place of residence.",
    ),
    "exec_double_count": (
        "Këto shuma mblidhen nga tregues të ndryshëm, prandaj i njëjti person mund të jetë numëruar më shumë se "
        "një herë.",
        "These sums add up different indicators, so the same person may have been counted more than once.",
    ),
    "exec_part_sex": ("{women} gra dhe {men} burra (gra {share}; {from_})", "{women} women and {men} men (women "
                      "{share}; {from_})"),
    "exec_part_ethnicity": ("{roma} romë dhe {egyptian} egjiptianë (romë {share}; {from_})",
                            "{roma} Roma and {egyptian} Egyptians (Roma {share}; {from_})"),
    "exec_part_area": ("{urban} në qytet dhe {rural} në fshat (fshat {share}; {from_})",
                       "{urban} urban and {rural} rural (rural {share}; {from_})"),
    "exec_and": (" dhe ", " and "),
    # beneficiaries table (addin/report/sections.py: beneficiaries)
    "report_h_beneficiaries": ("Përfituesit sipas grupeve", "Beneficiaries by group"),
    "report_c_group": ("Grupi", "Group"),
    "report_c_value": ("Vlera", "Value"),
    "report_code_indicator": ("{code}, treguesi {n}", "{code}, indicator {n}"),
    "report_c_activity_indicators": ("Treguesit e aktiviteteve", "The activities' indicators"),
    "report_objective_rollup": ("{indicators}: me vlerë {with_value}, të vlerësuar {rated}{ratings}",
                                "{indicators}: with a value {with_value}, rated {rated}{ratings}"),
    "report_plan_none_note": (
        "—¹ Plani nuk jep këtu tregues të matshëm ose vlerë numerike (teksti i tij, p.sh. \"Indikator të matshëm\" "
        "ose \"pa vlerë numerike\", nuk përsëritet).",
        "—¹ The plan gives no measurable indicator or numeric value here (its wording, e.g. \"Indikator të "
        "matshëm\" or \"no numeric value\", is not repeated).",
    ),
    "report_legend_ratings": ("Vlerësimi i treguesit (kundrejt synimit):", "Indicator rating (against the target):"),
    "report_legend_statuses": ("Statusi i aktivitetit (siç e raportoi stafi):",
                               "Activity status (as staff reported it):"),
    "report_h_legend": ("Si lexohen ngjyrat", "How to read the colours"),
    "report_c_people": ("Numri", "Number"),
    "report_c_indicators_giving": ("Nga treguesit", "From indicators"),
    "report_page": ("faqja", "page"),
    "report_page_of": ("nga", "of"),
    "report_executive_drafted": (
        "Kjo përmbledhje është hartuar nga shifrat e librit; grupi i monitorimit mund ta zëvendësojë me tekstin e vet "
        "në fletën Narrativa.",
        "This summary was drafted from the workbook's figures; the monitoring group may replace it with its own text "
        "on the Narrativa sheet.",
    ),
    "report_follow_up_heading": ("Ndjekja e rekomandimeve të vitit {previous}",
                                 "Follow-up of the {previous} recommendations"),
    "report_this_year_heading": ("Rekomandimet e vitit {year}", "Recommendations of {year}"),
    "report_follow_up_first": (
        "{year} është viti i parë i planit: nuk ka rekomandime të një viti të mëparshëm për t'u ndjekur.",
        "{year} is the plan's first year: there are no recommendations of an earlier year to follow up.",
    ),
    "report_follow_up_none": ("Raporti i vitit {previous} nuk kishte rekomandime në fletën Narrativa.",
                              "The {previous} report had no recommendations on the Narrativa sheet."),
    "report_follow_up_carried": (
        "Rekomandimet e vitit {previous} nuk janë ndjekur ende në fletën Narrativa: statusi i tyre është për t'u "
        "plotësuar.",
        "The {previous} recommendations have not been followed up on the Narrativa sheet yet: their status is to be "
        "completed.",
    ),
    "report_keywords": ("monitorim; plan social; Bashkia Elbasan", "monitoring; social plan; Elbasan municipality"),
    "report_category": ("Raport monitorimi", "Monitoring report"),
    "report_h_status": ("Aktivitetet sipas statusit", "Activities by status"),
    "report_h_achievement": ("Arritja e treguesve sipas fushës", "Indicator achievement by field"),
    "report_h_objectives": ("Objektivat dhe treguesit e tyre", "Objectives and their indicators"),
    "report_h_activities": ("Aktivitetet dhe treguesit e rezultatit", "Activities and result indicators"),
    "report_h_disaggregation": ("Ndarja e përfituesve", "Beneficiaries by group"),
    "report_h_notes": ("Shpjegime nga shënimet", "Explanations from the notes"),
    "report_h_by_field": ("Sipas fushës", "By field"),
    "report_h_by_source": ("Sipas burimit të financimit në plan", "By funding source in the plan"),
    "report_h_by_entered": ("Shpenzuar sipas burimit të raportuar", "Spent by reported source"),
    "report_h_unquantified": ("Kosto të pakuantifikuara", "Costs not quantified"),
    "report_h_not_reporting": ("Aktivitete me kosto pa shpenzim të raportuar", "Activities with a cost and no "
                               "spending reported"),
    "report_costs_columns": (
        "Realizimi = shpenzuar ÷ planifikuar. Realizimi i tyre = shpenzuar prej tyre ÷ planifikuar për ata që "
        "raportuan: vetëm aktivitetet me kosto që raportuan shpenzimin (kolona 'Raportuan': n nga m).",
        "Execution = spent ÷ planned. Their execution = spent by them ÷ planned for those that reported: only the "
        "activities with a cost that reported spending (column 'Reported': n of m).",
    ),
    "report_c_status": ("Statusi", "Status"),
    "report_c_count": ("Numri", "Number"),
    "report_c_share": ("Pjesa", "Share"),
    "report_c_field": ("Fusha", "Field"),
    "report_c_mean": ("Arritja mesatare", "Mean achievement"),
    "report_c_rated": ("Të vlerësuar", "Rated"),
    "report_c_with_value": ("Me vlerë", "With a value"),
    "report_c_no_target": ("Pa synim numerik", "No numeric target"),
    "report_c_not_due": ("Ende pa afat", "Not yet due"),
    "report_c_expected": ("Pritej deri në fund të vitit", "Expected by the end of the year"),
    "report_c_on_track": ("Në rrugë të mbarë", "On track"),
    "report_c_partly": ("Pjesërisht", "Partly"),
    "report_c_off_track": ("Jashtë rrugës", "Off track"),
    "report_c_objective": ("Objektivi", "Objective"),
    "report_c_objective_indicator": ("Treguesi i objektivit", "Objective indicator"),
    "report_c_target_year": ("Viti i synimit", "Target year"),
    "report_c_code": ("Kodi", "Code"),
    "report_c_activity": ("Aktiviteti", "Activity"),
    "report_c_indicator": ("Treguesi", "Indicator"),
    "report_c_target": ("Synimi", "Target"),
    "report_c_actual": ("Vlera aktuale", "Actual"),
    "report_c_achievement": ("Arritja", "Achievement"),
    "report_c_sex": ("Gra / burra", "Women / men"),
    "report_c_ethnicity": ("Rom / egjiptian", "Roma / Egyptian"),
    "report_c_area": ("Qytet / fshat", "Urban / rural"),
    "report_c_planned": ("Planifikuar", "Planned"),
    "report_c_spent": ("Shpenzuar", "Spent"),
    "report_c_execution": ("Realizimi", "Execution"),
    "report_c_reporting": ("Raportuan", "Reported"),
    "report_c_planned_reporting": ("Planifikuar për ata që raportuan", "Planned for those that reported"),
    "report_c_spent_reporting": ("Shpenzuar prej tyre", "Spent by them"),
    "report_c_execution_reporting": ("Realizimi i tyre", "Their execution"),
    "report_c_source": ("Burimi i financimit", "Funding source"),
    "report_c_allocated": ("Alokuar në buxhet", "Allocated in the budget"),
    "report_c_execution_allocated": ("Realizimi ndaj alokimit", "Execution against allocated"),
    "report_c_estimated": ("Kosto e vlerësuar nga bashkia (vlerësim)", "Cost estimated by the municipality "
                                                                        "(estimate)"),
    "report_c_flags": ("Sinjalizime", "Flags"),
    "report_h_budget": ("Planifikuar, alokuar dhe shpenzuar sipas aktivitetit",
                        "Planned, allocated and spent per activity"),
    "report_c_cost_printed": ("Kostimi në plan", "Costing in the plan"),
    "report_c_year": ("Viti", "Year"),
    "report_c_done": ("Realizuar plotësisht", "Fully implemented"),
    "report_c_severity": ("Rëndësia", "Severity"),
    "report_c_cell": ("Qeliza", "Cell"),
    "report_c_rule": ("Rregulli", "Rule"),
    "report_c_message": ("Mesazhi", "Message"),
    "report_total": ("Gjithsej", "Total"),
    "report_activity_statuses": (
        "Aktivitetet që plani zbaton në vitin {year}: {activities}, me {indicators} rezultati. Sipas statusit të "
        "raportuar: {parts}.",
        "Activities the plan runs in {year}: {activities}, with {indicators} of results. By reported status: "
        "{parts}.",
    ),
    "report_costs_overall": (
        "Kosto e planifikuar për {year}: {planned} (aktivitete me kosto të kuantifikuar: {quantified} nga "
        "{activities}). Shpenzuar: {spent} ({reported}). Realizimi kundrejt gjithë planifikimit: {rate} "
        "(shpenzuar ÷ planifikuar). Aktivitete me kosto për vitin që raportuan shpenzimin: {n} nga {m}; për to "
        "ishin planifikuar {planned_reporting} dhe u shpenzuan {spent_reporting}, realizimi i tyre {rate_reporting}.",
        "Planned cost for {year}: {planned} (activities with a quantified cost: {quantified} of {activities}). "
        "Spent: {spent} ({reported}). Execution against everything planned: {rate} (spent ÷ planned). Activities "
        "with a cost for the year that reported spending: {n} of {m}; {planned_reporting} was planned for them and "
        "{spent_reporting} spent, their execution {rate_reporting}.",
    ),
    "report_costs_outside": (
        "Shpenzimi përfshin {spent} të aktiviteteve pa kosto të planifikuar për vitin (në 'Shpenzuar', jo në "
        "'Planifikuar').",
        "The spending includes {spent} by activities without a planned cost for the year (in 'Spent', not in "
        "'Planned').",
    ),
    "report_costs_none": (
        "Plani nuk ka kosto të planifikuara, prandaj nuk ka shkallë realizimi. Shpenzuar: {spent} ({reported}).",
        "The plan states no costs, so there is no execution rate. Spent: {spent} ({reported}).",
    ),
    "report_field_rollup": ("{ratings}. {mean} Aktivitetet: {parts}.", "{ratings}. {mean} Activities: {parts}."),
    "report_field_costs": (
        "Kostot e fushës: planifikuar {planned} · shpenzuar {spent} · realizimi {rate} (shpenzuar ÷ planifikuar) "
        "· aktivitete me kosto që raportuan: {n} nga {m}.",
        "Costs of the field: planned {planned} · spent {spent} · execution {rate} (spent ÷ planned) · activities "
        "with a cost that reported: {n} of {m}."),
    "report_field_spent": ("Shpenzuar në këtë fushë: {spent}.", "Spent in this field: {spent}."),
    "report_budget_intro": (
        "Për çdo aktivitet të vitit {year}: kosto vjetore sipas planit, shuma e alokuar në buxhetin vjetor (fletët "
        "Monitorimi, kolona 'Alokuar në buxhet') dhe shuma e shpenzuar. Realizimi ndaj planit = shpenzuar ÷ "
        "planifikuar, ndaj alokimit = shpenzuar ÷ alokuar. Sinjalizime: shpenzuar mbi të planifikuarën ose të "
        "alokuarën me më shumë se {margin} % (fleta Parametrat), shpenzim pa burim financimi, alokuar pa shpenzim, "
        "shpenzim në vit që plani nuk e parashikon. Tabela e plotë për të gjitha vitet: matrica budget.",
        "For every activity of {year}: the plan's annual cost, the amount allocated in the annual budget (the "
        "Monitorimi sheets, column 'Alokuar në buxhet') and the amount spent. Execution against planned = spent ÷ "
        "planned, against allocated = spent ÷ allocated. Flags: spent above planned or allocated by more than "
        "{margin} % (sheet Parametrat), spending without a funding source, allocated with nothing spent, spending "
        "in a year the plan does not schedule. The full table for every year: matrica budget.",
    ),
    "report_budget_intro_no_costs": (
        "Plani nuk ka kosto, prandaj në vend të kostos së planit tregohet kosto vjetore e vlerësuar nga bashkia "
        "(fleta Matrica): është vlerësim i bashkisë, jo kosto e planit. Për çdo aktivitet të vitit {year} me një "
        "vlerësim, shumë të alokuar ose shpenzim: realizimi ndaj alokimit = shpenzuar ÷ alokuar. Sinjalizime: "
        "shpenzuar mbi të alokuarën me më shumë se {margin} % (fleta Parametrat), shpenzim pa burim financimi, "
        "alokuar pa shpenzim, shpenzim në vit që plani nuk e parashikon.",
        "The plan states no costs, so the annual cost estimated by the municipality (sheet Matrica) stands where "
        "the plan's cost would: it is the municipality's estimate, not the plan's cost. For every activity of {year} "
        "with an estimate, an allocation or spending: execution against allocated = spent ÷ allocated. Flags: "
        "spent above allocated by more than {margin} % (sheet Parametrat), spending without a funding source, "
        "allocated with nothing spent, spending in a year the plan does not schedule.",
    ),
    "report_budget_cumulative": (
        "Kumulative {span}: planifikuar {planned}, alokuar {allocated}, shpenzuar {spent} (realizimi {rate}, "
        "shpenzuar ÷ planifikuar). Plani për gjithë periudhën {period_span}: {period}; mbeten pas {year}: "
        "{remaining}.",
        "Cumulative {span}: planned {planned}, allocated {allocated}, spent {spent} (execution {rate}, spent ÷ "
        "planned). The plan for the whole period {period_span}: {period}; remaining after {year}: {remaining}.",
    ),
    "report_budget_cumulative_no_costs": (
        "Kumulative {span}: alokuar {allocated}, shpenzuar {spent}; kosto e vlerësuar nga bashkia (vlerësim) "
        "{estimated}.",
        "Cumulative {span}: allocated {allocated}, spent {spent}; cost estimated by the municipality (estimate) "
        "{estimated}.",
    ),
    "report_not_quantified": ("pa kosto në plan", "no cost in the plan"),
    "report_budget_none": ("Asnjë aktivitet i vitit {year} nuk ka vlerësim, shumë të alokuar ose shpenzim.",
                           "No activity of {year} has an estimate, an allocation or spending."),
    "report_unquantified_none": ("Të gjitha aktivitetet kanë kosto të kuantifikuar.",
                                 "Every activity has a quantified cost."),
    "report_trend_intro": (
        "Vitet e plotësuara deri në {year}: {years}. Shpenzimi dhe arritja krahasohen vit pas viti.",
        "Years filled up to {year}: {years}. Spending and achievement compared year by year.",
    ),
    "report_trend_single": (
        "Tendenca ndër vite shfaqet kur janë plotësuar të paktën dy vite; deri tani është plotësuar vetëm {years}.",
        "The trend across years is shown once at least two years are filled; so far only {years} is filled.",
    ),
    "report_quality_intro": (
        "Kontrolli i librit (matrica validate) për vitet e raportit gjeti {errors} dhe {warnings}.",
        "The workbook check (matrica validate) for the years of the report found {errors} and {warnings}.",
    ),
    "report_quality_none": ("Kontrolli i librit nuk gjeti asnjë gabim ose paralajmërim.",
                            "The workbook check found no errors or warnings."),
    "report_no_data": ("pa të dhëna", "no data"),
    "report_not_applicable": ("—", "—"),
    "report_yes": ("po", "yes"),
    "report_no": ("jo", "no"),
    "report_status_not_reported": ("pa status", "no status"),
    "report_chart_status": ("Aktivitetet sipas statusit, {year}", "Activities by status, {year}"),
    "report_chart_achievement": ("Arritja mesatare e treguesve sipas fushës, {year}",
                                 "Mean indicator achievement by field, {year}"),
    "report_chart_sources": ("Planifikuar dhe shpenzuar sipas burimit të financimit, {year}",
                             "Planned and spent by funding source, {year}"),
    "report_chart_spent_sources": ("Shpenzuar sipas burimit të raportuar, {year}",
                                   "Spent by reported source, {year}"),
    "report_chart_trend": ("Planifikuar dhe shpenzuar sipas viteve", "Planned and spent by year"),
    "report_chart_table": ("Shifrat e grafikut", "The chart's figures"),
    "report_chart_no_value": ("pa vlerë", "no value"),
    "report_target_milestone": ("arritur (po/jo)", "reached (yes/no)"),
    "report_target_none": ("pa vlerë numerike në plan", "no numeric value in the plan"),
    "report_scope_annual": ("në vit", "per year"),
    "report_scope_period": ("për periudhën", "for the period"),
    "report_target_by": ("(deri në {year})", "(by {year})"),
    "report_actual_to_date": ("({value} deri tani)", "({value} to date)"),
    "report_rating_rule": (
        "Arritja = vlera aktuale (deri tani, për synimet e gjithë periudhës) ÷ synimi i plotë × 100. Vlerësimi "
        "krahason vlerën aktuale me atë që plani pret deri në fund të vitit (kolona 'Pritej'): synimin vjetor; për "
        "synimet e gjithë periudhës pjesën e synimit sipas viteve të aktivitetit, ndërsa një produkt i vetëm (një "
        "qendër, një databazë) nuk pritet para vitit të tij të fundit dhe deri atëherë është 'ende pa afat'. "
        "'Në rrugë të mbarë' nga {on_track} %, 'pjesërisht' nga {partly} % (fleta Parametrat). Aktivitetet që sipas "
        "planit nuk zbatohen këtë vit janë 'nuk planifikohej' dhe nuk llogariten. Statusi i aktivitetit është ai që "
        "raportoi stafi.",
        "Achievement = the actual (to date, for whole-period targets) ÷ the whole target × 100. The rating compares "
        "the actual with what the plan expects by the end of the year (column 'Expected'): the yearly target; for "
        "whole-period targets the share of the target by the activity's years, while a single deliverable (a "
        "centre, a database) is not expected before its last year and is 'not yet due' until then. 'On track' "
        "from {on_track} %, 'partly' from {partly} % (the Parametrat sheet). Activities the plan does not run this "
        "year are 'not scheduled' and not counted. The activity status is the one staff reported.",
    ),
    "report_mean_withheld": ("nuk jepet", "not given"),
    "report_baseline": ("bazë {value} ({year})", "baseline {value} ({year})"),
    "report_target_relative": ("rritje me {number} %", "increase by {number} %"),
    "report_not_due_until": ("ende pa afat ({year})", "not yet due ({year})"),
    "report_strategic_goal": ("Qëllimi strategjik: {text}", "Strategic goal: {text}"),
    "report_specific_objective": ("Objektivi specifik: {text}", "Specific objective: {text}"),
    "report_part_women": ("gra", "women"),
    "report_part_men": ("burra", "men"),
    "report_part_roma": ("romë", "Roma"),
    "report_part_egyptian": ("egjiptianë", "Egyptians"),
    "report_part_urban": ("qytet", "urban"),
    "report_part_rural": ("fshat", "rural"),
    "report_c_rating": ("Vlerësimi", "Rating"),
    "report_c_n": ("Nr.", "No."),
    "report_skip": ("Kalo te përmbajtja", "Skip to content"),
    "report_toc": ("Përmbajtja", "Contents"),
    "report_toc_hint": ("Në Word: klikoni me të djathtën këtu dhe zgjidhni 'Update Field' për përmbajtjen.",
                        "In Word: right-click here and choose 'Update Field' to fill in the contents."),
    # Excel add-in
    "excel_title": ("Matrica", "Matrica"),
    "excel_checked": (
        "Kontrolli: {errors} dhe {warnings}. Lista është në fletën '{sheet}' (klikoni qelizën "
        "për të shkuar te problemi); qelizat me problem u ngjyrosën: e kuqe gabim, e verdhë paralajmërim.",
        "Check: {errors} and {warnings}. The list is on the sheet '{sheet}' (click a cell to go to "
        "the problem); the cells with a problem were coloured: red error, yellow warning.",
    ),
    "excel_checked_lite": (
        "Kontrolli: {errors} dhe {warnings}. Lista është në fletën '{sheet}': klikoni qelizën në "
        "kolonën e parë për të shkuar te problemi. Në xlwings Lite qelizat e fletëve të Matricës nuk ngjyrosen: "
        "fletët janë të mbrojtura dhe Lite nuk e heq dot mbrojtjen.",
        "Check: {errors} and {warnings}. The list is on the sheet '{sheet}': click a cell in its "
        "first column to go to the problem. In xlwings Lite the cells of Matrica's sheets are not coloured: the "
        "sheets are protected and Lite cannot lift the protection.",
    ),
    "excel_not_coloured": (
        "Qelizat e fletëve {sheets} nuk u ngjyrosën: fletët janë të mbrojtura me fjalëkalim.",
        "The cells of the sheets {sheets} were not coloured: the sheets are protected with a password.",
    ),
    "excel_no_year": (
        "{path}: libri nuk ka asnjë fletë 'Monitorimi VVVV' brenda periudhës së planit; shtoni një me butonin "
        "Vit i ri.",
        "{path}: the workbook has no 'Monitorimi YYYY' sheet within the plan period; add one with the button "
        "Vit i ri.",
    ),
    "excel_sheet_name_taken": (
        "{path}: libri ka tashmë fletën '{sheet}' që nuk e ka bërë Matrica; riemërtojeni dhe provoni përsëri.",
        "{path}: the workbook already has a sheet '{sheet}' that Matrica did not make; rename it and try again.",
    ),
    "excel_calc_sheet": ("Llogaritja {year}", "Llogaritja {year}"),  # sheet name, the same in both languages
    "excel_calc_written": (
        "U shkrua fleta '{sheet}': kostot dhe arritja e treguesve për vitin {year}.",
        "The sheet '{sheet}' was written: costs and indicator achievement for {year}.",
    ),
    "excel_calc_title": ("{title} — llogaritja e vitit {year}", "{title} — calculation for {year}"),
    "excel_calc_note": (
        "Llogaritur nga Matrica me vlerat e librit siç ishin në Excel; fleta rishkruhet sa herë shtypet Llogarit. "
        "Përqindjet: arritja e kufizuar 0-100; pragjet nga fleta Parametrat ({on_track} / {partly}).",
        "Computed by Matrica from the workbook's values as they were in Excel; the sheet is rewritten at every "
        "Llogarit. Percentages: achievement capped to 0-100; thresholds from the Parametrat sheet "
        "({on_track} / {partly}).",
    ),
    "excel_calc_by_source": ("Kostot sipas burimit të financimit (lekë)", "Costs by funding source (lekë)"),
    "excel_calc_by_field": ("Kostot sipas fushës (lekë)", "Costs by field (lekë)"),
    "excel_calc_total": ("Gjithsej", "Total"),
    "excel_calc_achievement": ("Arritja e treguesve sipas fushës", "Indicator achievement by field"),
    "excel_calc_plan": ("Plani", "Plan"),
    "excel_calc_activities": ("Statusi i aktiviteteve", "Activity status"),
    "excel_calc_indicators": ("Treguesit", "Indicators"),
    "excel_calc_cost_headers": (
        "Emri|Planifikuar|Shpenzuar|Realizimi (%)|Planifikuar për ata që raportuan|Shpenzuar prej tyre"
        "|Realizimi i tyre (%)|Raportuan|Me kosto",
        "Name|Planned|Spent|Execution (%)|Planned for those that reported|Spent by them|Their execution (%)"
        "|Reported|With a cost",
    ),
    "excel_calc_achievement_headers": (
        "Fusha|Arritja mesatare (%)|Të vlerësuar|Tregues të vitit|Mbulimi (%)|Me vlerë|Pa synim numerik"
        "|Pa të dhëna",
        "Field|Mean achievement (%)|Rated|Indicators of the year|Coverage (%)|With a value|No numeric target"
        "|No data",
    ),
    "excel_mean_withheld": ("nuk jepet (mbulim nën pragun)", "not given (coverage below the threshold)"),
    "excel_calc_indicator_headers": (
        "Kodi|Nr.|Treguesi|Synimi|Vlera aktuale|Deri tani|Pritej deri në fund të vitit|Arritja (%)|Vlerësimi (%)"
        "|Statusi|Vlera bazë",
        "Code|No.|Indicator|Target|Actual|To date|Expected by the end of the year|Achievement (%)|Rating (%)"
        "|Status|Baseline",
    ),
    "excel_save_first": (
        "'{path}' nuk është ruajtur ende si skedar në kompjuter. Ruajeni (Skedari → Ruaj si, .xlsx) dhe shtypni "
        "Raport përsëri: raporti shkruhet në dosjen e librit.",
        "'{path}' has not been saved as a file on this computer yet. Save it (File → Save As, .xlsx) and press "
        "Raport again: the report is written into the workbook's folder.",
    ),
    "excel_web_path": (
        "Libri është hapur nga OneDrive/SharePoint si adresë interneti ({path}), jo si skedar në kompjuter. "
        "Hapeni nga dosja e sinkronizuar e OneDrive në File Explorer (ose ruani një kopje në kompjuter) dhe "
        "shtypni Raport përsëri.",
        "The workbook is open from OneDrive/SharePoint as a web address ({path}), not as a file on this computer. "
        "Open it from the synced OneDrive folder in File Explorer (or save a copy on this computer) and press "
        "Raport again.",
    ),
    "excel_unsaved": (
        "{path}: libri ka ndryshime të paruajtura. Ruajeni (Ctrl+S) dhe shtypni Raport përsëri, që raporti të "
        "tregojë të njëjtat shifra si skedari që përmend.",
        "{path}: the workbook has unsaved changes. Save it (Ctrl+S) and press Raport again, so that the report shows "
        "the same figures as the file it names.",
    ),
    "excel_report_invalid": (
        "{path}: libri ka {errors} në kontrollin e të dhënave; raporti nuk u bë. Shtypni Kontrollo, korrigjoni "
        "qelizat e kuqe dhe provoni përsëri.",
        "{path}: the workbook has {errors} in the data check; no report was made. Press Kontrollo, correct the "
        "red cells and try again.",
    ),
    "excel_report_written": ("Raporti i vitit {year} u shkrua në dosjen e librit:\n{paths}",
                             "The report for {year} was written into the workbook's folder:\n{paths}"),
    "excel_report_written_lite": (
        "Raporti i vitit {year} u shkrua në dosjen e xlwings Lite:\n{paths}\nPër ta shkarkuar: menuja e xlwings Lite "
        "(☰) → Files → Import/Export, pastaj shkarkoni secilin skedar (ose Download All). Ruajini në kompjuter: "
        "skedarët e Lite fshihen kur pastrohet memoria e Office-it.",
        "The report for {year} was written into the xlwings Lite folder:\n{paths}\nTo download it: xlwings Lite menu "
        "(☰) → Files → Import/Export, then download each file (or Download All). Keep them on your computer: Lite's "
        "files are deleted when the Office cache is cleared.",
    ),
    "excel_report_no_word": (
        "Raporti Word (.docx) nuk u bë: këtij Python-i i mungojnë bibliotekat {missing}; u bë vetëm HTML. Në xlwings "
        "Lite: kontrolloni që requirements.txt ka rreshtin e Matricës dhe rinisni Lite-n.",
        "The Word report (.docx) was not made: this Python lacks the libraries {missing}; only the HTML was made. In "
        "xlwings Lite: check that requirements.txt has Matrica's line and restart Lite.",
    ),
    "excel_new_year_exists": (
        "Fleta '{sheet}' ekziston tashmë.",
        "The sheet '{sheet}' exists already.",
    ),
    # xlwings Lite: the start of main.py, which Lite's App Mode shows above the buttons (Markdown)
    "lite_intro": (
        "# Matrica\n\nButonat punojnë mbi librin e hapur: {buttons}. Pas *Raport*, shkarkoni skedarët nga menuja "
        "e xlwings Lite (☰) → Files → Import/Export. Funksionet e fletës: {functions}.",
        "# Matrica\n\nThe buttons work on the open workbook: {buttons}. After *Raport*, download the files from the "
        "xlwings Lite menu (☰) → Files → Import/Export. Worksheet functions: {functions}.",
    ),
    "excel_new_year_done": (
        "U shtua fleta '{sheet}'. Plotësoni qelizat e verdha. Fleta nuk është e kyçur si ato që ndërton Matrica "
        "(Rishiko → Mbro fletën, pa fjalëkalim, nëse doni ta kyçni).",
        "The sheet '{sheet}' was added. Fill in the yellow cells. The sheet is not locked like the ones Matrica "
        "builds (Review → Protect Sheet, without a password, to lock it).",
    ),
    # parts: split, validate a part, merge (issue 15)
    "part_bad": (
        "{path}: pjesa nuk lexohet: fleta Parametrat, qeliza {cell}, ka '{value}' (institucioni ose viti i pjesës).",
        "{path}: the part cannot be read: sheet Parametrat, cell {cell}, holds '{value}' (the part's institution or "
        "year).",
    ),
    "institution_unknown": (
        "{path}: plani nuk njeh institucionin '{name}'. Shkruani kodin ose emrin e tij, p.sh.: {known}.",
        "{path}: the plan names no institution '{name}'. Give its code or its name, e.g.: {known}.",
    ),
    "institution_no_activities": (
        "{path}: {name} nuk udhëheq asnjë aktivitet në {year}, prandaj nuk ka pjesë për të.",
        "{path}: {name} leads no activity in {year}, so it has no part.",
    ),
    "part_other_institution": (
        "{path}: ky skedar është pjesa e {institution}, jo e {name}.",
        "{path}: this file is the part of {institution}, not of {name}.",
    ),
    "part_other_year": (
        "{path}: ky skedar është pjesa e vitit {part_year}; kontrollohet vetëm ai vit, jo {year}.",
        "{path}: this file is the part for {part_year}; only that year is checked, not {year}.",
    ),
    "split_part": (
        "{path}: ky skedar është vetë një pjesë; ndani librin e planit, jo një pjesë të tij.",
        "{path}: this file is a part itself; split the plan workbook, not one of its parts.",
    ),
    "split_duplicate": (
        "{path}: fleta '{sheet}' ka rreshtin {code} më shumë se një herë ({cells}); një pjesë nuk mund t'i marrë "
        "të gjitha kopjet pa humbur vlerat e njërës. Fshini kopjen e tepërt (`matrica validate` e tregon) dhe "
        "ndajeni sërish.",
        "{path}: the sheet '{sheet}' has the row {code} more than once ({cells}); a part cannot carry every copy "
        "without losing one's values. Delete the extra copy (`matrica validate` points at it) and split again.",
    ),
    "split_exists": (
        "{path} ekziston tashmë; nuk shkruhet sipër (mund të jetë plotësuar). Zgjidhni një dosje tjetër me --out "
        "ose hiqeni skedarin.",
        "{path} exists already; it is not overwritten (it may have been filled in). Choose another folder with "
        "--out or remove the file.",
    ),
    "split_none": ("{path}: asnjë institucion nuk udhëheq aktivitete në {year}.",
                   "{path}: no institution leads activities in {year}."),
    "split_without_part": (
        "Pa pjesë (në {year} vetëm bashkëpërgjegjës: aktivitetet e tyre i raporton institucioni i parë i emëruar "
        "në plan): {names}",
        "No part (in {year} only co-responsible: their activities are reported by the institution the plan names "
        "first): {names}",
    ),
    "merge_copy_unreadable": (
        "{path}: libri lexohet, por openpyxl nuk e hap dot për të shkruar kopjen e bashkuar ({detail}); ruajeni "
        "librin sërish në Excel dhe provoni përsëri.",
        "{path}: the workbook can be read, but openpyxl cannot open it to write the merged copy ({detail}); save it "
        "again in Excel and retry.",
    ),
    "merge_other_plan": (
        "{path}: është pjesë e planit '{plan}', jo e '{expected}' si libri ku bashkohet.",
        "{path}: is a part of the plan '{plan}', not of '{expected}' like the workbook it is merged into.",
    ),
    "merge_not_part": (
        "{path}: nuk është pjesë e bërë me matrica split (fleta Parametrat nuk emëron institucion).",
        "{path}: is not a part made by matrica split (its Parametrat sheet names no institution).",
    ),
    "merge_other_year": (
        "{path}: është pjesa e vitit {part_year}; ky bashkim është për {year}.",
        "{path}: is the part for {part_year}; this merge is for {year}.",
    ),
    "merge_edited": (
        "{path}: qelizat e planit në pjesë janë ndryshuar ({cell}); bëni pjesën sërish me matrica split.",
        "{path}: the part's plan cells were edited ({cell}); make the part again with matrica split.",
    ),
    "merge_part_sheet": ("{path}: {detail} Pjesa nuk bashkohet.", "{path}: {detail} The part is not merged."),
    "merge_part_sheet_missing": (
        "{path}: pjesës i mungon fleta '{sheet}', ndaj tekstet e saj nuk bashkohen dot; kthejeni fletën ose bëni "
        "pjesën sërish me matrica split.",
        "{path}: the part has no sheet '{sheet}', so its texts cannot be merged; put the sheet back or make the part "
        "again with matrica split.",
    ),
    "merge_into_part": (
        "{path}: është vetë një pjesë; bashkoni pjesët në librin e planit.",
        "{path}: is a part itself; merge the parts into the plan workbook.",
    ),
    "merge_no_parts": ("{path}: asnjë pjesë për të bashkuar.", "{path}: no part to merge."),
    "merge_refused": ("Asgjë nuk u shkrua.", "Nothing was written."),
    "merge_title": ("Bashkimi i pjesëve, viti {year}", "Parts merged, year {year}"),
    "merge_sheet_summary": ("Vlera të bashkuara nga pjesët: {merged} · konflikte në bashkimin e fundit: {conflicts}",
                            "Values merged from the parts: {merged} · conflicts in the last merge: {conflicts}"),
    "merge_sheet_help": (
        "Çdo vlerë e bashkuar ka skedarin nga erdhi. Për një konflikt asnjë vlerë nuk u zgjodh: shkruani vlerën e "
        "duhur në qelizë (lidhja) ose korrigjoni pjesën dhe bashkoni sërish.",
        "Each merged value has the file it came from. For a conflict no value was chosen: type the right value in "
        "the cell (the link) or correct the part and merge again.",
    ),
    "merge_log_headers": (
        "Lloji|Fleta|Qeliza|Kodi|Kolona|Vlera|Skedari|SHA-256 i skedarit|Vlera tjetër|Skedari tjetër",
        "Kind|Sheet|Cell|Code|Column|Value|File|File SHA-256|Other value|Other file",
    ),
    "merge_kind:merged": ("bashkuar", "merged"),
    "merge_kind:conflict": ("konflikt", "conflict"),
    "merge_workbook": ("libri", "the workbook"),
    "merge_written": ("U shkrua libri i bashkuar: {path}", "Merged workbook written: {path}"),
    "merge_conflicts_head": (
        "Konfliktet (asnjë vlerë nuk u zgjodh; qeliza mban vlerën e librit):",
        "Conflicts (no value was chosen; the cell keeps the workbook's value):",
    ),
    "merge_conflict_line": ("{cell}  {code}  {column}: {values}", "{cell}  {code}  {column}: {values}"),
    # several workbooks (issue 15)
    "no_workbooks": ("{path}: asnjë libër .xlsx ose .xlsm.", "{path}: no .xlsx or .xlsm workbook."),
    "progress_books": ("Librat", "Workbooks"),
    "many_summary_headers": ("Libri|Të vlerësuar|Me status|Planifikuar|Shpenzuar|Realizimi|Gabime",
                             "Workbook|Rated|With status|Planned|Spent|Execution|Errors"),
}


# Messages that agree in number with a count {n}: key -> ((sq singular, sq plural), (en singular, en plural)).
# Albanian and English both have two forms, chosen gettext-style by the plural rule below.
PLURALS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "budget_unquantified": (
        ("{n} aktivitet pa kosto të kuantifikuar në plan (nuk llogaritet si 0): {codes}",
         "{n} aktivitete pa kosto të kuantifikuar në plan (nuk llogariten si 0): {codes}"),
        ("{n} activity without a quantified cost in the plan (never counted as 0): {codes}",
         "{n} activities without a quantified cost in the plan (never counted as 0): {codes}"),
    ),
    "budget_unsplit": (
        ("{n} aktivitet financohet nga disa burime pa ndarje të shumës; ka rreshtin e vet te burimet: {codes}",
         "{n} aktivitete financohen nga disa burime pa ndarje të shumës; kanë rreshtat e tyre te burimet: {codes}"),
        ("{n} activity is funded by several sources without a split of the amount; it has its own source row: "
         "{codes}",
         "{n} activities are funded by several sources without a split of the amount; they have their own source "
         "rows: {codes}"),
    ),
    "budget_flag_count": (
        ("{n} sinjalizim (secili edhe paralajmërim në matrica validate, te qeliza e vet):",
         "{n} sinjalizime (secili edhe paralajmërim në matrica validate, te qeliza e vet):"),
        ("{n} flag (each also a matrica validate warning at its cell):",
         "{n} flags (each also a matrica validate warning at its cell):"),
    ),
    "report_budget_flags": (
        ("{n} sinjalizim (edhe paralajmërim në shtojcën e cilësisë së të dhënave, te qeliza e vet).",
         "{n} sinjalizime (secili edhe paralajmërim në shtojcën e cilësisë së të dhënave, te qeliza e vet)."),
        ("{n} flag (also a warning in the data-quality annex, at its cell).",
         "{n} flags (each also a warning in the data-quality annex, at its cell)."),
    ),
    "budget_reported": (
        ("shpenzimin e raportuan {k} nga {n} aktivitet", "shpenzimin e raportuan {k} nga {n} aktivitete"),
        ("{k} of {n} activity reported spending", "{k} of {n} activities reported spending"),
    ),
    # Narrativa and the report's words (issue 12)
    "report_follow_up_counts": (
        ("U ndoq {n} rekomandim i vitit {previous}; të zbatuara plotësisht: {done}.",
         "U ndoqën {n} rekomandime të vitit {previous}; të zbatuara plotësisht: {done}."),
        ("{n} recommendation of {previous} was followed up; fully implemented: {done}.",
         "{n} recommendations of {previous} were followed up; fully implemented: {done}."),
    ),
    "new_year_carried": (
        ("{n} rekomandim i vitit {year} u bart në tabelën e ndjekjes së vitit {new} (fleta Narrativa).",
         "{n} rekomandime të vitit {year} u bartën në tabelën e ndjekjes së vitit {new} (fleta Narrativa)."),
        ("{n} recommendation of {year} was carried into the follow-up table of {new} (sheet Narrativa).",
         "{n} recommendations of {year} were carried into the follow-up table of {new} (sheet Narrativa)."),
    ),
    "exec_done": (("{n} u realizua plotësisht ({share})", "{n} u realizuan plotësisht ({share})"),
                  ("{n} was fully implemented ({share})", "{n} were fully implemented ({share})")),
    "exec_partly": (("{n} pjesërisht", "{n} pjesërisht"), ("{n} partly", "{n} partly")),
    "exec_in_progress": (("{n} është në proces", "{n} janë në proces"), ("{n} is in progress", "{n} are in progress")),
    "exec_not_done": (("{n} nuk u realizua", "{n} nuk u realizuan"), ("{n} was not implemented",
                                                                       "{n} were not implemented")),
    "exec_not_reported": (("{n} nuk ka status të raportuar", "{n} nuk kanë status të raportuar"),
                          ("{n} has no reported status", "{n} have no reported status")),
    "exec_with_value": (("{n} ka vlerë të raportuar", "{n} kanë vlerë të raportuar"),
                        ("{n} has a reported value", "{n} have a reported value")),
    "exec_rated": (("{n} mund të vlerësohet", "{n} mund të vlerësohen"), ("{n} can be rated", "{n} can be rated")),
    "exec_no_target": (("{n} tregues nuk ka synim numerik", "{n} tregues nuk kanë synim numerik"),
                       ("{n} indicator has no numeric target", "{n} indicators have no numeric target")),
    "exec_reporting": (("Shpenzimin e raportoi {n} nga {m} aktivitetet me kosto",
                        "Shpenzimin e raportuan {n} nga {m} aktivitetet me kosto"),
                       ("{n} of the {m} costed activities reported spending",
                        "{n} of the {m} costed activities reported spending")),
    "exec_spent": (("u raportuan shpenzime prej {spent} nga {n} aktivitet",
                    "u raportuan shpenzime prej {spent} nga {n} aktivitete"),
                   ("spending of {spent} was reported by {n} activity",
                    "spending of {spent} was reported by {n} activities")),
    "exec_not_due": (("{n} tregues tjetër është ende pa afat: plani nuk e pret ende.",
                      "{n} tregues të tjerë janë ende pa afat: plani nuk i pret ende."),
                     ("{n} more indicator is not yet due: the plan does not expect it yet.",
                      "{n} more indicators are not yet due: the plan does not expect them yet.")),
    "exec_from_indicators": (("nga {n} tregues", "nga {n} tregues"), ("from {n} indicator", "from {n} indicators")),
    "misnamed:no-year-missing": (
        ("Nuk lexohet; {n} vit i planit nuk ka fletë monitorimi ({years}): nëse kjo fletë është për të, riemërtojeni "
         "dhe kontrolloni përsëri.",
         "Nuk lexohet; {n} vite të planit nuk kanë fletë monitorimi ({years}): nëse kjo fletë është për njërin prej "
         "tyre, riemërtojeni dhe kontrolloni përsëri."),
        ("It is not read; {n} year of the plan has no monitoring sheet ({years}): if this sheet is for it, rename it "
         "and check again.",
         "It is not read; {n} years of the plan have no monitoring sheet ({years}): if this sheet is for one of them, "
         "rename it and check again."),
    ),
    "n_errors": (("{n} gabim", "{n} gabime"), ("{n} error", "{n} errors")),
    "n_warnings": (("{n} paralajmërim", "{n} paralajmërime"), ("{n} warning", "{n} warnings")),
    "n_indicators": (("{n} tregues", "{n} tregues"), ("{n} indicator", "{n} indicators")),
    "n_activities": (("{n} aktivitet", "{n} aktivitete"), ("{n} activity", "{n} activities")),
    "n_activities_reported": (("raportuar nga {n} aktivitet", "raportuar nga {n} aktivitete"),
                              ("reported by {n} activity", "reported by {n} activities")),
    "report_unsplit": (
        ("{n} aktivitet financohet sipas planit nga disa burime pa ndarje të shumës; ka rreshtin e vet "
         "(\"pa ndarje\") dhe shuma nuk ndahet me hamendje.",
         "{n} aktivitete financohen sipas planit nga disa burime pa ndarje të shumës; ato kanë rreshtat e tyre "
         "(\"pa ndarje\") dhe shuma nuk ndahet me hamendje."),
        ("{n} activity is funded by several sources in the plan without a split of the amount; it has its own row "
         "(\"no split\") and the amount is never split by guesswork.",
         "{n} activities are funded by several sources in the plan without a split of the amount; they have their "
         "own rows (\"no split\") and the amount is never split by guesswork."),
    ),
    "report_not_scheduled": (
        ("{n} aktivitet nuk planifikohej për {year} (sipas viteve të tij në plan) dhe nuk llogaritet.",
         "{n} aktivitete nuk planifikoheshin për {year} (sipas viteve të tyre në plan) dhe nuk llogariten."),
        ("{n} activity was not scheduled in {year} (by its years in the plan) and is not counted.",
         "{n} activities were not scheduled in {year} (by their years in the plan) and are not counted."),
    ),
    "n_of_rated": (("{k} nga {n} tregues i vlerësuar", "{k} nga {n} tregues të vlerësuar"),
                   ("{k} of {n} indicator rated", "{k} of {n} indicators rated")),
    "summary_not_scheduled": (
        ("{n} tregues i një aktiviteti që nuk planifikohej në {year} nuk llogaritet.",
         "{n} tregues të aktiviteteve që nuk planifikoheshin në {year} nuk llogariten."),
        ("{n} indicator of an activity not scheduled in {year} is not counted.",
         "{n} indicators of activities not scheduled in {year} are not counted."),
    ),
    "summary_unsplit": (
        ("{n} aktivitet financohet nga disa burime pa ndarje të shumës; ka rreshtin e vet më poshtë.",
         "{n} aktivitete financohen nga disa burime pa ndarje të shumës; kanë rreshtat e tyre më poshtë."),
        ("{n} activity is funded by several sources without a split of the amount; it has its own row below.",
         "{n} activities are funded by several sources without a split of the amount; they have their own rows "
         "below."),
    ),
    # parts (issue 15)
    "split_written": (
        ("Pjesa e {institution}: {path} ({n} aktivitet për të plotësuar{shared})",
         "Pjesa e {institution}: {path} ({n} aktivitete për të plotësuar{shared})"),
        ("Part of {institution}: {path} ({n} activity to fill in{shared})",
         "Part of {institution}: {path} ({n} activities to fill in{shared})"),
    ),
    "split_shared": (
        (", {n} tjetër vetëm për lexim", ", {n} të tjera vetëm për lexim"),
        (", {n} more read-only", ", {n} more read-only"),
    ),
    "split_done": (
        ("{n} pjesë u shkrua në {folder} (viti {year}).", "{n} pjesë u shkruan në {folder} (viti {year})."),
        ("{n} part written to {folder} (year {year}).", "{n} parts written to {folder} (year {year})."),
    ),
    "validate_scope_part": (
        ("Kontrolli i pjesës së {institution} për {year}: vetëm {n} aktiviteti që raporton ky institucion.",
         "Kontrolli i pjesës së {institution} për {year}: vetëm {n} aktivitetet që raporton ky institucion."),
        ("Check of the part of {institution} for {year}: only the {n} activity this institution reports.",
         "Check of the part of {institution} for {year}: only the {n} activities this institution reports."),
    ),
    "validate_scope_institution": (
        ("Kontrolli vetëm për {institution}: {n} aktiviteti që udhëheq ({years}); rreshtat e tjerë nuk "
         "kontrollohen.",
         "Kontrolli vetëm për {institution}: {n} aktivitetet që udhëheq ({years}); rreshtat e tjerë nuk "
         "kontrollohen."),
        ("Check for {institution} only: the {n} activity it leads ({years}); the other rows are not checked.",
         "Check for {institution} only: the {n} activities it leads ({years}); the other rows are not checked."),
    ),
    "merge_part_line": (
        ("{institution}: {path}: {n} vlerë e bashkuar", "{institution}: {path}: {n} vlera të bashkuara"),
        ("{institution}: {path}: {n} value merged", "{institution}: {path}: {n} values merged"),
    ),
    "merge_done": (
        ("{n} vlerë u bashkua, {unchanged} ishin njësoj në libër; ", "{n} vlera u bashkuan, {unchanged} ishin njësoj "
                                                                      "në libër; "),
        ("{n} value merged, {unchanged} already the same in the workbook; ",
         "{n} values merged, {unchanged} already the same in the workbook; "),
    ),
    "merge_conflicts": (
        ("{n} konflikt (shih fletën Bashkimi).", "{n} konflikte (shih fletën Bashkimi)."),
        ("{n} conflict (see the sheet Bashkimi).", "{n} conflicts (see the sheet Bashkimi)."),
    ),
    "many_validate_total": (
        ("{n} libër u kontrollua: {valid} pa gabime, {bad} me gabime, {unreadable} nuk u lexua; gjithsej {errors} "
         "dhe {warnings}.",
         "{n} libra u kontrolluan: {valid} pa gabime, {bad} me gabime, {unreadable} nuk u lexuan; gjithsej {errors} "
         "dhe {warnings}."),
        ("{n} workbook checked: {valid} without errors, {bad} with errors, {unreadable} unreadable; {errors} and "
         "{warnings} in all.",
         "{n} workbooks checked: {valid} without errors, {bad} with errors, {unreadable} unreadable; {errors} and "
         "{warnings} in all."),
    ),
    "many_summary_total": (
        ("Gjithsej {plan} {year} ({n} libër)", "Gjithsej {plan} {year} ({n} libra)"),
        ("Total {plan} {year} ({n} workbook)", "Total {plan} {year} ({n} workbooks)"),
    ),
}


def plural_form(n: float, lang: str = "sq") -> int:
    """Index of the plural form for `n` (gettext's ngettext rule for Albanian and English, nplurals=2,
    plural=(n != 1)): 0 for exactly one, 1 for every other number (0, 2, 1,5 …)."""
    return 0 if n == 1 else 1


def tn(key: str, n: int | float, lang: str = "sq", **values: object) -> str:
    """`ngettext` for the messages in PLURALS: the form that agrees with `n`, filled with `n` and `values`
    ("1 gabim", "2 gabime"; "1 tregues nuk ka …", "2 tregues nuk kanë …")."""
    forms = PLURALS[key][1 if lang == "en" else 0]
    return forms[plural_form(n, lang)].format(n=n, **values)


def counted(errors: int, warnings: int, lang: str = "sq") -> dict[str, str]:
    """The counted phrases of a check's result, for the messages that take {errors} and {warnings}."""
    return {"errors": tn("n_errors", errors, lang), "warnings": tn("n_warnings", warnings, lang)}


def t(key: str, lang: str = "sq", **values: object) -> str:
    """The message `key` in Albanian ("sq") or English ("en"), filled with `values` (a `Msg` value is itself
    translated)."""
    sq, en = MESSAGES[key]
    values = {k: v.render(lang) if isinstance(v, (Msg, Count)) else v for k, v in values.items()}
    return (en if lang == "en" else sq).format(**values)


@dataclass(frozen=True)
class Msg:
    """A message part that is itself translated when the message is shown."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str) -> str:
        return t(self.key, lang, **dict(self.values))


def msg(key: str, **values: object) -> Msg:
    return Msg(key, tuple(values.items()))


@dataclass(frozen=True)
class Count:
    """A count with its noun, agreeing in number when the message is shown: Count("n_errors", 2) -> "2 gabime"."""

    key: str
    n: float
    values: tuple[tuple[str, object], ...] = ()  # the message's other values ({years})

    def render(self, lang: str) -> str:
        return tn(self.key, self.n, lang, **dict(self.values))


def errors_and_warnings(counts: dict[str, int]) -> dict[str, Count]:
    """The {errors} and {warnings} of a message, from a report's counts."""
    return {"errors": Count("n_errors", counts["error"]), "warnings": Count("n_warnings", counts["warning"])}


class MatricaError(Exception):
    """An error to show to a person as it is (no traceback); `exit_code` for the terminal."""

    def __init__(self, key: str, exit_code: int = 2, **values: object):
        self.key, self.values, self.exit_code = key, values, exit_code
        super().__init__(t(key, "sq", **values))

    def message(self, lang: str = "sq") -> str:
        return t(self.key, lang, **self.values)
