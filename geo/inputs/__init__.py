"""What a notebook user hands to add_layer, checked at the door: its data and its keyword arguments.

Data is a GeoJSON path, dict or ``__geo_interface__`` (made JSON values once, in
:mod:`geo.inputs.json_values`, and then validated as a file is), or a GeoDataFrame to bring
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
from geo.inputs.json_values import as_json_values

__all__ = [
    "CALL",
    "as_json_values",
    "attach",
    "checked_arguments",
    "collection_layer",
    "frame_layer",
    "input_layer",
    "is_geodataframe",
    "output_path",
    "to_feature_collection",
    "unknown_stated",
    "wgs84_frame",
    "wrong_type",
]
