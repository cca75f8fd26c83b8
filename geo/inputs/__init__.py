"""What a notebook user hands to add_layer, checked at the door: its data and its keyword arguments.

Data is a GeoJSON path, dict or ``__geo_interface__`` (made plain JSON once, in
:mod:`geo.inputs.plain`, and then validated as a file is), or a GeoDataFrame to bring
to WGS84 (:mod:`geo.inputs.data`); arguments of the wrong type are refused with a
TypeError naming them (:mod:`geo.inputs.arguments`).
"""

from geo.inputs.arguments import CALL, checked_arguments, output_path, unknown_stated, wrong_type
from geo.inputs.crs import wgs84_frame
from geo.inputs.data import (
    attach,
    collection_layer,
    frame_layer,
    input_layer,
    is_geodataframe,
)
from geo.inputs.geojson_data import to_feature_collection
from geo.inputs.plain import plain_json

__all__ = [
    "CALL",
    "attach",
    "checked_arguments",
    "collection_layer",
    "frame_layer",
    "input_layer",
    "is_geodataframe",
    "output_path",
    "plain_json",
    "to_feature_collection",
    "unknown_stated",
    "wgs84_frame",
    "wrong_type",
]
