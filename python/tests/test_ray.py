"""qorgau inside Ray Data: the class UDF gives the CLI's tokens."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

import qorgau.ray
from conftest import KEY, POLICY, assert_no_personal_name, cli_anonymize

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def ray_session():
    ray.init(
        num_cpus=4,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"QORGAU_KEY": KEY}},
    )
    yield
    ray.shutdown()


def test_ray_map_batches_matches_the_cli(ray_session, cli: Path, extract: Path, tmp_path: Path) -> None:
    cli_out = tmp_path / "cli.parquet"
    cli_anonymize(cli, extract, cli_out, POLICY, KEY)
    want = pq.read_table(cli_out).sort_by("id")

    ds = ray.data.read_parquet(str(extract)).map_batches(
        qorgau.ray.Anonymize,
        fn_constructor_kwargs={"policy": POLICY},
        batch_format="pyarrow",
        concurrency=2,
    )
    got = ds.to_arrow_refs()
    import pyarrow as pa

    got = pa.concat_tables(ray.get(got)).sort_by("id")
    assert got.num_rows == want.num_rows
    for name in ("fio", "iin", "comment", "note"):
        w = [None if v is None else str(v) for v in want.column(name).to_pylist()]
        g = [None if v is None else str(v) for v in got.column(name).to_pylist()]
        assert w == g, name


def test_ray_renames_personal_column_names_as_the_cli(
    ray_session, cli: Path, personal_columns: Path, tmp_path: Path
) -> None:
    import pyarrow as pa

    cli_out = tmp_path / "cli.parquet"
    cli_anonymize(cli, personal_columns, cli_out, POLICY, KEY)
    want = pq.read_table(cli_out).sort_by("id")
    ds = ray.data.read_parquet(str(personal_columns)).map_batches(
        qorgau.ray.Anonymize,
        fn_constructor_kwargs={"policy": POLICY},
        batch_format="pyarrow",
        concurrency=2,
    )
    got = pa.concat_tables(ray.get(ds.to_arrow_refs())).sort_by("id")
    assert got.schema.names == want.schema.names
    assert_no_personal_name(got.schema.names)
    for name in want.schema.names:
        assert got.column(name).to_pylist() == want.column(name).to_pylist(), name
