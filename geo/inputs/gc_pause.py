"""Python's cyclic garbage collector held off while the atlas makes many objects that stay.

A layer of 200,000 footprints makes a Feature, a properties dict and a few tuples per row,
and nearly all of them live on. The collector, counting allocations, meanwhile runs its
full collections again and again over the growing heap, finding nothing: a fifth of
``add_layer``'s time for such a layer. :func:`paused_gc` turns it off while
:func:`geo.inputs.data.input_layer` makes a layer, and back on after (unless it was off
already); nothing is lost, only collected later.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold off the cyclic garbage collector for the ``with`` block; its state is restored after.

    Yields
    ------
    None
        Within the block, ``gc.isenabled()`` is False.

    Examples
    --------
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
