"""One colour-blind-safe palette for the report and the app (Okabe & Ito 2008).

Colours are from Okabe and Ito's "Color Universal Design" set, plus a dark grey for volunteers'
time. ``tests/test_palette.py`` simulates protanopia and deuteranopia (Machado et al. 2009,
via colorspacious) and requires every two payer colours to stay at least
:data:`MIN_PAYER_DISTANCE` apart in CAM02-UCS (ΔE′), and every two model colours at least
:data:`MIN_MODEL_DISTANCE`. Change a colour here and both the report and the app follow.
"""

from __future__ import annotations

#: Okabe & Ito's eight colours by name (hex sRGB).
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: Who pays: the five cash payers and volunteers' time (in kind; drawn hatched beside the cash).
PAYER_COLOURS = {
    "municipality": OKABE_ITO["blue"],
    "programmes": OKABE_ITO["sky_blue"],
    "providers": OKABE_ITO["vermillion"],
    "housing_company": OKABE_ITO["yellow"],
    "citizens": OKABE_ITO["bluish_green"],
    "volunteers": "#444444",
}
#: Payers whose bars need dark text on top (light colours).
LIGHT_PAYERS = frozenset({"programmes", "housing_company"})
#: The six organisation models (figures never show models and payers together).
MODEL_COLOURS = {
    "municipal": OKABE_ITO["blue"],
    "single_provider": OKABE_ITO["orange"],
    "provider_network": OKABE_ITO["bluish_green"],
    "citizen_association": OKABE_ITO["reddish_purple"],
    "cooperative": OKABE_ITO["sky_blue"],
    "housing_company_led": OKABE_ITO["vermillion"],
}
#: For anything else that needs a colour per item (model variants, unknown models), in order.
SEQUENCE = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["black"],
    OKABE_ITO["yellow"],
    "#999999",
)
#: Minimum CAM02-UCS distance (ΔE′) between payer colours under normal vision, protanopia and
#: deuteranopia; about 20 is reached, 15 is clearly told apart side by side.
MIN_PAYER_DISTANCE = 15.0
MIN_MODEL_DISTANCE = 12.0
#: Smallest font size of tick labels in report figures (points; 7 pt was too small in print).
TICK_LABEL_PT = 10.0


def model_colour(model: object, index: int = 0) -> str:
    """The colour of an organisation model (``org_`` prefix allowed); others by ``index``."""
    key = str(model).removeprefix("org_")
    return MODEL_COLOURS.get(key, SEQUENCE[index % len(SEQUENCE)])
