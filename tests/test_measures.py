"""A feature is measured once, by one routine, and every face shows the same number."""

from __future__ import annotations

import numpy as np
import pytest

from geo import Atlas, geodesy
from geo.cli import main
from geo.map import content
from geo.model import features as features_module
from geo.model import measure_areas
from geo.units import hectares


@pytest.fixture
def counted(monkeypatch):
    """Count the geometries handed to the geodesic area routine."""
    measured: list[int] = []
    original = geodesy.geodesic_area

    def counting(geometries):
        measured.append(np.asarray(geometries, dtype=object).size)
        return original(geometries)

    monkeypatch.setattr(features_module, "geodesic_area", counting)
    return measured


def test_each_feature_is_measured_once_per_build(counted):
    atlas = Atlas.load()
    html = atlas.to_html()
    atlas.report()
    atlas.to_geodataframe()
    assert "gbaAtlas" in html
    assert sum(counted) == len(atlas.features)


def test_measure_areas_fills_what_is_missing_in_one_call(counted):
    features = list(Atlas.load().features.values())
    first = measure_areas(features)
    again = measure_areas(features)
    assert counted == [len(features)]
    assert np.array_equal(first, again)


def test_popup_tooltip_layers_checks_and_export_show_the_same_area(capsys):
    atlas = Atlas.load()
    report = atlas.report()
    frame = atlas.to_geodataframe().set_index("id")
    assert main(["layers"]) == 0
    listing = capsys.readouterr().out
    for feature in atlas.features.values():
        shown = f"{hectares(feature.area_m2):,.1f} ha"
        if feature.area_m2 == 0:
            shown = f"{feature.length_m / 1000:,.2f} km"
        popup = str(content.popup(feature, report.areas_of(feature.id), report.claims_of(feature.id)))
        assert shown in popup, feature.id
        assert shown in next(line for line in listing.splitlines() if f" {feature.id} " in line)
        exported = frame.loc[feature.id, "area_ha"]  # a line has no area in an export: null
        assert exported == feature.area_ha if feature.area_m2 else np.isnan(exported)
        for check in report.areas_of(feature.id):
            assert check.computed_ha == feature.area_ha
            tooltip = str(content.tooltip(feature, report.areas_of(feature.id)))
            assert f"computed {shown}" in tooltip
