"""The failure messages of :mod:`geo.testing` and the pytest plugin: what ``gba-atlas check`` prints.

Both read the model's verdicts (:class:`~geo.model.AreaCheck`, :class:`~geo.model.ClaimResult`) and
lay out their row with :mod:`geo.report`'s own cells and columns, so a failure shows the line of the
report's table, text from the data escaped as the report escapes it.
"""

from __future__ import annotations

from geo.errors import AtlasError, InputError
from geo.model import AreaCheck, ClaimResult
from geo.report import AREA_HEADER, CLAIM_HEADER, area_cells, claim_cells, table_lines
from geo.text_safety import terminal_text

__all__ = ["format_area_failure", "format_claim_failure", "format_input_error"]


def format_area_failure(check: AreaCheck) -> str:
    """The message for a stated figure that does not hold.

    One summary line; the header and the row of ``gba-atlas check``'s AREAS table; the source
    (when the figure has one); what to fix.

    Parameters
    ----------
    check : AreaCheck
        The failed check (a row of ``Report.areas``, or :func:`~geo.testing.assert_area`'s own).

    Returns
    -------
    str
        The message, one line per item, without a final newline.

    Examples
    --------
    >>> from geo.model import Source, StatedFigure
    >>> figure = StatedFigure("87-hectare", 87, "ha", 87.0, False, 2.0, "a round figure",
    ...                       Source("Park launched", "Xinhua", "2025-12-22", "http://example.org/a"))
    >>> print(format_area_failure(AreaCheck("park", "A park", figure, computed_ha=95.0)))
    A park: computed 95.0 ha against 87-hectare (87.0 ha) is +9.20 %, allowed ±2 %
    platform  stated      stated ha  computed ha  deviation  tolerance  ok
    A park    87-hectare  87.0       95.0         +9.20 %    ±2 %       ✗
    source: Xinhua, Park launched (2025-12-22) <http://example.org/a>
    fix: the polygon is larger than stated; check its vertices, or the figure and its tolerance_pct
    """
    lines = [
        f"{check.name}: computed {check.computed_ha:,.1f} ha against {check.stated} "
        f"({check.stated_ha:,.1f} ha) is {check.deviation_pct:+.2f} %, allowed ±{check.tolerance_pct:g} %",
        *table_lines(AREA_HEADER, [area_cells(check)]),
    ]
    source = check.figure.source
    if source.title or source.issuer:  # a figure given as a number of hectares has none
        lines.append(f"source: {check.source}" + (f" <{check.source_url}>" if check.source_url else ""))
    size = "larger" if check.deviation_pct > 0 else "smaller"
    lines.append(
        f"fix: the polygon is {size} than stated; check its vertices, or the figure and its tolerance_pct"
    )
    return _lines(lines)


def format_claim_failure(result: ClaimResult) -> str:
    """The message for a claim that does not hold.

    One summary line; the header and the row of ``gba-atlas check``'s CLAIMS table; the sentence
    the claim comes from and the features it involves.

    Parameters
    ----------
    result : ClaimResult
        The verdict (a row of ``Report.claims``).

    Returns
    -------
    str
        The message, one line per item, without a final newline.

    Examples
    --------
    >>> result = ClaimResult("a_in_b", "A lies in B", "A is in B.", False,
    ...                      "12.0% of a lies in b (needs 99%): not inside", ("a", "b"))
    >>> print(format_claim_failure(result))
    claim 'a_in_b' does not hold: 12.0% of a lies in b (needs 99%): not inside
    claim        ok  detail
    A lies in B  ✗   12.0% of a lies in b (needs 99%): not inside
    sentence: A is in B.
    features: a, b
    """
    lines = [
        f"claim {result.id!r} does not hold: {result.detail}",
        *table_lines(CLAIM_HEADER, [claim_cells(result)]),
        f"sentence: {result.sentence}",
    ]
    if result.features:
        lines.append(f"features: {', '.join(result.features)}")
    return _lines(lines)


def _lines(lines: list[str]) -> str:
    r"""The message's lines, each one line with text from the data escaped (``\x1b``, ``\u202e``).

    >>> print(_lines(["name: Park\x1b]0;title\x07", "sentence: A\nB"]))
    name: Park\x1b]0;title\x07
    sentence: A\nB
    """
    return "\n".join(terminal_text(line) for line in lines)


def format_input_error(error: AtlasError) -> str:
    """Bad input as the command line reports it: one ``gba-atlas: error:`` line per problem.

    Parameters
    ----------
    error : AtlasError
        What loading or validating the input raised.

    Returns
    -------
    str
        The lines, without a final newline.

    Examples
    --------
    >>> from geo.atlas import Atlas
    >>> try:
    ...     Atlas.load("no/such/folder")
    ... except InputError as error:
    ...     print(format_input_error(error))
    gba-atlas: error: no/such/folder: does not exist; fix: pass the folder that holds your .geojson layers
    """
    if isinstance(error, InputError):
        return "\n".join(f"gba-atlas: error: {problem}" for problem in error.problems)
    return f"gba-atlas: error: {error}"
