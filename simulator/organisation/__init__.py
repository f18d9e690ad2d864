"""Organisation models: a registry of strategies, one class per file.

Adding a model: one file here, one line in ``REGISTRY``, its key in
``simulator/scenario/schema/organisation.py`` (``tests/test_code_health.py`` checks all three
and its section in ``docs/ODD.md``).
"""

from simulator.organisation.base import OrganisationModel
from simulator.organisation.citizen_association import CitizenAssociation
from simulator.organisation.cooperative import Cooperative
from simulator.organisation.housing_company_led import HousingCompanyLed
from simulator.organisation.municipal import Municipal
from simulator.organisation.provider_network import ProviderNetwork
from simulator.organisation.single_provider import SingleProvider

REGISTRY: dict[str, type[OrganisationModel]] = {
    cls.key: cls
    for cls in (
        Municipal,
        SingleProvider,
        ProviderNetwork,
        CitizenAssociation,
        Cooperative,
        HousingCompanyLed,
    )
}


def build(spec) -> OrganisationModel:
    """The organisation model object for a scenario's ``organisation`` section."""
    return REGISTRY[spec.model](spec)


__all__ = ["REGISTRY", "OrganisationModel", "build"]
