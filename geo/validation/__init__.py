"""Validation: is the input well-formed? Layers, geometries, properties, data frames and claims.

Every layer, whatever it came from, is judged as a :class:`FeatureTable` by the
vectorised rules of :func:`validate_table`; only the rows a rule refuses are worded
one by one. Every validator collects all problems (:class:`geo.errors.Problem`: file, where,
what, fix) rather than stopping at the first. Whether the figures and claims
*hold* is verification, :mod:`geo.verify`.
"""

from geo.validation.claims import parse_claims
from geo.validation.collection import collection_features, duplicate_ids
from geo.validation.frames import frame_problems
from geo.validation.geometry import validate_geometry
from geo.validation.property_rules import validate_properties
from geo.validation.rules import validate_table
from geo.validation.sources import validate_source
from geo.validation.stated_rules import validate_stated
from geo.validation.table import FeatureTable

__all__ = [
    "FeatureTable",
    "collection_features",
    "duplicate_ids",
    "frame_problems",
    "parse_claims",
    "validate_geometry",
    "validate_properties",
    "validate_source",
    "validate_stated",
    "validate_table",
]
