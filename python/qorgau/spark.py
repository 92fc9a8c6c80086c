"""Running qorgau inside Apache Spark (``mapInArrow``, Spark 3.4+).

>>> import qorgau.spark
>>> clean = qorgau.spark.anonymize(df, {"kinds": {"iin": "token"}})

Each Python worker builds one :class:`qorgau.Anonymizer` per policy and reuses
it for every partition. The key is read on the executors from ``QORGAU_KEY``;
pass it as a secret, never in code: ``spark.executorEnv.QORGAU_KEY`` (and, on
Kubernetes, ``spark.kubernetes.executor.secretKeyRef.QORGAU_KEY=secret:key``;
on YARN, ``spark.yarn.appMasterEnv.QORGAU_KEY`` plus executorEnv). In local
mode the workers inherit the driver's environment.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional

import pyarrow as pa

from . import Anonymizer, PolicyLike, policy_toml

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["anonymize", "transform"]

_WORKER: dict[Optional[str], Anonymizer] = {}


def _worker_anonymizer(toml: Optional[str]) -> Anonymizer:
    a = _WORKER.get(toml)
    if a is None:
        a = _WORKER[toml] = Anonymizer(toml)
    return a


def transform(toml: Optional[str], schema: pa.Schema, names: Optional[list[str]] = None):
    """The ``mapInArrow`` function for a policy's TOML text; each batch is
    cast to ``schema`` (the Arrow form of the output schema Spark was given),
    so string columns match whichever Arrow string type Spark expects.

    ``names``: the input's real column names, when the DataFrame given to
    ``mapInArrow`` carries placeholders instead (see :func:`anonymize`);
    each batch takes them back before the policy sees it."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        a = _worker_anonymizer(toml)
        for batch in batches:
            if names is not None:
                batch = pa.RecordBatch.from_arrays(batch.columns, names=names)
            out = a.transform_batch(batch)
            if out.schema != schema:
                out = out.cast(schema)
            yield out

    return run


def anonymize(df: "DataFrame", policy: PolicyLike = None) -> "DataFrame":
    """``df`` anonymized under ``policy`` (TOML text, a path, a dict or
    ``None``): integer columns whose values the policy changes become
    strings, dropped columns are gone, the rest keep their types. Column
    names that are personal data (a column named by an e-mail, an IIN, a
    person) are replaced as the CLI replaces a Parquet file's.

    The policy and key are checked here, on the driver, before any job runs.
    """
    from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

    toml = policy_toml(policy)
    checked = Anonymizer(toml)
    arrow_in = to_arrow_schema(df.schema)
    spark_out = from_arrow_schema(checked.output_schema(arrow_in))
    # mapInArrow resolves each input column by its name, and a name with a
    # dot (an e-mail) reads as a struct path: the columns cross under
    # positional placeholders and take their names back in the worker.
    names = list(df.columns)
    placed = df.toDF(*[f"_qorgau_{i}" for i in range(len(names))])
    return placed.mapInArrow(transform(toml, to_arrow_schema(spark_out), names), spark_out)
