"""Per-batch overhead of the wheel: a 64k-row batch whose columns the policy
leaves alone (numbers, dates, a kept string column) through
``Anonymizer.transform_batch`` — the Arrow C data interface both ways plus
the plan. Run: ``python python/benches/bench_batch.py`` with the wheel
installed; prints the median of 2000 calls."""

from __future__ import annotations

import datetime
import statistics
import time

import pyarrow as pa

import qorgau

ROWS = 65_536


def main() -> None:
    batch = pa.record_batch(
        {
            "amount": pa.array([float(i) for i in range(ROWS)]),
            "birth_year": pa.array([1950 + i % 60 for i in range(ROWS)], pa.int32()),
            "visit_date": pa.array([datetime.date(2024, 1, 1)] * ROWS),
            "region": pa.array(["Алматы", "Астана"] * (ROWS // 2)),
        }
    )
    a = qorgau.Anonymizer({"columns": {"region": "keep"}})
    for _ in range(100):
        a.transform_batch(batch)
    times = []
    for _ in range(2000):
        t = time.perf_counter_ns()
        out = a.transform_batch(batch)
        times.append(time.perf_counter_ns() - t)
    assert out.column(0).buffers()[1].address == batch.column(0).buffers()[1].address
    print(f"transform_batch, {ROWS} rows untouched: median {statistics.median(times) / 1000:.1f} µs, "
          f"p99 {sorted(times)[int(len(times) * 0.99)] / 1000:.1f} µs")


if __name__ == "__main__":
    main()
