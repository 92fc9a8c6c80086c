"""The Python module on its own: API, schema rules, key handling, pickling,
and tokens identical to the CLI's."""

from __future__ import annotations

import pickle
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import qorgau
from conftest import KEY, PERSONAL_NAMES, POLICY, assert_no_personal_name, cli_anonymize

IIN = "900101300811"


def batch() -> pa.RecordBatch:
    return pa.record_batch(
        {
            "note": ["клиент ИИН " + IIN, "без данных", None],
            "iin": pa.array([int(IIN), None, 12345], pa.int64()),
            "order_no": pa.array([900101300811, 7, 8], pa.int64()),
            "amount": [1.5, 2.0, 3.25],
        }
    )


def test_tags_and_schema_rules() -> None:
    a = qorgau.Anonymizer({"kinds": {"iin": "tag", "bin": "tag"}})
    b = batch()
    out = a.transform_batch(b)
    assert out.schema == a.output_schema(b.schema)
    assert out.column("note").to_pylist() == ["клиент ИИН <IIN>", "без данных", None]
    # A hinted integer column becomes text; an unhinted one stays an
    # integer and a found IIN in it becomes null.
    assert out.schema.field("iin").type == pa.string()
    assert out.column("iin").to_pylist() == ["<IIN>", None, "12345"]
    assert out.schema.field("order_no").type == pa.int64()
    assert out.column("order_no").to_pylist() == [None, 7, 8]
    # Untouched columns are passed on as they came.
    assert out.column("amount").to_pylist() == [1.5, 2.0, 3.25]


def test_scan_batch_shows_no_raw_values() -> None:
    found = qorgau.Anonymizer().scan_batch(batch())
    assert found.schema.names == ["column", "row", "kind", "confidence", "preview"]
    rows = found.to_pylist()
    assert {(r["column"], r["row"], r["kind"]) for r in rows} >= {("note", 0, "iin"), ("iin", 0, "iin")}
    assert all(IIN not in r["preview"] for r in rows)


def test_scan_text_gives_character_offsets() -> None:
    text = "Қызметкер: ИИН " + IIN + ", почта aigerim.nurlanova@mail.kz"
    found = qorgau.scan_text(text)
    kinds = {f["kind"]: f for f in found}
    assert text[kinds["iin"]["start"] : kinds["iin"]["end"]] == IIN
    assert text[kinds["email"]["start"] : kinds["email"]["end"]] == "aigerim.nurlanova@mail.kz"
    assert all(IIN not in f["preview"] for f in found)


def test_policy_forms_agree(tmp_path: Path) -> None:
    toml = '[kinds]\niin = "token"\n'
    path = tmp_path / "p.toml"
    path.write_text(toml, encoding="utf-8")
    outs = [
        qorgau.Anonymizer(p).transform_batch(batch()).column("note").to_pylist()
        for p in (toml, str(path), path, {"kinds": {"iin": "token"}})
    ]
    assert all(o == outs[0] for o in outs)
    assert outs[0][0].startswith("клиент ИИН IIN_")


def test_key_is_needed_and_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QORGAU_KEY")
    with pytest.raises(ValueError, match="key"):
        qorgau.Anonymizer({"kinds": {"iin": "token"}})
    with pytest.raises(ValueError) as e:
        qorgau.Anonymizer({"kinds": {"iin": "token"}}, key="tooshort")
    assert "tooshort" not in str(e.value)
    a = qorgau.Anonymizer({"kinds": {"iin": "token"}}, key=KEY)
    assert KEY not in repr(a) and KEY not in str(pickle.dumps(a))
    # Hex text, its bytes as text, and the raw bytes it decodes to are one key.
    outs = {
        qorgau.Anonymizer({"kinds": {"iin": "token"}}, key=k).transform_batch(batch()).column("note")[0].as_py()
        for k in (KEY, KEY.encode(), bytes.fromhex(KEY))
    }
    assert len(outs) == 1


def test_pickled_anonymizer_reads_the_key_on_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    a = qorgau.Anonymizer({"kinds": {"iin": "token"}})
    want = a.transform_batch(batch())
    data = pickle.dumps(a)
    assert pickle.loads(data).transform_batch(batch()) == want
    monkeypatch.setenv("QORGAU_KEY", "ab" * 32)
    assert pickle.loads(data).transform_batch(batch()) != want
    monkeypatch.delenv("QORGAU_KEY")
    with pytest.raises(ValueError, match="QORGAU_KEY"):
        pickle.loads(data)


def test_bad_policy_names_the_line() -> None:
    with pytest.raises(ValueError, match=r"policy:2"):
        qorgau.Anonymizer('[kinds]\niin = "shred"\n')


def test_tokens_equal_the_clis_on_the_same_parquet(cli: Path, extract: Path, tmp_path: Path) -> None:
    cli_out = tmp_path / "cli.parquet"
    cli_anonymize(cli, extract, cli_out, POLICY, KEY)
    want = pq.read_table(cli_out)
    a = qorgau.Anonymizer(POLICY)
    table = pq.read_table(extract)
    got = a.transform_table(table)
    assert got.num_rows == want.num_rows
    for name in want.schema.names:
        w, g = want.column(name).to_pylist(), got.column(name).to_pylist()
        if want.schema.field(name).type != got.schema.field(name).type:
            # The CLI reads the whole file first; the batch path decides
            # from the schema. Values agree as text.
            w = [None if v is None else str(v) for v in w]
            g = [None if v is None else str(v) for v in g]
        assert w == g, name


def test_shard_is_a_cli_flag(cli: Path) -> None:
    out = subprocess.run([str(cli), "anonymize", "--help"], capture_output=True, text=True)
    assert "--shard" in out.stdout


def test_personal_column_names_are_renamed_as_the_cli_renames_them(
    cli: Path, personal_columns: Path, tmp_path: Path
) -> None:
    cli_out = tmp_path / "cli.parquet"
    cli_anonymize(cli, personal_columns, cli_out, POLICY, KEY)
    want = pq.read_table(cli_out)
    assert_no_personal_name(want.schema.names)
    a = qorgau.Anonymizer(POLICY)
    table = pq.read_table(personal_columns)
    schema = a.output_schema(table.schema)
    got = a.transform_table(table)
    assert got.schema.names == schema.names == want.schema.names
    assert got.equals(want.cast(got.schema))
    batch = table.to_batches()[0]
    assert a.transform_batch(batch).schema.names == want.schema.names
    # Scanned: the names are findings with row -1, shown masked.
    found = a.scan_batch(batch).to_pylist()
    named = [f for f in found if f["row"] == -1]
    assert sorted(f["kind"] for f in named) == ["email", "iin", "person"]
    assert_no_personal_name([f["column"] for f in found] + [f["preview"] for f in found])
