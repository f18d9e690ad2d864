"""Words and number formats of one language: ``Text(lang)``.

``Text(lang)(key, **values)`` looks a sentence up in :data:`~simulator.report.words.TEXT`;
``Text.name`` shows a value from the results by :data:`~simulator.report.names.NAMES`. Numbers,
percentages, euros and dates are formatted by Babel in the language's own way (``1,234.5`` /
``1.234,5``, ``87%`` / ``87 %``, ``€1,234`` / ``1.234 €``, ``6 December 2026`` /
``6. Dezember 2026``), the same in the page, the tables, the figures' axes and the PDF.
"""

from __future__ import annotations

import datetime as dt
import math

from simulator.report.names import GLOSSARY, NAMES
from simulator.report.words import TEXT

LANGS = ("en", "de")
#: Babel locale of each language.
LOCALES = {"en": "en_GB", "de": "de_DE"}


class Text:
    """Words and number formats of one language.

    Args:
        lang: ``en`` or ``de``.
    """

    def __init__(self, lang: str = "en"):
        if lang not in LANGS:
            raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
        self.lang = lang
        self.locale = LOCALES[lang]
        self._i = LANGS.index(lang)
        from babel import Locale

        locale = Locale.parse(self.locale)
        self._percent = locale.percent_formats[None].pattern  # "#,##0 %" in German
        self._currency = locale.currency_formats["standard"].pattern.split(";")[0]

    def __call__(self, key: str, **values: object) -> str:
        """The text for ``key`` with ``{placeholders}`` filled in."""
        return TEXT[key][self._i].format(**values)

    def name(self, value: object) -> str:
        """Display name of a value from the results (``org_`` prefixes dropped)."""
        text = str(value)
        key = text.removeprefix("org_")
        return NAMES[key][self._i] if key in NAMES else text

    def glossary(self) -> list[tuple[str, str]]:
        """The glossary's (term, explanation) pairs in this language."""
        return [entry[self._i] for entry in GLOSSARY]

    def num(self, value: float, digits: int = 0) -> str:
        """A number with this language's separators and ``digits`` decimals."""
        from babel.numbers import format_decimal

        pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def pct(self, share: float, digits: int = 0) -> str:
        """A share (0..1) as a percentage: ``87%`` or ``87 %``."""
        from babel.numbers import format_percent

        pattern = self._percent
        if digits > 0:
            pattern = pattern.replace("#,##0", "#,##0." + "0" * digits)
        return format_percent(share, format=pattern, locale=self.locale)

    def eur(self, value: float) -> str:
        """An amount in euros: whole euros from 100 up, cents below."""
        from babel.numbers import format_currency

        cents = abs(value) < 100
        return format_currency(
            value if cents else round(value),
            "EUR",
            format=self._currency if cents else self._currency.replace(".00", ""),
            currency_digits=False,
            locale=self.locale,
        )

    def date(self, when: dt.date) -> str:
        """A date written out in this language (``6 December 2026`` / ``6. Dezember 2026``)."""
        from babel.dates import format_date

        return format_date(when, format="long", locale=self.locale)

    def maybe(self, value: float, fmt) -> str:
        """``fmt(value)``, or an en dash for a missing value."""
        return (
            "–" if value is None or (isinstance(value, float) and math.isnan(value)) else fmt(value)
        )

    def axis_pct(self, digits: int = 0):
        """A matplotlib tick formatter writing shares (0..1) as this language's percentages."""
        from matplotlib.ticker import FuncFormatter

        return FuncFormatter(lambda v, _pos: self.pct(v, digits))

    def axis_num(self, digits: int = 0, scale: float = 1.0):
        """A matplotlib tick formatter writing numbers with this language's separators."""
        from matplotlib.ticker import FuncFormatter

        return FuncFormatter(lambda v, _pos: self.num(v * scale, digits))
