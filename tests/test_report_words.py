"""The report's German reads as German: the wording rules of issue #15, checked on every text and
on a rendered German report (the small sweep of ``test_report.py``)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from simulator.report.i18n import Text
from simulator.report.names import GLOSSARY, NAMES
from simulator.report.words import TEXT
from tests.test_report import make_small_sweep

#: English words that must not stand inside a German sentence.
ENGLISH = re.compile(
    r"\b(the|of|and|with|per|is|are|future|futures|survival|sample|points?|horizon|share|"
    r"runs?|sweep|cost|town|model)\b",
    re.IGNORECASE,
)
#: Phrases the issue names as awkward or wrong.
BANNED = ("Zukünfte", "Wo sie schließt, schließt sie", "Stichprobenpunkt", "im Median {y}")


def german_texts() -> list[str]:
    texts = [de for _en, de in TEXT.values()] + [de for _en, de in NAMES.values()]
    return texts + [f"{term} {text}" for _en, (term, text) in GLOSSARY]


@pytest.mark.parametrize("banned", BANNED)
def test_no_german_text_uses_the_phrases_the_issue_names(banned):
    assert not [t for t in german_texts() if banned in t]


def test_no_english_word_inside_a_german_text():
    found = {t: ENGLISH.findall(re.sub(r"\{\w+\}|--[\w-]+", "", t)) for t in german_texts()}
    assert {t: words for t, words in found.items() if words} == {}


def test_the_simulated_runs_are_called_simulierte_verlaeufe():
    assert TEXT["runs"][1] == "Simulierte Verläufe"
    assert sum("Verläuf" in t for t in german_texts()) >= 10


def test_one_number_format_per_language():
    en, de = Text("en"), Text("de")
    assert (en.pct(0.025, 1), de.pct(0.025, 1)) == ("2.5%", "2,5\u00a0%")
    assert (en.num(12345.6, 1), de.num(12345.6, 1)) == ("12,345.6", "12.345,6")
    assert (en.eur(12345.4), de.eur(12345.4)) == ("€12,345", "12.345\u00a0€")
    assert en.axis_pct(1)(0.025, 0) == en.pct(0.025, 1)
    assert de.axis_pct(1)(0.025, 0) == "2,5\u00a0%"


class Visible(HTMLParser):
    """The page's visible text, without quoted scenario notes, code and the footer's paths."""

    SKIP = {"style", "q", "code", "footer", "title"}

    def __init__(self):
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        self.depth += tag in self.SKIP

    def handle_endtag(self, tag):
        self.depth -= tag in self.SKIP

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    from simulator.report import build_report

    sweep = make_small_sweep(tmp_path_factory.mktemp("words"))
    return build_report(sweep, lang="de", pyramid=False)


def test_the_german_report_has_no_english_words_and_german_numbers(german):
    parser = Visible()
    parser.feed(german.path.read_text())
    text = " ".join(parser.parts)
    assert "Zukünfte" not in text and "Auf einen Blick" in text
    # the failed run's error text and the lever name 'support' come from the user, not from us
    text = text.replace("injected failure for the report test", "").replace("support", "")
    assert ENGLISH.findall(text) == []
    assert not re.search(r"\d%", text), "German writes a space before %"
    assert not re.search(r"\d\.\d+\s?%", text), "German writes a decimal comma"


def test_german_figures_label_their_axes_in_german_format(german):
    fig1 = next(f for f in german.figures if f.key == "fig1_survival")
    ticks = [t.get_text() for t in fig1.fig.axes[0].get_yticklabels()]
    assert "100\u00a0%" in ticks and all("%" not in t or "\u00a0%" in t for t in ticks)
