"""Display names of values found in the results, and the report's glossary (English, German).

Anything not listed in :data:`NAMES` is shown as written (a user's own lever name, say).
"""

from __future__ import annotations

#: value -> (English, German): organisation models, overlays, payers, groups, towns, designs.
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
    "municipality": ("Town", "Stadt"),
    "programmes": ("Funding programmes", "Förderprogramme"),
    "providers": ("Providers", "Träger"),
    "housing_company": ("Housing company", "Wohnungsunternehmen"),
    "citizens": ("Citizens", "Bürgerschaft"),
    "volunteers": ("Volunteers' time", "Ehrenamtliche Arbeit"),
    "seniors": ("Seniors 65+", "Ältere ab 65"),
    "families": ("Families", "Familien"),
    "migrants": ("Migrants", "Zugewanderte"),
    "low_income": ("Low income", "Geringes Einkommen"),
    "youth": ("Youth", "Jugendliche"),
    "herten_integration_centre": ("Herten", "Herten"),
    "wetter_buergertreff": ("Wetter (Ruhr)", "Wetter (Ruhr)"),
    "full_factorial": ("all value combinations", "vollständig kombiniert"),
    "latin_hypercube": ("a Latin hypercube sample", "eine Latin-Hypercube-Stichprobe"),
    "sobol": ("a Sobol sample", "eine Sobol-Stichprobe"),
    "posterior": (
        "all value combinations x draws of calibrated parameters",
        "vollständig kombiniert x Ziehungen kalibrierter Parameter",
    ),
    "organisation": ("Organisation model", "Organisationsmodell"),
    "demography": ("Demographic scenario", "Demografisches Szenario"),
    "finance": ("Financial variant", "Finanzvariante"),
    "financing": ("Financing mix", "Finanzierungsmix"),
    "mix_as_planned": ("As planned", "Wie geplant"),
    "mix_deficit_cover": ("Town covers the gap", "Stadt deckt die Lücke"),
    "mix_coproduction": ("Co-production", "Koproduktion"),
}

#: (term, explanation) pairs, English and German, in reading order.
GLOSSARY: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = (
    (
        (
            "Simulated course",
            "One run of the model over the whole period: one possible future of the town and the facility, with its own random events (who visits, who volunteers, how elections go).",
        ),
        (
            "Simulierter Verlauf",
            "Ein Durchlauf des Modells über den ganzen Zeitraum: eine mögliche Zukunft der Stadt und der Einrichtung mit eigenen Zufallsereignissen (wer kommt, wer sich engagiert, wie Wahlen ausgehen).",
        ),
    ),
    (
        (
            "Organisation model",
            "Who runs the facility and who carries a deficit: the town, one provider, a network of providers, a citizens' association, a cooperative or the housing company.",
        ),
        (
            "Organisationsmodell",
            "Wer die Einrichtung betreibt und wer ein Defizit trägt: die Stadt, ein Träger, ein Trägerverbund, ein Bürgerverein, eine Genossenschaft oder das Wohnungsunternehmen.",
        ),
    ),
    (
        (
            "Choice (lever)",
            "Something the town or its partners decide, such as the organisation model or the staff. The report compares the values of each choice side by side.",
        ),
        (
            "Entscheidung (Stellschraube)",
            "Etwas, das die Stadt oder ihre Partner entscheiden, etwa das Organisationsmodell oder das Personal. Der Bericht stellt die Werte jeder Entscheidung nebeneinander.",
        ),
    ),
    (
        (
            "Uncertain condition",
            "Something nobody decides, such as how the population develops. The experiment tries several values and the report averages over them unless a figure splits by them.",
        ),
        (
            "Unsichere Bedingung",
            "Etwas, das niemand entscheidet, etwa wie sich die Bevölkerung entwickelt. Das Experiment probiert mehrere Werte aus; der Bericht mittelt darüber, wenn eine Abbildung nicht danach aufteilt.",
        ),
    ),
    (
        ("Open at the end", "The facility is still open in the last simulated year."),
        ("Am Ende offen", "Die Einrichtung ist im letzten simulierten Jahr noch offen."),
    ),
    (
        (
            "95 % range (Wilson interval)",
            "With a limited number of simulated courses, a share is an estimate. The range says where the true share lies with 95 % confidence; Wilson's method also works for shares near 0 % or 100 %.",
        ),
        (
            "95-%-Bereich (Wilson-Intervall)",
            "Bei einer begrenzten Zahl simulierter Verläufe ist ein Anteil eine Schätzung. Der Bereich gibt an, wo der wahre Anteil mit 95 % Sicherheit liegt; Wilsons Verfahren funktioniert auch für Anteile nahe 0 % oder 100 %.",
        ),
    ),
    (
        (
            "Survival curve (Kaplan–Meier)",
            "The share of facilities still open after each year since opening. Kaplan and Meier's method counts a facility that is still open at the end as open for as long as it was observed.",
        ),
        (
            "Überlebenskurve (Kaplan-Meier)",
            "Der Anteil der Einrichtungen, die nach jedem Jahr seit der Eröffnung noch offen sind. Das Verfahren von Kaplan und Meier zählt eine Einrichtung, die am Ende noch offen ist, als offen für die ganze beobachtete Zeit.",
        ),
    ),
    (
        ("Median", "The middle value: half of the simulated courses lie below it, half above."),
        (
            "Median",
            "Der mittlere Wert: Die Hälfte der simulierten Verläufe liegt darunter, die Hälfte darüber.",
        ),
    ),
    (
        (
            "Room use",
            "Booked room-hours divided by the room-hours available while the facility is open.",
        ),
        (
            "Raumauslastung",
            "Gebuchte Raumstunden geteilt durch die verfügbaren Raumstunden, solange die Einrichtung offen ist.",
        ),
    ),
    (
        (
            "Voluntary spending",
            "What the town spends on tasks it is not obliged to fulfil (freiwillige Leistungen: culture, sport, meeting places). They are cut first when the budget is under consolidation.",
        ),
        (
            "Freiwillige Ausgaben",
            "Was die Stadt für Aufgaben ausgibt, zu denen sie nicht verpflichtet ist (freiwillige Leistungen: Kultur, Sport, Treffpunkte). Sie werden zuerst gekürzt, wenn der Haushalt gesichert werden muss.",
        ),
    ),
    (
        (
            "Budget consolidation (HSK)",
            "A town whose budget does not balance must adopt a consolidation plan (Haushaltssicherungskonzept, § 76 GO NRW) and cut spending.",
        ),
        (
            "Haushaltssicherung (HSK)",
            "Eine Stadt, deren Haushalt nicht ausgeglichen ist, muss ein Haushaltssicherungskonzept aufstellen (§ 76 GO NRW) und Ausgaben kürzen.",
        ),
    ),
    (
        (
            "Cash and in kind",
            "Cash is money paid to the facility. In kind is a contribution in work or goods, here volunteers' hours valued at a replacement wage.",
        ),
        (
            "Geld und Sachleistung",
            "Geld wird an die Einrichtung gezahlt. Eine Sachleistung ist ein Beitrag in Arbeit oder Gütern, hier die Stunden der Ehrenamtlichen, bewertet mit einem Ersatzlohn.",
        ),
    ),
    (
        (
            "Random seed",
            "The starting number of the model's random numbers. The same seed gives exactly the same simulated course again.",
        ),
        (
            "Startwert des Zufalls",
            "Die Startzahl der Zufallszahlen des Modells. Derselbe Startwert ergibt genau denselben simulierten Verlauf wieder.",
        ),
    ),
    (
        (
            "Experiment fingerprint",
            "A short code computed from the experiment file (a hash). If the file changes, the code changes, so two reports with the same code come from the same experiment.",
        ),
        (
            "Fingerabdruck des Experiments",
            "Ein kurzer Code, der aus der Experimentdatei berechnet wird (ein Hash). Ändert sich die Datei, ändert sich der Code; zwei Berichte mit demselben Code stammen aus demselben Experiment.",
        ),
    ),
    (
        (
            "Program version",
            "The version of the simulator's code that made the results (a git commit). “With local changes” means the code differed from that version.",
        ),
        (
            "Programmstand",
            "Die Version des Simulator-Codes, mit der die Ergebnisse entstanden sind (ein Git-Commit). „Mit lokalen Änderungen“ heißt, der Code wich von dieser Version ab.",
        ),
    ),
)
