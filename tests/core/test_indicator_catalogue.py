"""Printed indicator labels land on the catalogue's slugs, the same ones the observations use."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from ipstrategy.core.indicator_catalogue import CATALOGUE, indicator_code_for, indicator_known

LABELS = {
    "Number of invention patents possessed by every 10000 people": "invention_patents_per_10k_people",
    "number of invention patents per 10,000 people": "invention_patents_per_10k_people",
    "Possession of high-value invention patents per 10,000 population": "high_value_invention_patents_per_10k_people",
    "Number of patent applications submitted through the Patent Cooperation Treaty (in 10000)": "pct_applications",
    "Average maintenance period (years) of domestic invention patents": "invention_patent_maintenance_years",
    "Number of registered copyrights of works (in 10000)": "works_copyright_registrations",
    "Number of registered copyrights of computer software (in 10000)": "software_copyright_registrations",
    "Total transaction amount of the technology contracts registered on the national technology market "
    "(in trillion yuan)": "technology_contract_turnover",
    "Amount of IP pledge financing year (in 100 million yuan)": "ip_pledge_financing",
    "Registered amount of intellectual property pledge financing": "ip_pledge_financing",
    "Export income from  royalties and franchise fees for proprietary rights (in 100 million USD)": "ip_royalty_export_income",
    "Average annual growth rate of the operating income of IP service industry (%)": "ip_service_industry_revenue_growth",
    "Social satisfaction at IP protection (points)": "social_satisfaction_ip_protection",
    "social satisfaction degree of intellectual property protection": "social_satisfaction_ip_protection",
    "Cycle of average substantive examination of invention patent applications (month)": "invention_patent_substantive_examination_months",
    "Average examination cycle of trademark registration (month)": "trademark_registration_examination_months",
    "added value of patent-intensive industries as a share of GDP": "patent_intensive_industries_share_of_gdp",
    "added value of copyright industries as a share of GDP": "copyright_industries_share_of_gdp",
    "Number of new pilot cities": "number_of_new_pilot_cities",
}


@pytest.mark.parametrize(("label", "code"), LABELS.items())
def test_labels_map_to_slugs(label: str, code: str) -> None:
    assert indicator_code_for(label) == code


def test_every_observed_slug_is_in_the_catalogue() -> None:
    text = resources.files("ipstrategy.data").joinpath("indicator_observations.csv").read_text(encoding="utf-8")
    slugs = {row["indicator"] for row in csv.DictReader(text.splitlines())}
    assert {s for s in slugs if indicator_known(s) is None} == set()
    assert len({k.code for k in CATALOGUE}) == len(CATALOGUE)
