"""What the qorgau transform costs inside Spark (local[2]) on a Parquet
extract, against the same job with an identity ``mapInArrow``. Both read the
file and write Parquet, so the difference is the transform itself; compare it
with ``qorgau anonymize`` on the same file.

    qorgau synth --out /tmp/big --parquet-rows 19500000    # ~1 GB
    QORGAU_KEY=... python python/benches/bench_spark.py /tmp/big/bench.parquet policy.toml
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time

from pyspark.sql import SparkSession

import qorgau.spark


def timed(label: str, df, out: str) -> float:
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    df.write.mode("overwrite").parquet(out)
    s = time.perf_counter() - t
    print(f"{label}: {s:.1f} s", flush=True)
    return s


def main() -> None:
    path, policy = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
    # Workers run `python3` from PATH unless told; it may lack the wheel.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.driver.memory", "4g")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    df = spark.read.parquet(path)
    out = tempfile.mkdtemp()
    base = timed("identity mapInArrow", df.mapInArrow(lambda it: it, df.schema), out + "/id")
    anon = timed("qorgau.spark.anonymize", qorgau.spark.anonymize(df, policy), out + "/q")
    print(f"the transform itself: {anon - base:.1f} s")
    shutil.rmtree(out, ignore_errors=True)
    spark.stop()


if __name__ == "__main__":
    main()
