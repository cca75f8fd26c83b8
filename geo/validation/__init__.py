"""Validation: is the input well-formed? Layers, geometries, properties, data frames and claims.

Every validator collects all problems (:class:`geo.errors.Problem`: file, where,
what, fix) rather than stopping at the first. Whether the figures and claims
*hold* is verification, :mod:`geo.verify`.
"""

from geo.validation.claims import parse_claims
from geo.validation.collection import duplicate_ids, validate_collection, validate_feature
from geo.validation.frames import validate_frame
from geo.validation.geometry import validate_geometry
from geo.validation.properties import validate_properties, validate_source, validate_stated

__all__ = [
    "duplicate_ids",
    "parse_claims",
    "validate_collection",
    "validate_feature",
    "validate_frame",
    "validate_geometry",
    "validate_properties",
    "validate_source",
    "validate_stated",
]
