"""Citizen rules: one module per behaviour, each rule a short function over arrays.

- ``demography``: deaths, births, moves, minimum income (yearly)
- ``awareness``: learning of the facility and forgetting it (monthly)
- ``visiting``: target groups, need, distance decay, fees, crowding, attachment (monthly)
- ``volunteering``: engagement by age, joining and quitting (monthly)
- ``giving``: donations (monthly) and membership (yearly)
"""
