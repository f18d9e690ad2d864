"""Every word the report shows, in English and German: one table, one code path.

``Text(lang)`` looks a key up in :data:`TEXT` and fills in ``{placeholders}``; names of
organisation models, overlays, cost categories and target groups come from :data:`NAMES`
(anything not listed is shown as written). Numbers are formatted the way each language writes
them (``87%`` / ``87 %``, ``1,234.5`` / ``1.234,5``, ``€12`` / ``12 €``).
"""

from __future__ import annotations

LANGS = ("en", "de")

#: key -> (English, German). Placeholders in braces are filled by :meth:`Text.__call__`.
TEXT: dict[str, tuple[str, str]] = {
    "doc_title": (
        "Which organisation model lasts? Report on sweep {name}",
        "Welches Organisationsmodell trägt? Bericht zum Experiment {name}",
    ),
    "lead": (
        "{n_ok} simulated futures of {towns}, {years} years each ({start}–{end}); {design}.",
        "{n_ok} simulierte Zukünfte für {towns}, je {years} Jahre ({start}–{end}); {design}.",
    ),
    "design": (
        "{kind} design, {samples} sample points × {reps} replications",
        "Versuchsplan {kind}, {samples} Stichprobenpunkte × {reps} Wiederholungen",
    ),
    "summary": ("Summary", "Zusammenfassung"),
    "headline_best": (
        "Longest-lasting: {model} (open at the horizon in {p} of its futures).",
        "Am längsten trägt: {model} (am Ende noch offen in {p} seiner Zukünfte).",
    ),
    "headline_cheap": (
        "Lowest municipal cost per visit: {model} ({eur}).",
        "Geringste kommunale Kosten je Besuch: {model} ({eur}).",
    ),
    "town": ("Town", "Stadt"),
    "model": ("Organisation model", "Organisationsmodell"),
    "runs": ("Futures", "Zukünfte"),
    "survival": ("Open at horizon (95% interval)", "Am Ende offen (95-%-Intervall)"),
    "median_years": ("Median years open", "Median Jahre offen"),
    "mean_util": ("Mean utilisation", "Mittlere Auslastung"),
    "cost_per_visit": ("Municipal cost per visit (median)", "Kommunale Kosten je Besuch (Median)"),
    "verdict": ("Verdict", "Fazit"),
    "verdict_text": (
        "{model}: survives in {p} of futures ({lo}–{hi}); the municipality pays {m} of the cost, {eur} per visit.",
        "{model}: überlebt in {p} der Zukünfte ({lo}–{hi}); die Kommune trägt {m} der Kosten, {eur} je Besuch.",
    ),
    "verdict_close": (
        " Where it closes, it closes after a median of {y} years.",
        " Wo sie schließt, schließt sie nach im Median {y} Jahren.",
    ),
    "verdict_none": (
        "{model}: no successful runs, no verdict.",
        "{model}: keine erfolgreichen Läufe, kein Fazit.",
    ),
    "short_municipality": ("Town", "Kommune"),
    "short_programmes": ("Programmes", "Förderung"),
    "short_providers": ("Providers", "Träger"),
    "short_housing_company": ("Housing co.", "Wohnungsges."),
    "short_citizens": ("Citizens (cash)", "Bürger (Geld)"),
    "short_volunteers": ("Volunteers (time)", "Ehrenamt (Zeit)"),
    "cost_shares_head": ("Who pays (share of all cost)", "Wer zahlt (Anteil an allen Kosten)"),
    "table_note": (
        "Survival: share of futures in which the facility is still open at the horizon, with a 95% Wilson interval. Cost shares are means over futures and include volunteers' time valued at a replacement wage.",
        "Überleben: Anteil der Zukünfte, in denen die Einrichtung am Ende noch offen ist, mit 95-%-Wilson-Intervall. Kostenanteile sind Mittelwerte über die Zukünfte und enthalten die Zeit der Ehrenamtlichen zu einem Ersatzlohn.",
    ),
    "failed_head": ("Failed runs", "Fehlgeschlagene Läufe"),
    "failed_none": ("No run failed.", "Kein Lauf ist fehlgeschlagen."),
    "failed_some": (
        "{n} of {total} runs failed; they are left out of every number and figure above and listed here.",
        "{n} von {total} Läufen sind fehlgeschlagen; sie fehlen in allen Zahlen und Abbildungen oben und sind hier aufgeführt.",
    ),
    "run_id": ("Run", "Lauf"),
    "seed": ("Seed", "Seed"),
    "error": ("Error", "Fehler"),
    "incomplete": (
        "This sweep is not finished: {done} of {total} runs are stored. The report shows those.",
        "Dieses Experiment ist nicht fertig: {done} von {total} Läufen liegen vor. Der Bericht zeigt diese.",
    ),
    "figures_head": ("Figures", "Abbildungen"),
    "skipped": ("Not shown: {why}", "Nicht gezeigt: {why}"),
    "provenance": (
        "Results folder {path}; experiment hash {hash}; git {commit}; report written {when}.",
        "Ergebnisordner {path}; Experiment-Hash {hash}; Git {commit}; Bericht erstellt {when}.",
    ),
    "all_runs": ("all runs", "alle Läufe"),
    "year": ("Year", "Jahr"),
    "years_since_start": ("Years since opening", "Jahre seit Eröffnung"),
    # 1 survival
    "f_survival_title": (
        "Survival: share of futures with the facility still open",
        "Überleben: Anteil der Zukünfte, in denen die Einrichtung noch offen ist",
    ),
    "f_survival_y": ("Still open (% of futures)", "Noch offen (% der Zukünfte)"),
    "f_survival_cap": (
        "Each line starts at 100% on opening day and drops when facilities under that model close; the band is the 95% confidence interval (Kaplan–Meier).",
        "Jede Linie beginnt am Eröffnungstag bei 100 % und fällt, wenn Einrichtungen dieses Modells schließen; das Band ist das 95-%-Konfidenzintervall (Kaplan–Meier).",
    ),
    # 2 utilisation
    "f_util_title": ("Utilisation over time", "Auslastung im Zeitverlauf"),
    "f_util_y": ("Booked share of room-hours (%)", "Gebuchter Anteil der Raumstunden (%)"),
    "f_util_cap": (
        "Line: median over the futures in which the facility is still open that year (drawn while at least {n} are); band: the middle 90% of them. The dotted line at 45% marks very good use.",
        "Linie: Median über die Zukünfte, in denen die Einrichtung in dem Jahr noch offen ist (gezeichnet, solange es mindestens {n} sind); Band: die mittleren 90 % davon. Die gepunktete Linie bei 45 % markiert sehr gute Auslastung.",
    ),
    # 3 cost shares
    "f_cost_title": (
        "Who pays: cost shares over the whole horizon",
        "Wer zahlt: Kostenanteile über den ganzen Zeitraum",
    ),
    "f_cost_x": ("Share of all cost (%)", "Anteil an allen Kosten (%)"),
    "f_cost_cap": (
        "Each bar is one organisation model and adds up to 100% of what the facility cost, volunteers' time included; the longer a colour, the more that payer carries.",
        "Jeder Balken ist ein Organisationsmodell und ergibt 100 % der Kosten der Einrichtung, Ehrenamtszeit eingeschlossen; je länger eine Farbe, desto mehr trägt dieser Zahler.",
    ),
    # 4 municipal burden
    "f_burden_title": (
        "Municipal burden: facility grant against budget consolidation",
        "Kommunale Last: Zuschuss für die Einrichtung und Haushaltssicherung",
    ),
    "f_burden_x": (
        "Years under budget consolidation (HSK)",
        "Jahre in der Haushaltssicherung (HSK)",
    ),
    "f_burden_y": (
        "Facility grant, % of voluntary spending",
        "Zuschuss, % der freiwilligen Ausgaben",
    ),
    "f_burden_cap": (
        "Each dot is one future: further right means more years of budget consolidation, higher means the facility takes a larger slice of the town's voluntary spending.",
        "Jeder Punkt ist eine Zukunft: weiter rechts heißt mehr Jahre Haushaltssicherung, weiter oben ein größerer Teil der freiwilligen Ausgaben der Stadt für die Einrichtung.",
    ),
    # 5 reach
    "f_reach_title": ("Reach by target group", "Reichweite nach Zielgruppe"),
    "f_reach_y": (
        "Visited in the last 12 months (% of group)",
        "In den letzten 12 Monaten dagewesen (% der Gruppe)",
    ),
    "f_reach_cap": (
        "Share of each group's residents who visited the facility within a year, averaged over the years it was open; higher bars mean the model reaches more of that group.",
        "Anteil der Bewohnerinnen und Bewohner jeder Gruppe, die binnen eines Jahres da waren, gemittelt über die offenen Jahre; höhere Balken heißen, das Modell erreicht mehr von dieser Gruppe.",
    ),
    # 6 heatmap
    "f_heat_title": ("Survival over {x} and {y}", "Überleben nach {x} und {y}"),
    "f_heat_title_any": ("Survival over two uncertainties", "Überleben nach zwei Unsicherheiten"),
    "f_heat_cbar": ("Open at horizon (% of futures)", "Am Ende offen (% der Zukünfte)"),
    "f_heat_cap": (
        "Each cell is the share of futures with these two conditions in which the facility is still open at the horizon; dark cells are the conditions under which the model fails.",
        "Jede Zelle ist der Anteil der Zukünfte mit diesen beiden Bedingungen, in denen die Einrichtung am Ende noch offen ist; dunkle Zellen zeigen, wann das Modell scheitert.",
    ),
    "f_heat_skip": (
        "the sweep varies fewer than two uncertainties ({names}), so there is no two-way map.",
        "das Experiment variiert weniger als zwei Unsicherheiten ({names}), daher gibt es keine zweidimensionale Karte.",
    ),
    # 7 pyramid
    "f_pyr_title": (
        "Population by age at start and horizon",
        "Bevölkerung nach Alter zu Beginn und am Ende",
    ),
    "f_pyr_x": (
        "Residents per 5-year age band",
        "Einwohner je 5-Jahres-Altersgruppe",
    ),
    "f_pyr_y": ("Age", "Alter"),
    "f_pyr_cap": (
        "Outline: residents in {start}; filled bars: in {end}. Men left, women right; one stored run per demographic scenario, re-run (run {runs}); a wider top means an older town.",
        "Umriss: Einwohner {start}; gefüllte Balken: {end}. Männer links, Frauen rechts; je ein gespeicherter Lauf pro demografischem Szenario, neu gerechnet (Lauf {runs}); ein breiteres oberes Ende heißt eine ältere Stadt.",
    ),
    "f_pyr_skip": (
        "population pyramids were switched off (--no-pyramid).",
        "Bevölkerungspyramiden wurden abgeschaltet (--no-pyramid).",
    ),
    "f_pyr_mismatch": (
        "Note: the re-run of run {run} ends with {got} residents, the stored run with {want}; the model or scenario changed since the sweep.",
        "Hinweis: Die Neuberechnung von Lauf {run} endet mit {got} Einwohnern, der gespeicherte Lauf mit {want}; Modell oder Szenario haben sich seit dem Experiment geändert.",
    ),
    "start": ("start", "Beginn"),
    "horizon": ("horizon", "Ende"),
    "men": ("men", "Männer"),
    "women": ("women", "Frauen"),
    "no_ok_runs": ("there are no successful runs.", "es gibt keine erfolgreichen Läufe."),
    "extras_head": (
        "Further analyses found with these results",
        "Weitere Auswertungen zu diesen Ergebnissen",
    ),
    "extra_stress": ("Fiscal stress test", "Fiskalischer Stresstest"),
    "extra_sensitivity": ("Sensitivity analysis", "Sensitivitätsanalyse"),
    "extra_discovery": ("Scenario discovery", "Szenarioerkennung"),
    "extra_from": ("From {path}.", "Aus {path}."),
}

#: Display names of values found in the results (models, overlays, payers, groups).
NAMES: dict[str, tuple[str, str]] = {
    "municipal": ("Municipal", "Kommunal"),
    "single_provider": ("Single provider", "Einzelner Träger"),
    "provider_network": ("Provider network", "Trägerverbund"),
    "citizen_association": ("Citizens' association", "Bürgerverein"),
    "cooperative": ("Cooperative", "Genossenschaft"),
    "housing_company_led": ("Housing company", "Wohnungsunternehmen"),
    "baseline": ("Baseline", "Basis"),
    "ageing": ("Ageing", "Alterung"),
    "migration_influx": ("Migration influx", "Zuwanderung"),
    "shrinking": ("Shrinking", "Schrumpfung"),
    "fiscal_stress": ("Fiscal stress", "Haushaltskrise"),
    "funding_cliff": ("Funding cliff", "Förderende"),
    "municipality": ("Municipality", "Kommune"),
    "programmes": ("External programmes", "Förderprogramme"),
    "providers": ("Providers", "Träger"),
    "housing_company": ("Housing company", "Wohnungsunternehmen"),
    "citizens": ("Citizens' cash", "Bürger (Geld)"),
    "volunteers": ("Volunteers' time", "Ehrenamt (Zeit)"),
    "seniors": ("Seniors 65+", "Senioren 65+"),
    "families": ("Families", "Familien"),
    "migrants": ("Migrants", "Zugewanderte"),
    "low_income": ("Low income", "Geringes Einkommen"),
    "youth": ("Youth", "Jugendliche"),
    "herten_integration_centre": ("Herten", "Herten"),
    "wetter_buergertreff": ("Wetter (Ruhr)", "Wetter (Ruhr)"),
    "full_factorial": ("full factorial", "vollfaktoriell"),
    "latin_hypercube": ("Latin hypercube", "Latin Hypercube"),
    "sobol": ("Sobol'", "Sobol'"),
}


class Text:
    """Words and number formats of one language.

    Args:
        lang: ``en`` or ``de``.
    """

    def __init__(self, lang: str = "en"):
        if lang not in LANGS:
            raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
        self.lang = lang
        self._i = LANGS.index(lang)

    def __call__(self, key: str, **values: object) -> str:
        """The text for ``key`` with ``{placeholders}`` filled in."""
        return TEXT[key][self._i].format(**values)

    def name(self, value: object) -> str:
        """Display name of a value from the results (``org_`` prefixes dropped)."""
        text = str(value)
        key = text.removeprefix("org_")
        return NAMES[key][self._i] if key in NAMES else text

    def num(self, value: float, digits: int = 0) -> str:
        """A number with thousands separators in this language's style."""
        text = f"{value:,.{digits}f}"
        if self.lang == "de":
            text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return text

    def pct(self, share: float, digits: int = 0) -> str:
        """A share (0..1) as a percentage: ``87%`` or ``87 %``."""
        return self.num(100.0 * share, digits) + ("%" if self.lang == "en" else " %")

    def eur(self, value: float) -> str:
        """An amount in euros, with cents below 100 euros."""
        text = self.num(value, 2 if abs(value) < 100 else 0)
        return f"€{text}" if self.lang == "en" else f"{text} €"
