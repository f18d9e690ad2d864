"""Every sentence and label the report shows, in English and German.

key -> (English, German). ``{placeholders}`` are filled by :class:`simulator.report.i18n.Text`.
The German is written as German, not translated word by word: "simulierte Verläufe" (never
"Zukünfte"), no English inside a German sentence; ``tests/test_report_words.py`` checks this.
The figures' words are in :mod:`simulator.report.words_figures`, merged here in place; names of
models, payers, groups and the glossary live in :mod:`simulator.report.names`.
"""

from __future__ import annotations

from simulator.report.words_figures import FIGURE_TEXT

TEXT: dict[str, tuple[str, str]] = {
    # --- head of the page
    "doc_title": (
        "Which way of running the facility lasts, and what does it cost? {towns}",
        "Welches Organisationsmodell trägt, und was kostet es? {towns}",
    ),
    "lead": (
        "{n_ok} simulated courses for {towns}, {years} years each ({start}–{end}). {design}.",
        "{n_ok} simulierte Verläufe für {towns}, je {years} Jahre ({start}–{end}). {design}.",
    ),
    "design": (
        "{points} combinations of choices and conditions ({kind}), each simulated {reps} times with different random numbers",
        "{points} Kombinationen aus Entscheidungen und Bedingungen ({kind}), jede {reps}-mal mit anderen Zufallszahlen simuliert",
    ),
    "incomplete": (
        "This experiment is not finished: {done} of {total} simulated courses are stored. The report shows those.",
        "Dieses Experiment ist noch nicht fertig: {done} von {total} simulierten Verläufen liegen vor. Der Bericht zeigt diese.",
    ),
    "failed_some": (
        "{n} of {total} runs failed; they are left out of every number and figure and listed at the end.",
        "{n} von {total} Läufen sind fehlgeschlagen; sie fehlen in allen Zahlen und Abbildungen und sind am Ende aufgeführt.",
    ),
    # --- at a glance
    "glance_head": ("At a glance", "Auf einen Blick"),
    "g_model": ("Organisation model", "Organisationsmodell"),
    "g_lasts": ("Still open at the end", "Am Ende noch offen"),
    "g_cost": ("Cost to the town per year", "Kosten für die Stadt pro Jahr"),
    "g_voluntary": (
        "Share of the town's voluntary spending",
        "Anteil an den freiwilligen Ausgaben der Stadt",
    ),
    "g_cash": ("Who pays in cash", "Wer zahlt in Geld"),
    "g_in_kind": (
        "In kind per year (volunteers' time, rent waived)",
        "Sachleistungen pro Jahr (Ehrenamt, erlassene Miete)",
    ),
    "headline_best": (
        "The model that lasts longest is {model}: the facility is still open at the end in {p} of the simulated courses.",
        "Am längsten trägt das Modell {model}: In {p} der simulierten Verläufe ist die Einrichtung am Ende noch offen.",
    ),
    "headline_cost": (
        "It costs the town {eur} a year on average, {share} of its voluntary spending.",
        "Es kostet die Stadt im Mittel {eur} pro Jahr, das sind {share} ihrer freiwilligen Ausgaben.",
    ),
    "headline_cheap": (
        "Cheapest for the town: {model}, {eur} a year (still open at the end in {p} of the courses).",
        "Für die Stadt am günstigsten ist {model} mit {eur} pro Jahr (am Ende noch offen in {p} der Verläufe).",
    ),
    "glance_note": (
        "Costs per year are means over the years in which the facility is open, in euros of the start year, without the one-off set-up. The coloured bar splits the cash among the payers; volunteers' time (valued in euros) and rent a landlord waives are given in kind, so they stand beside the cash, not inside it.",
        "Die Kosten pro Jahr sind Mittelwerte über die Jahre, in denen die Einrichtung offen ist, in Euro des Startjahres, ohne die einmalige Einrichtung. Der farbige Balken teilt das Geld auf die Zahler auf; die Arbeit der Ehrenamtlichen (in Euro bewertet) und Miete, die ein Vermieter erlässt, sind Sachleistungen und stehen deshalb neben dem Geld, nicht darin.",
    ),
    "levers_head": ("What the experiment compares", "Was das Experiment vergleicht"),
    "lever_choice": ("Choice (lever)", "Entscheidung (Stellschraube)"),
    "lever_condition": ("Uncertain condition", "Unsichere Bedingung"),
    "lever_kind": ("Kind", "Art"),
    "lever_name": ("Name", "Name"),
    "lever_values": ("Values", "Werte"),
    "lever_range": ("from {low} to {high}", "von {low} bis {high}"),
    "lever_note": (
        "Choices are compared side by side (one row or line per value); uncertain conditions are averaged over, except where a figure splits by them.",
        "Entscheidungen werden nebeneinander verglichen (eine Zeile oder Linie je Wert); über unsichere Bedingungen wird gemittelt, außer wo eine Abbildung nach ihnen aufteilt.",
    ),
    "band_head": ("Results by {lever}", "Ergebnisse nach {lever}"),
    "band_value": ("Value", "Wert"),
    "town": ("Town", "Stadt"),
    "band_note": (
        "This choice was drawn from a range (or has too many values to compare side by side), so the simulated courses are grouped by its value; the other choices and conditions vary within each row.",
        "Diese Entscheidung wurde aus einem Bereich gezogen (oder hat zu viele Werte für einen Vergleich nebeneinander); die simulierten Verläufe sind daher nach ihrem Wert gruppiert, die übrigen Entscheidungen und Bedingungen variieren innerhalb jeder Zeile.",
    ),
    # --- details table
    "summary": ("Details per model", "Einzelheiten je Modell"),
    "runs": ("Simulated courses", "Simulierte Verläufe"),
    "survival": ("Open at the end (95 % range)", "Am Ende offen (95-%-Bereich)"),
    "median_years": ("Years open (median)", "Jahre offen (Median)"),
    "mean_util": ("Room use (mean)", "Raumauslastung (Mittel)"),
    "cost_per_visit": ("Town's cost per visit (median)", "Kosten der Stadt je Besuch (Median)"),
    "cash_shares_head": (
        "Who pays in cash (share of all cash)",
        "Wer zahlt in Geld (Anteil am gesamten Geld)",
    ),
    "verdict_text": (
        "{model}: still open at the end in {p} of the simulated courses (95 % range {lo} to {hi}); the town pays {m} of the cash, {eur} per visit.",
        "{model}: In {p} der simulierten Verläufe am Ende noch offen (95-%-Bereich {lo} bis {hi}); die Stadt trägt {m} des Geldes, {eur} je Besuch.",
    ),
    "verdict_close": (
        " Where the facility closes, it closes after {y} years (median).",
        " Wenn die Einrichtung schließt, dann im Median nach {y} Jahren.",
    ),
    "verdict_none": (
        "{model}: no successful runs, so no verdict.",
        "{model}: keine erfolgreichen Läufe, daher keine Aussage.",
    ),
    "table_note": (
        "Open at the end: share of simulated courses in which the facility is still open in the last year, with its 95 % range (Wilson interval, see the glossary). Cash shares are means over the simulated courses and count money only.",
        "Am Ende offen: Anteil der simulierten Verläufe, in denen die Einrichtung im letzten Jahr noch offen ist, mit 95-%-Bereich (Wilson-Intervall, siehe Glossar). Die Geldanteile sind Mittelwerte über die Verläufe und zählen nur Geld.",
    ),
    "downloads": (
        "The same numbers for spreadsheets:",
        "Dieselben Zahlen für Tabellenkalkulationen:",
    ),
    "all_runs": ("all runs", "alle Läufe"),
    # short column heads of the cash payers (soft hyphens let narrow columns break long words)
    "short_municipality": ("Town", "Stadt"),
    "short_programmes": ("Pro\u00adgrammes", "Förder\u00adprogramme"),
    "short_providers": ("Pro\u00adviders", "Träger"),
    "short_housing_company": ("Housing co\u00admpany", "Wohnungs\u00adunter\u00adnehmen"),
    "short_citizens": ("Citi\u00adzens", "Bürger\u00adschaft"),
    # --- failed runs
    "failed_head": ("Failed runs", "Fehlgeschlagene Läufe"),
    "failed_none": ("No run failed.", "Kein Lauf ist fehlgeschlagen."),
    "run_id": ("Run", "Lauf"),
    "seed": ("Random seed", "Startwert des Zufalls"),
    "error": ("Error", "Fehler"),
    # --- figures (titles, axes, captions; simulator/report/words_figures.py)
    **FIGURE_TEXT,
    # --- further analyses
    "extras_head": ("Further analyses of these results", "Weitere Auswertungen dieser Ergebnisse"),
    "extra_stress": ("Fiscal stress test", "Haushalts-Stresstest"),
    "extra_sensitivity": ("Sensitivity analysis", "Sensitivitätsanalyse"),
    "extra_discovery": ("Scenario discovery", "Suche nach kritischen Bedingungen"),
    "extra_from": ("From {path}.", "Aus {path}."),
    # --- assumptions and limits
    "assume_head": ("Assumptions and limits", "Annahmen und Grenzen"),
    "assume_intro": (
        "The scenario file {file} holds {n} numbers; {src} of them cite a source, {ass} are marked as assumptions, {cal} were fitted by a calibration. The key inputs:",
        "Die Szenariodatei {file} enthält {n} Zahlen; {src} davon nennen eine Quelle, {ass} sind als Annahme gekennzeichnet, {cal} wurden kalibriert. Die wichtigsten Eingaben:",
    ),
    "assume_missing": (
        "The scenario file {file} was not found, so its inputs cannot be listed.",
        "Die Szenariodatei {file} wurde nicht gefunden; ihre Eingaben können nicht aufgeführt werden.",
    ),
    "assume_input": ("Input", "Eingabe"),
    "assume_value": ("Value", "Wert"),
    "assume_basis": ("Basis", "Grundlage"),
    "assume_source": ("Source: {text}", "Quelle: {text}"),
    "assume_assumption": ("Assumption: {text}", "Annahme: {text}"),
    "assume_calibrated": ("Calibrated: {text}", "Kalibriert: {text}"),
    "assume_none": ("not stated", "nicht angegeben"),
    "assume_quoted": (
        "The basis of each value is quoted from the scenario file as written there.",
        "Die Grundlage jedes Werts ist wörtlich aus der Szenariodatei zitiert (dort auf Englisch).",
    ),
    "assume_overlays": (
        "The experiment changes some of these values through variants of the scenario: {names}.",
        "Das Experiment ändert einige dieser Werte über Varianten des Szenarios: {names}.",
    ),
    "limits_head": ("What the model cannot say", "Was das Modell nicht sagen kann"),
    "limit_forecast": (
        "It does not forecast. Each simulated course is one possible future under the scenario's assumptions; the shares say how often something happens among these courses, not how likely it is in reality.",
        "Es macht keine Vorhersage. Jeder simulierte Verlauf ist eine mögliche Zukunft unter den Annahmen des Szenarios; die Anteile sagen, wie oft etwas unter diesen Verläufen eintritt, nicht wie wahrscheinlich es in Wirklichkeit ist.",
    ),
    "limit_precision": (
        "With {n} simulated courses per model, a share such as “open at the end” is known to within about ±{pp} percentage points (95 % range).",
        "Mit {n} simulierten Verläufen je Modell ist ein Anteil wie „am Ende offen“ auf etwa ±{pp} Prozentpunkte genau (95-%-Bereich).",
    ),
    "limit_money": (
        "Amounts are in euros of the start year ({start}); the model has no inflation and no change in wages or rents beyond what the scenario states.",
        "Beträge sind Euro des Startjahres ({start}); das Modell kennt keine Inflation und keine Änderung von Löhnen oder Mieten über das hinaus, was das Szenario angibt.",
    ),
    "limit_politics": (
        "Political support is a simple index between 0 and 1 that rises with visible use and falls under budget consolidation; real council decisions depend on more than that.",
        "Der politische Rückhalt ist ein einfacher Index zwischen 0 und 1, der mit sichtbarer Nutzung steigt und in der Haushaltssicherung sinkt; echte Ratsentscheidungen hängen von mehr ab.",
    ),
    "limit_volunteers": (
        "Volunteers' time is valued at a replacement wage; it is not money the facility can spend.",
        "Die Zeit der Ehrenamtlichen wird mit einem Ersatzlohn bewertet; sie ist kein Geld, das die Einrichtung ausgeben kann.",
    ),
    "limit_assumptions": (
        "Numbers marked as assumptions were not found in the sources; results that hinge on them are only as good as these assumptions (a sensitivity analysis shows which of them matter).",
        "Als Annahme gekennzeichnete Zahlen wurden in den Quellen nicht gefunden; Ergebnisse, die von ihnen abhängen, sind nur so gut wie diese Annahmen (welche davon wichtig sind, zeigt eine Sensitivitätsanalyse).",
    ),
    "limit_demography": (
        "The demographic scenarios are possible paths, not forecasts: they span plausible developments of births, deaths and migration.",
        "Die demografischen Szenarien sind mögliche Pfade, keine Prognosen: Sie decken plausible Entwicklungen von Geburten, Sterbefällen und Wanderungen ab.",
    ),
    # --- glossary and footer
    "glossary_head": ("Glossary", "Glossar"),
    "provenance": (
        "Made on {date} with dewak {version} from the experiment “{name}” (results folder {path}; experiment fingerprint {hash}; program version {commit}).",
        "Erstellt am {date} mit dewak {version} aus dem Experiment „{name}“ (Ergebnisordner {path}; Fingerabdruck des Experiments {hash}; Programmstand {commit}).",
    ),
    "unknown": ("unknown", "unbekannt"),
    "changed": ("with local changes", "mit lokalen Änderungen"),
    # --- uncertainty and patterns (simulator/report/uncertainty.py, calibration.html.j2)
    "unc_head": ("Uncertainty and evidence", "Unsicherheit und Belege"),
    "unc_seeds_only": (
        "The ranges and bands in this report cover the model's randomness only (a different seed per simulated course). The parameters keep the scenario's values, so what we do not know about them is not in the bands.",
        "Die Bereiche und Bänder in diesem Bericht erfassen nur den Zufall im Modell (ein anderer Startwert je simuliertem Verlauf). Die Parameter behalten die Werte des Szenarios; was wir über sie nicht wissen, steckt daher nicht in den Bändern.",
    ),
    "unc_posterior": (
        "The ranges and bands in this report (the 95 % range of how long a model lasts, the survival curves' bands, the middle 90 % of room use, the tables by value) cover two kinds of uncertainty: the model's randomness and what we do not know about the calibrated parameters {params}. Each simulated course drew them from the posterior of {calibrations} ({draws} draws per combination).",
        "Die Bereiche und Bänder in diesem Bericht (der 95-%-Bereich der Lebensdauer, die Bänder der Überlebenskurven, die mittleren 90 % der Raumauslastung, die Tabellen nach Wert) erfassen zwei Arten von Unsicherheit: den Zufall im Modell und was wir über die kalibrierten Parameter {params} nicht wissen. Jeder simulierte Verlauf zog sie aus der Posterior-Verteilung von {calibrations} ({draws} Ziehungen je Kombination).",
    ),
    "pat_head": ("The runs against the patterns", "Die Verläufe im Vergleich mit den Mustern"),
    "pat_note": (
        "Each pattern is something observed elsewhere, with its source. A pattern is hit when the median over the simulated courses lies in its target interval. Calibration patterns may have been fitted; validation patterns never were, so their misses count against the model; consistency patterns hold by construction. All simulated courses of a town count, whatever the choices.",
        "Jedes Muster ist eine anderswo beobachtete Größe mit ihrer Quelle. Ein Muster gilt als getroffen, wenn der Median über die simulierten Verläufe in seinem Zielintervall liegt. Kalibrierungsmuster können angepasst worden sein, Validierungsmuster nie: ihre Verfehlungen sprechen gegen das Modell; Konsistenzmuster gelten schon durch die Konstruktion. Alle simulierten Verläufe einer Stadt zählen, gleich welche Entscheidung.",
    ),
    "pat_from": ("Patterns: {file}", "Muster: {file}"),
    "pat_error": (
        "The pattern table could not be made: {error}",
        "Die Mustertabelle konnte nicht erstellt werden: {error}",
    ),
    "pat_pattern": ("Pattern", "Muster"),
    "pat_role": ("Role", "Rolle"),
    "pat_target": ("Target", "Ziel"),
    "pat_model": ("Model: median (90 %)", "Modell: Median (90 %)"),
    "pat_verdict": ("Verdict", "Ergebnis"),
    "pat_source": ("Source", "Quelle"),
    "pat_hit": ("hit", "getroffen"),
    "pat_miss": ("missed", "verfehlt"),
    "pat_none": ("no value", "kein Wert"),
}
