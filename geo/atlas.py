"""The Atlas: layers, claims and their checks, as one object for the CLI and notebooks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from geo.checks import check_areas, check_claims
from geo.claims import CLAIMS_FILE, Claim, read_claims
from geo.layers import Feature, Layer, features_by_id, load_layers
from geo.report import Report

#: The layers that ship with gba-atlas (beside the package, in the project).
BUNDLED_LAYERS = Path(__file__).resolve().parent.parent / "layers"


def default_layers_dir() -> Path:
    """``./layers`` when the current folder has one, else the bundled layers."""
    here = Path("layers")
    return here if here.is_dir() else BUNDLED_LAYERS


@dataclass
class Atlas:
    """Layers and the claims about them.

    Use :meth:`load` to read a layers folder.
    """

    layers: list[Layer] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    @classmethod
    def load(cls, directory: str | Path | None = None) -> Atlas:
        """Read every layer of a folder, and its ``claims.json`` if there is one.

        Parameters
        ----------
        directory : str or Path, optional
            The layers folder; by default :func:`default_layers_dir`.

        Raises
        ------
        LayerError, ClaimError
            Listing every problem found.
        """
        directory = Path(directory) if directory is not None else default_layers_dir()
        layers = load_layers(directory)
        claims = read_claims(directory / CLAIMS_FILE, feature_ids=features_by_id(layers).keys())
        return cls(layers=layers, claims=claims)

    @property
    def features(self) -> dict[str, Feature]:
        """Every feature of every layer, by id."""
        return features_by_id(self.layers)

    def report(self) -> Report:
        """Check every stated figure and every claim."""
        features = self.features
        return Report(check_areas(features.values()), check_claims(self.claims, features))
