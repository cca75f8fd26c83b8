"""The model: layers of features with their stated figures, claims about them, and the verdicts.

Everything else in gba-atlas reads, checks or shows these classes; the model imports
nothing of gba-atlas but the geodesic routines, the units and the progress bars.

Units and conventions: geometries are WGS84 longitude/latitude degrees; areas are
geodesic square metres (``area_m2``) or hectares (``*_ha``); lengths are metres.
"""

from geo.model.claims import Claim
from geo.model.features import Feature, measure_areas
from geo.model.figures import Source, StatedFigure
from geo.model.layer import Layer, features_by_id
from geo.model.rows import FeatureRows
from geo.model.story import Story
from geo.model.verdicts import AreaCheck, ClaimResult, Report

__all__ = [
    "AreaCheck",
    "Claim",
    "ClaimResult",
    "Feature",
    "FeatureRows",
    "Layer",
    "Report",
    "Source",
    "StatedFigure",
    "Story",
    "features_by_id",
    "measure_areas",
]
