"""The phases of one model step, in the order of DESIGN.md's process overview.

- ``flow``: the typed records the phases hand on (Offers, Use, Money, MonthRecord, YearEnd)
- ``yearly``: demography (1), municipal year (2), cooperation decisions (3), year-end (9)
- ``use``: offers (4) and citizens (5), the use of the facility
- ``money``: costs, instruments, deficit cover (6) and viability (7)
- ``views``: the read-only view an organisation model decides on
"""
