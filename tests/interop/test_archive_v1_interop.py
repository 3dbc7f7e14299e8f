"""A day archived before `spx-data.schema_version` existed (schema version 1), kept in
Tests/Fixtures exactly as that version wrote it: pyarrow and DuckDB still read it, and its
sidecar still matches."""
import hashlib
import pathlib
import zoneinfo

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

FIXTURE = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "archive-v1" / "spy-options-2024-03-15.parquet"


def test_version_one_file_reads_in_pyarrow_and_duckdb():
    table = pq.read_table(FIXTURE)
    assert table.num_rows == 52
    assert table.schema.field("underlying_ms_of_day").type == pa.int32()
    assert "underlying_timestamp" not in table.schema.names
    metadata = pq.read_metadata(FIXTURE).metadata
    assert b"spx-data.schema_version" not in metadata and metadata[b"spx-data.dataset"] == b"greeks"
    con = duckdb.connect()
    count, roots = con.execute(f"SELECT count(*), string_agg(DISTINCT root, ',') FROM read_parquet('{FIXTURE}')").fetchone()
    assert (count, roots) == (52, "SPY")
    # Its time columns agree with each other: the instant is the New York date and ms of day.
    new_york = zoneinfo.ZoneInfo("America/New_York")
    for row in table.select(["timestamp", "ms_of_day"]).to_pylist():
        local = row["timestamp"].astimezone(new_york)
        assert (local.hour * 60 + local.minute) * 60_000 == row["ms_of_day"]


def test_version_one_sidecar_still_matches():
    digest = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert (FIXTURE.parent / (FIXTURE.name + ".sha256")).read_text() == f"{digest}  {FIXTURE.name}\n"
