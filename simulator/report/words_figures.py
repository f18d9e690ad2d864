"""The words of the report's figures section: titles, axes, captions and the text beside them.

key -> (English, German), the same rules as :mod:`simulator.report.words`, which merges this
table into :data:`~simulator.report.words.TEXT` in place; look sentences up there.
"""

from __future__ import annotations

FIGURE_TEXT: dict[str, tuple[str, str]] = {
    "figures_head": ("Figures", "Abbildungen"),
    "skipped": ("Not shown: {why}", "Nicht gezeigt: {why}"),
    "year": ("Year", "Jahr"),
    "years_since_start": ("Years since opening", "Jahre seit Eröffnung"),
    "f_survival_title": (
        "How long the facility stays open",
        "Wie lange die Einrichtung offen bleibt",
    ),
    "f_survival_y": ("Still open (% of courses)", "Noch offen (% der Verläufe)"),
    "f_survival_cap": (
        "Each line starts at 100 % on opening day and drops each time a facility under that model closes; the shaded band is the 95 % range of this estimate (Kaplan–Meier curve, see the glossary).",
        "Jede Linie beginnt am Eröffnungstag bei 100 % und fällt, sobald eine Einrichtung mit diesem Modell schließt; das schattierte Band ist der 95-%-Bereich dieser Schätzung (Kaplan-Meier-Kurve, siehe Glossar).",
    ),
    "f_util_title": ("Room use over time", "Raumauslastung im Zeitverlauf"),
    "f_util_y": ("Booked share of room-hours", "Gebuchter Anteil der Raumstunden"),
    "f_util_cap": (
        "Line: median over the simulated courses in which the facility is open that year (drawn while at least {n} are); band: the middle 90 % of them. The dotted line at 45 % marks very good use (benchmark from an audit of Hessian community centres).",
        "Linie: Median über die Verläufe, in denen die Einrichtung in diesem Jahr offen ist (gezeichnet, solange es mindestens {n} sind); Band: die mittleren 90 % davon. Die gepunktete Linie bei 45 % markiert eine sehr gute Auslastung (Vergleichswert aus einer Prüfung hessischer Bürgerhäuser).",
    ),
    "f_money_title": ("Who pays, in euros per year", "Wer zahlt, in Euro pro Jahr"),
    "f_money_x": ("Cash per year while open (€)", "Geld pro Jahr, solange offen (€)"),
    "f_money_kind_x": ("In kind (€): time, rent waived", "Sachleistungen (€): Zeit, Miete"),
    "f_money_cap": (
        "Left: one bar per organisation model; its parts are what each payer gives in cash per year while the facility is open (mean over the simulated courses, set-up apart). Right, hatched: what is given in kind — volunteers' time valued in euros and rent the housing company waives. It is not money, so it stands beside the cash, not inside it.",
        "Links: ein Balken je Organisationsmodell; seine Teile zeigen, was jeder Zahler pro Jahr in Geld beiträgt, solange die Einrichtung offen ist (Mittel über die Verläufe, ohne die Einrichtung). Rechts, schraffiert: Sachleistungen — die Arbeit der Ehrenamtlichen, in Euro bewertet, und Miete, die die Wohnungsgesellschaft erlässt. Sie sind kein Geld und stehen deshalb neben dem Geld, nicht darin.",
    ),
    "decomp_head": ("Organisation or money?", "Organisation oder Geld?"),
    "decomp_text": (
        "Of the differences in how long the facility stays open between the simulated courses, the organisation model accounts for {model}, the {lever} for {lever_part}, the two together (one model doing better with one mix) for {both}; the rest, {rest}, comes from chance and the demographic scenarios.",
        "Von den Unterschieden darin, wie lange die Einrichtung offen bleibt, erklärt das Organisationsmodell {model}, der {lever} {lever_part} und beide zusammen (ein Modell, das mit einem Mix besser fährt) {both}; der Rest, {rest}, kommt vom Zufall und den demografischen Szenarien.",
    ),
    "decomp_none": (
        "The simulated courses do not differ in how long the facility stays open, so there is nothing to split.",
        "Die simulierten Verläufe unterscheiden sich nicht darin, wie lange die Einrichtung offen bleibt; es gibt nichts aufzuteilen.",
    ),
    "decomp_all": ("All", "Alle"),
    "decomp_note": (
        "Cells: share of the simulated courses still open at the end. A two-way analysis of variance of the years open (type II sums of squares) splits the differences; the organisation model changes only who runs the facility, decides on it and covers a gap, the financing mix only the money, both on the town's own financing base.",
        "Zellen: Anteil der simulierten Verläufe, in denen die Einrichtung am Ende noch offen ist. Eine zweifaktorielle Varianzanalyse der offenen Jahre (Quadratsummen vom Typ II) teilt die Unterschiede auf; das Organisationsmodell ändert nur, wer die Einrichtung führt, über sie entscheidet und eine Lücke deckt, der Finanzierungsmix nur das Geld, beide auf der Finanzierungsgrundlage der Stadt.",
    ),
    "f_budget_title": (
        "The grant in the town's budget",
        "Der Zuschuss im Haushalt der Stadt",
    ),
    "f_budget_y_share": ("Grant, % of voluntary spending", "Zuschuss, % der freiwilligen Ausgaben"),
    "f_budget_y_cut": (
        "Courses in which the plan cuts it",
        "Verläufe, in denen der Plan ihn kürzt",
    ),
    "f_budget_cap": (
        "Top: the facility's grant as a share of the town's voluntary spending, per year (median over the simulated courses in which it is open). Bottom: the share of courses in which the town's consolidation plan (HSK) cuts the facility's grant that year. The lines lie on top of each other where the plan is the town's alone: the grant is too small to change the town's budget, so the organisation model does not decide whether the town consolidates.",
        "Oben: der Zuschuss für die Einrichtung als Anteil an den freiwilligen Ausgaben der Stadt, je Jahr (Median über die Verläufe, in denen sie offen ist). Unten: der Anteil der Verläufe, in denen das Haushaltssicherungskonzept (HSK) der Stadt den Zuschuss in diesem Jahr kürzt. Die Linien liegen übereinander, wo der Plan allein Sache der Stadt ist: Der Zuschuss ist zu klein, um den Haushalt der Stadt zu verändern, deshalb entscheidet das Organisationsmodell nicht darüber, ob die Stadt konsolidiert.",
    ),
    "budget_cut_alike": (
        "The town's consolidation plan cuts the facility's grant in {p} of the simulated years, under every option alike: that is the town's budget, not the way the facility is run.",
        "Das Haushaltssicherungskonzept der Stadt kürzt den Zuschuss in {p} der simulierten Jahre, bei jeder Option gleich: Das liegt am Haushalt der Stadt, nicht daran, wie die Einrichtung geführt wird.",
    ),
    "budget_cut_differs": (
        "The town's consolidation plan cuts the facility's grant in {p} of the simulated years; how often differs between the options (figure 4).",
        "Das Haushaltssicherungskonzept der Stadt kürzt den Zuschuss in {p} der simulierten Jahre; wie oft, unterscheidet sich zwischen den Optionen (Abbildung 4).",
    ),
    "budget_of_plan": (
        "In the years in which the plan must save, the grant is {q} of the savings it needs.",
        "In den Jahren, in denen der Plan sparen muss, macht der Zuschuss {q} der nötigen Einsparungen aus.",
    ),
    "f_reach_title": ("Reach by target group", "Reichweite nach Zielgruppe"),
    "f_reach_y": (
        "Visited within 12 months (% of group)",
        "Binnen 12 Monaten da gewesen (% der Gruppe)",
    ),
    "f_reach_cap": (
        "Share of each group's residents who visited the facility within a year, averaged over the years in which it is open; a higher bar means the model reaches more people of that group.",
        "Anteil der Einwohnerinnen und Einwohner jeder Gruppe, die binnen eines Jahres in der Einrichtung waren, gemittelt über die Jahre, in denen sie offen ist; ein höherer Balken heißt, das Modell erreicht mehr Menschen dieser Gruppe.",
    ),
    "f_heat_title": (
        "Still open at the end, by {x} and {y}",
        "Am Ende noch offen, nach {x} und {y}",
    ),
    "f_heat_title_any": (
        "Still open at the end, by two uncertain conditions",
        "Am Ende noch offen, nach zwei unsicheren Bedingungen",
    ),
    "f_heat_cbar": ("Open at the end (% of courses)", "Am Ende offen (% der Verläufe)"),
    "f_heat_cap": (
        "Each cell is the share of simulated courses under these two conditions in which the facility is still open at the end; dark cells show the conditions under which the model fails.",
        "Jede Zelle zeigt den Anteil der Verläufe unter diesen beiden Bedingungen, in denen die Einrichtung am Ende noch offen ist; dunkle Zellen zeigen, unter welchen Bedingungen das Modell scheitert.",
    ),
    "f_heat_skip": (
        "the experiment varies fewer than two uncertain conditions ({names}), so there is no map over two of them.",
        "das Experiment variiert weniger als zwei unsichere Bedingungen ({names}), daher gibt es keine Karte über zwei Bedingungen.",
    ),
    "f_pyr_title": (
        "Population by age at the start and at the end",
        "Bevölkerung nach Alter zu Beginn und am Ende",
    ),
    "f_pyr_x": ("Residents per 5-year age band", "Einwohner je Altersgruppe von 5 Jahren"),
    "f_pyr_y": ("Age", "Alter"),
    "f_pyr_cap": (
        "Outline: residents in {start}; filled bars: in {end}. Men left, women right. For each demographic scenario one stored course is simulated again (run {runs}); the wider the top, the older the town.",
        "Umriss: Einwohnerinnen und Einwohner {start}; gefüllte Balken: {end}. Männer links, Frauen rechts. Für jedes demografische Szenario wird ein gespeicherter Verlauf neu gerechnet (Lauf {runs}); je breiter die Pyramide oben, desto älter die Stadt.",
    ),
    "f_pyr_skip": (
        "population pyramids were switched off (--no-pyramid).",
        "die Bevölkerungspyramiden wurden abgeschaltet (--no-pyramid).",
    ),
    "f_pyr_mismatch": (
        "Note: the new calculation of run {run_id} ends with {got} residents, the stored run with {want}; the model or the scenario has changed since the experiment.",
        "Hinweis: Die Neuberechnung von Lauf {run_id} endet mit {got} Einwohnern, der gespeicherte Lauf mit {want}; Modell oder Szenario haben sich seit dem Experiment geändert.",
    ),
    "start": ("start", "Beginn"),
    "horizon": ("end", "Ende"),
    "men": ("men", "Männer"),
    "women": ("women", "Frauen"),
    "no_ok_runs": ("there are no successful runs.", "es gibt keine erfolgreichen Läufe."),
}
