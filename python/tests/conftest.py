"""Shared fixtures: the CLI binary (built by cargo), a key, and a generated
Parquet extract (synthetic people, valid checksums)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEY = "5f1d8e0c2b7a4f3e9d6c1b0a8f7e6d5c4b3a29180f7e6d5c4b3a291807f6e5d4"


def _cli() -> Path:
    given = os.environ.get("QORGAU_BIN")
    if given:
        return Path(given)
    built = [ROOT / "target" / p / "qorgau" for p in ("release", "debug")]
    built = [b for b in built if b.exists()]
    if not built:
        pytest.skip("build the CLI first (cargo build) or set QORGAU_BIN")
    return max(built, key=lambda b: b.stat().st_mtime)


@pytest.fixture(scope="session")
def cli() -> Path:
    return _cli()


@pytest.fixture(autouse=True)
def key_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("QORGAU_KEY", KEY)
    return KEY


@pytest.fixture(scope="session")
def extract(tmp_path_factory: pytest.TempPathFactory, cli: Path) -> Path:
    out = tmp_path_factory.mktemp("synth")
    subprocess.run(
        [str(cli), "synth", "--out", str(out), "--parquet-rows", "20000"],
        check=True,
        capture_output=True,
    )
    return out / "bench.parquet"


#: Column names that are personal data (synthetic): an e-mail, an IIN with
#: a valid check digit, a person (one column per person, as in a pivot).
PERSONAL_NAMES = ["aigerim.saparova@example.kz", "900101300811", "Сапарова Айгерим Нурлановна"]


@pytest.fixture(scope="session")
def personal_columns(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Parquet file whose column names (but `id`) are personal data."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path_factory.mktemp("names") / "pivot.parquet"
    table = pa.table(
        {"id": pa.array(range(1, 41), pa.int64()), **{n: [f"v{i}" for i in range(40)] for n in PERSONAL_NAMES}}
    )
    pq.write_table(table, out)
    return out


def assert_no_personal_name(names: list) -> None:
    for n in names:
        for raw in PERSONAL_NAMES:
            assert raw not in n, "a personal column name was left in the schema"


POLICY = """
[kinds]
iin = "token"
phone = "token"
email = "token"
person = "token"
card = "mask"

[columns]
fio = "token"
"""


def cli_anonymize(cli: Path, src: Path, dst: Path, policy: str, key: str) -> None:
    pol = dst.parent / "policy.toml"
    pol.write_text(policy, encoding="utf-8")
    env = dict(os.environ, QORGAU_KEY=key)
    subprocess.run(
        [str(cli), "anonymize", str(src), "-o", str(dst), "--policy", str(pol), "-q"],
        check=True,
        env=env,
        capture_output=True,
    )
