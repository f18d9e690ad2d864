"""Institutional actors as Mesa agents: municipality, providers, housing company, facility."""
