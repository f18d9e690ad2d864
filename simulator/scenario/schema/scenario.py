"""The root of a scenario: everything one run of the model needs, validated before it starts."""

from __future__ import annotations

from pydantic import Field, model_validator

from simulator.scenario.schema.actors import HousingCompanySpec, ProviderSpec
from simulator.scenario.schema.ages import AgesSpec
from simulator.scenario.schema.base import Spec, Text
from simulator.scenario.schema.citizens import CitizensSpec
from simulator.scenario.schema.demography import DemographySpec
from simulator.scenario.schema.facility import FacilitySpec
from simulator.scenario.schema.financing import InstrumentSpec
from simulator.scenario.schema.initial_state import InitialStateSpec
from simulator.scenario.schema.municipality import MunicipalitySpec
from simulator.scenario.schema.organisation import OrganisationSpec
from simulator.scenario.schema.town import TimeSpec, TownSpec
from simulator.scenario.schema.viability import ViabilitySpec

NEEDS_PROVIDERS = {"single_provider", "provider_network"}
NEEDS_HOUSING = {"housing_company_led"}


class Scenario(Spec):
    """A complete, validated scenario (the model is a pure function of it and a seed)."""

    schema_version: int = Field(1, ge=1, le=1, description="Scenario format version")
    name: str = Field(
        min_length=1,
        max_length=120,
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_\-.]*$",
        description="Scenario name; names result folders, so it starts with a letter, digit or _",
    )
    question: Text = Field("", max_length=2000, description="The question this scenario answers")
    time: TimeSpec = TimeSpec()
    town: TownSpec
    demography: DemographySpec = DemographySpec()
    municipality: MunicipalitySpec
    facility: FacilitySpec
    providers: list[ProviderSpec] = Field(default_factory=list, max_length=20)
    housing_company: HousingCompanySpec | None = None
    citizens: CitizensSpec = CitizensSpec()
    ages: AgesSpec = AgesSpec()
    organisation: OrganisationSpec
    financing: list[InstrumentSpec] = Field(default_factory=list, max_length=30)
    viability: ViabilitySpec = ViabilitySpec()
    initial_state: InitialStateSpec | None = None  # an existing facility (warm start)

    @model_validator(mode="after")
    def _references_exist(self) -> Scenario:
        districts = {d.name for d in self.town.districts}
        if self.facility.district not in districts:
            raise ValueError(f"facility.district {self.facility.district!r} is not a town district")
        company = self.housing_company
        if (
            company is not None
            and company.district is not None
            and company.district not in districts
        ):
            raise ValueError(
                f"housing_company.district {company.district!r} is not a town district"
            )
        _check_initial_state(self)
        ids = [p.id for p in self.providers]
        if len(set(ids)) != len(ids):
            raise ValueError("providers: ids must be unique")
        lead = getattr(self.organisation, "lead_provider", None)
        if lead is not None and lead not in ids:
            raise ValueError(f"organisation.lead_provider {lead!r} is not a provider id")
        if self.organisation.model in NEEDS_PROVIDERS and not ids:
            raise ValueError(f"organisation.model {self.organisation.model!r} needs providers")
        if self.organisation.model in NEEDS_HOUSING and self.housing_company is None:
            raise ValueError(
                f"organisation.model {self.organisation.model!r} needs a housing_company"
            )
        keys = [getattr(i, "id", i.instrument) for i in self.financing]
        if len(set(keys)) != len(keys):
            raise ValueError(
                "financing: an instrument appears twice (give programme grants distinct ids)"
            )
        return self


def _check_initial_state(scenario: Scenario) -> None:
    """An existing facility opened before the run, and its burn-in leaves years to measure."""
    state, time = scenario.initial_state, scenario.time
    if state is None:
        return
    if state.open_since_year > time.start_year:
        raise ValueError(
            f"initial_state.open_since_year {state.open_since_year} is after the first simulated "
            f"year {time.start_year}"
        )
    if state.burn_in_years >= time.years:
        raise ValueError(
            f"initial_state.burn_in_years ({state.burn_in_years}) leaves no year of the "
            f"{time.years}-year horizon to measure"
        )
