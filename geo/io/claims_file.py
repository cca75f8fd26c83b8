"""A layers folder's claims file, ``claims.json``."""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path

from geo.errors import ClaimError
from geo.io.json_file import read_json
from geo.model import Claim
from geo.validation.claims import KnownFeatures, parse_claims

#: The file, inside a layers folder, that holds its claims.
CLAIMS_FILE = "claims.json"


def read_claims(
    path: str | Path,
    *,
    feature_ids: KnownFeatures | None = None,
    used_ids: MutableMapping[str, str] | None = None,
) -> list[Claim]:
    """Read a claims file; a missing file means no claims.

    Parameters
    ----------
    path : str or Path
        The claims file.
    feature_ids : collection of str, or mapping of id to geometry type, optional
        The features that exist; a claim naming any other is a problem (see
        :func:`~geo.validation.claims.parse_claims`: a mapping also checks geometry kinds).
    used_ids : mutable mapping of str to str, optional
        Claim ids used by other sources of claims, to where; this file's ids are added.

    Raises
    ------
    ClaimError
        Listing every problem in the file.
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():  # a broken link is reported by read_json
        return []
    data, problems = read_json(path)
    if problems:
        raise ClaimError(problems)
    return parse_claims(data, file=str(path), feature_ids=feature_ids, used_ids=used_ids)
