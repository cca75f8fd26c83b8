"""pyarrow reads the numbers of coordinates text bit for bit as numpy does, or leaves them to numpy.

:func:`geo.validation.coordinate_arrays.arrow_numbers` reads large batches of numbers;
whatever it reads must equal ``numpy.fromstring``'s doubles to the last bit, and whatever
numpy refuses it must refuse too (or :func:`_numbers` would accept a text numpy refuses).
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.validation import coordinate_arrays
from geo.validation.coordinate_arrays import _numbers, _numpy_numbers, arrow_numbers

#: Numbers where correct rounding is hard, or that leave the range of a double.
HARD = [
    "1e400", "-1e400", "1e-400", "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
    "2.2250738585072011e-308", "2.22507385850720138309e-308", "1.7976931348623157e308",
    "1.7976931348623158e308", "1.7976931348623159e308", "123456789012345678901234567890",
    "0.1000000000000000055511151231257827021181583404541015625", "-0", "-0.0", "0e0", "1E+5", "1e-5",
    "9007199254740993", "1" + "0" * 400, "0." + "0" * 400 + "1", "114.166383", "22.450023",
]  # fmt: skip


def same(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    return a is not None and b is not None and a.view(np.int64).tolist() == b.view(np.int64).tolist()


@pytest.mark.slow  # imports pyarrow
def test_hard_numbers_read_alike() -> None:
    text = ("[[" + "],[".join(f"{x},{y}" for x, y in zip(HARD, reversed(HARD), strict=True)) + "]]").encode()
    assert same(arrow_numbers(text), _numpy_numbers(text))


exponent = st.tuples(st.sampled_from("eE"), st.sampled_from(["", "+", "-"]), st.integers(0, 400))
decimal = st.tuples(
    st.sampled_from(["", "-"]),
    st.integers(0, 10**20),
    st.one_of(st.just(""), st.integers(0, 10**25).map(lambda n: f".{n}")),
    st.one_of(st.just(""), exponent.map(lambda t: f"{t[0]}{t[1]}{t[2]}")),
).map(lambda t: f"{t[0]}{t[1]}{t[2]}{t[3]}")
written = st.floats(allow_nan=False, allow_infinity=False).flatmap(
    lambda x: st.sampled_from([repr(x), json.dumps(x), f"{x:.6f}", f"{x:.17g}", f"{x:e}"])
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(decimal, written), min_size=1, max_size=40), st.sampled_from([",", ", ", ",\n  "]))
def test_arrow_reads_every_json_number_as_numpy_does(numbers: list[str], comma: str) -> None:
    text = ("[[" + comma.join(numbers) + "]]").encode()
    assert same(arrow_numbers(text), _numpy_numbers(text))


@pytest.mark.parametrize(
    "token", ["1.", ".5", "+1", "01", "1e", "-", "e5", "1e+", "1.5e+", "--1", "1-", "1e5e", "1..2", "0x1", ""]
)
def test_what_is_not_a_json_number_numpy_s_road_refuses(token: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not JSON (msgspec refuses such text before): the numpy road refuses it by grammar; pyarrow
    refuses it or reads what Python's float reads there."""
    text = f"[[1.5,{token}],[2,3]]".encode()
    quick = arrow_numbers(text)
    assert _numpy_numbers(text) is None
    if quick is not None:
        assert same(quick, np.array([1.5, float(token), 2.0, 3.0]))
    monkeypatch.setattr(coordinate_arrays, "ARROW_MIN_BYTES", 0)
    found = _numbers([text])
    assert found is None or same(found, quick)


def test_numpy_s_road_changes_no_warning_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    """Judging a text must not touch the process's warning filters: while they are changed,
    another thread's warning (an AtlasWarning from ``add_layer``) would be raised as an error."""
    import warnings

    def changed(*args: object, **kwargs: object) -> None:
        raise AssertionError("the warning filters were changed")

    monkeypatch.setattr(warnings, "simplefilter", changed)
    monkeypatch.setattr(warnings, "filterwarnings", changed)
    assert _numpy_numbers(b"[[1,2],[3,x]]") is None
    assert same(_numpy_numbers(b"[[1, 2],\n [3e2, -4.5E-1]]"), np.array([1.0, 2.0, 300.0, -0.45]))
