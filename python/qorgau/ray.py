"""Running qorgau inside Ray Data.

>>> import qorgau.ray
>>> ds = ds.map_batches(
...     qorgau.ray.Anonymize,
...     fn_constructor_kwargs={"policy": {"kinds": {"iin": "token"}}},
...     batch_format="pyarrow",
...     concurrency=2,
... )

``Anonymize`` is a class-based UDF, so each actor builds the detector
automaton once. The key is read from ``QORGAU_KEY`` in the actor: pass it
through the runtime environment from a secret store, e.g.
``ray.init(runtime_env={"env_vars": {"QORGAU_KEY": os.environ["QORGAU_KEY"]}})``,
never as a constructor argument (those are serialized into the task graph).
"""

from __future__ import annotations

import pyarrow as pa

from . import Anonymizer, PolicyLike

__all__ = ["Anonymize"]


class Anonymize:
    """A Ray Data UDF: ``__call__`` takes and returns a ``pyarrow.Table``."""

    def __init__(self, policy: PolicyLike = None) -> None:
        self._anonymizer = Anonymizer(policy)

    def __call__(self, batch: pa.Table) -> pa.Table:
        return self._anonymizer.transform_table(batch)
