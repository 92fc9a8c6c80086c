"""qorgau inside local-mode PySpark (local[2]): the helper and a bare
``mapInArrow`` give the CLI's output on the same Parquet extract, value for
value, under the same key."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import qorgau
import qorgau.spark
from conftest import KEY, POLICY, assert_no_personal_name, cli_anonymize

pyspark = pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # Spark starts its Python workers with `python3` from PATH unless
    # PYSPARK_PYTHON says otherwise (an in-process session ignores
    # `spark.pyspark.python`); that interpreter may lack the wheel.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("qorgau-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.executorEnv.QORGAU_KEY", KEY)
        .getOrCreate()
    )
    yield session
    session.stop()


def as_text(values: list) -> list:
    return [None if v is None else str(v) for v in values]


def rows_by_id(table: pa.Table) -> pa.Table:
    return table.sort_by("id")


def test_spark_helper_matches_the_cli_value_for_value(spark, cli: Path, extract: Path, tmp_path: Path) -> None:
    cli_out = tmp_path / "cli.parquet"
    cli_anonymize(cli, extract, cli_out, POLICY, KEY)
    want = rows_by_id(pq.read_table(cli_out))

    df = spark.read.parquet(str(extract))
    out = qorgau.spark.anonymize(df, POLICY)
    assert out.schema["iin"].dataType.typeName() == "string"
    got = rows_by_id(out.toArrow())
    assert got.num_rows == want.num_rows == 20000
    assert set(got.schema.names) == set(want.schema.names)
    for name in want.schema.names:
        w, g = want.column(name).to_pylist(), got.column(name).to_pylist()
        if name in ("iin", "order_no", "id", "birth_year"):
            w, g = as_text(w), as_text(g)
        assert w == g, name
    # Something was replaced: the tokens are there, the raw IINs are not.
    iins = [v for v in got.column("iin").to_pylist() if v]
    assert iins and all(v.startswith("IIN_") for v in iins)


def test_bare_map_in_arrow_keeps_a_string_schema(spark) -> None:
    a = qorgau.Anonymizer({"kinds": {"iin": "tag", "phone": "tag"}})
    df = spark.createDataFrame(
        [("ИИН 900101300811", 1), ("тел. +7 701 234 56 78", 2), ("ничего", 3)], "note string, n long"
    )
    out = df.mapInArrow(lambda it: (a.transform_batch(b) for b in it), df.schema)
    assert [r.note for r in out.orderBy("n").collect()] == ["ИИН <IIN>", "тел. <PHONE>", "ничего"]


def test_spark_renames_personal_column_names_as_the_cli(
    spark, cli: Path, personal_columns: Path, tmp_path: Path
) -> None:
    cli_out = tmp_path / "cli.parquet"
    cli_anonymize(cli, personal_columns, cli_out, POLICY, KEY)
    want = pq.read_table(cli_out).sort_by("id")
    out = qorgau.spark.anonymize(spark.read.parquet(str(personal_columns)), POLICY)
    assert out.columns == want.schema.names
    assert_no_personal_name(out.columns)
    got = rows_by_id(out.toArrow())
    assert got.num_rows == 40
    for name in want.schema.names:
        assert got.column(name).to_pylist() == want.column(name).to_pylist(), name
