"""A day archived by `spx-data process` from the Terminal simulator, read back by pyarrow and
DuckDB and compared, value by value, with what the simulator served over HTTP.

The simulator is a separate process at a small scale; the archive goes to a temporary
directory with its own ledger, so nothing here touches the user's configuration.
"""
import csv
import datetime
import decimal
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import urllib.request
import zoneinfo

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

DATE = "2024-03-15"
ROOTS = ("SPX", "SPXW")
TIMEOUT = 120
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
GREEKS = ["bid", "ask", "delta", "theta", "vega", "rho", "epsilon", "lambda", "implied_vol", "iv_error"]


def spx_data():
    path = os.environ.get("SPX_DATA")
    if not path:
        pytest.fail("SPX_DATA is not set: point it at the built spx-data binary (scripts/test does this)")
    if not os.path.exists(path):
        pytest.fail(f"SPX_DATA names {path}, which does not exist; run `swift build` first")
    return path


def clean_environment():
    """This environment without SPX_DATA_* settings, so only the test's --set values apply."""
    return {k: v for k, v in os.environ.items() if not k.startswith("SPX_DATA_")}


@pytest.fixture(scope="module")
def simulator():
    proc = subprocess.Popen([spx_data(), "simulate", "--api", "v3", "--port", "0", "--scale", "0.02"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), f"simulate printed {url!r} instead of its base URL"
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=TIMEOUT)


@pytest.fixture(scope="module")
def archived(simulator, tmp_path_factory):
    """Runs `process DATE` once; returns the day file's path, the JSON summary and the ledger path."""
    root = tmp_path_factory.mktemp("archive")
    db = root / "ledger.db"
    command = [spx_data(), "process", DATE, "--symbol", "SPX", "--format", "json", "--db", str(db),
               "--set", f"thetadata.baseUrl={simulator}", "--set", "thetadata.apiVersion=v3",
               "--set", f"processing.outputDirectory={root / 'out'}",
               "--set", f"processing.tempDirectory={root / 'staging'}", "--set", "processing.minFreeDiskGB=0"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, env=clean_environment())
    except subprocess.TimeoutExpired:
        pytest.fail(f"spx-data process hung for more than {TIMEOUT} s")
    assert result.returncode == 0, f"spx-data process failed ({result.returncode}): {result.stderr}{result.stdout}"
    # Progress lines come first; the summary is the JSON object that ends the output.
    summary = json.loads(result.stdout[result.stdout.index("\n{") + 1:] if not result.stdout.startswith("{")
                         else result.stdout)
    path = str(root / "out" / "2024" / "03" / "15" / f"spx-options-{DATE}.parquet")
    assert summary["files"] == [path]
    return {"path": path, "summary": summary, "db": str(db)}


def duck(sql):
    return duckdb.connect().execute(sql).fetchall()


def get(url):
    with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
        return response.read().decode()


def served_rows(base):
    """Every row the simulator serves for the day, as CSV dicts, expiration by expiration in
    the order the archive plans them: root, then expiration."""
    compact = DATE.replace("-", "")
    rows = []
    for root in ROOTS:
        listed = csv.DictReader(io.StringIO(get(f"{base}/v3/option/list/contracts/quote?symbol={root}&date={compact}&format=csv")))
        for expiration in sorted({c["expiration"] for c in listed if c["expiration"] >= DATE}):
            body = get(f"{base}/v3/option/history/greeks/first_order?symbol={root}&expiration={expiration.replace('-', '')}"
                       f"&date={compact}&interval=1m&format=csv")
            rows += list(csv.DictReader(io.StringIO(body)))
    return rows


def utc_ms(new_york_text):
    """`2024-03-15T09:30:00.000`, New York wall time, as ms since 1970 UTC."""
    local = datetime.datetime.fromisoformat(new_york_text).replace(tzinfo=NEW_YORK)
    return round(local.timestamp() * 1000)


def ms_of_day(new_york_text):
    t = datetime.datetime.fromisoformat(new_york_text)
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1000 + t.microsecond // 1000


def days(iso_date):
    return (datetime.date.fromisoformat(iso_date) - datetime.date(1970, 1, 1)).days


def expected_columns(rows):
    """The archive's columns as plain values: dates as days since 1970, instants as ms."""
    return {
        "root": [r["symbol"] for r in rows],
        "expiration": [days(r["expiration"]) for r in rows],
        # Strikes in tenths of a cent, from the printed dollars without a float in between.
        "strike": [int(decimal.Decimal(r["strike"]) * 1000) for r in rows],
        "right": [{"CALL": "C", "PUT": "P"}[r["right"]] for r in rows],
        "timestamp": [utc_ms(r["timestamp"]) for r in rows],
        "date": [days(r["timestamp"][:10]) for r in rows],
        "ms_of_day": [ms_of_day(r["timestamp"]) for r in rows],
        **{name: [float(r[name]) for r in rows] for name in GREEKS},
        # The underlying's quote time as a whole instant, whatever day it falls on.
        "underlying_timestamp": [utc_ms(r["underlying_timestamp"]) for r in rows],
        "underlying_price": [float(r["underlying_price"]) for r in rows],
    }


def plain(table):
    """pyarrow columns as plain values, temporal types as their stored integers."""
    out = {}
    for field in table.schema:
        column = table[field.name]
        if pa.types.is_timestamp(field.type):
            column = column.cast(pa.int64())
        elif pa.types.is_date32(field.type):
            column = column.cast(pa.int32())
        out[field.name] = column.to_pylist()
    return out


def test_row_count_matches_summary_and_ledger(archived):
    table = pq.read_table(archived["path"])
    ledger = sqlite3.connect(archived["db"]).execute(
        "SELECT record_count, status FROM processing_log WHERE date = ?", (DATE,)).fetchone()
    assert ledger == (table.num_rows, "success")
    assert archived["summary"]["rows"] == table.num_rows > 0
    assert duck(f"SELECT count(*) FROM read_parquet('{archived['path']}')")[0][0] == table.num_rows
    metadata = pq.read_metadata(archived["path"]).metadata
    assert metadata[b"spx-data.rows"] == str(table.num_rows).encode()
    assert metadata[b"spx-data.date"] == DATE.encode()
    assert metadata[b"spx-data.schema_version"] == b"2"


def test_column_types(archived):
    schema = pq.read_schema(archived["path"])
    want = {"root": pa.string(), "expiration": pa.date32(), "strike": pa.int64(), "right": pa.string(),
            "timestamp": pa.timestamp("ms", tz="UTC"), "date": pa.date32(), "ms_of_day": pa.int32(),
            **{name: pa.float64() for name in GREEKS},
            "underlying_timestamp": pa.timestamp("ms", tz="UTC"), "underlying_price": pa.float64()}
    assert schema.names == list(want)
    for name, kind in want.items():
        assert schema.field(name).type == kind, f"{name}: {schema.field(name).type}, expected {kind}"
    described = dict(duck(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{archived['path']}'))"))
    assert described["expiration"] == described["date"] == "DATE"
    assert described["timestamp"] == described["underlying_timestamp"] == "TIMESTAMP WITH TIME ZONE"
    assert described["strike"] == "BIGINT"
    assert described["root"] == described["right"] == "VARCHAR"
    assert described["ms_of_day"] == "INTEGER"
    assert all(described[name] == "DOUBLE" for name in GREEKS)


def test_every_value_is_what_the_simulator_served(archived, simulator):
    expected = expected_columns(served_rows(simulator))
    actual = plain(pq.read_table(archived["path"]))
    assert list(actual) == list(expected)
    for name, values in expected.items():
        assert len(actual[name]) == len(values), f"{name}: {len(actual[name])} rows, the simulator served {len(values)}"
        for i, (want, got) in enumerate(zip(values, actual[name])):
            assert want == got, f"{name} row {i}: archived {got!r}, served {want!r}"


def test_duckdb_reads_the_same_instants(archived):
    """DuckDB's view of the UTC timestamps equals pyarrow's, and the first row of the day is
    the open: 09:30 New York, 13:30 UTC on this date (daylight time)."""
    path = archived["path"]
    first = duck(f"SELECT epoch_ms(min(timestamp)) FROM read_parquet('{path}')")[0][0]
    assert first == utc_ms(f"{DATE}T09:30:00.000")
    assert datetime.datetime.fromtimestamp(first / 1000, datetime.timezone.utc).strftime("%H:%M") == "13:30"
    total = duck(f"SELECT sum(epoch_ms(timestamp)) FROM read_parquet('{path}')")[0][0]
    assert total == sum(plain(pq.read_table(path, columns=["timestamp"]))["timestamp"])


def test_rows_are_in_archive_order(archived):
    columns = plain(pq.read_table(archived["path"], columns=["root", "expiration", "strike", "right", "timestamp"]))
    keys = list(zip(*columns.values()))
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys), "a (contract, timestamp) appears twice"


def test_sidecar_is_the_files_sha256(archived):
    path = archived["path"]
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    with open(path + ".sha256") as f:
        assert f.read() == f"{digest}  {os.path.basename(path)}\n"


def test_duckdb_filters_by_expiration(archived):
    """Each expiration's filtered count in DuckDB equals pyarrow's, and every row group carries
    min/max statistics on expiration, which is what lets a reader skip the others."""
    path = archived["path"]
    table = pq.read_table(path, columns=["expiration"])
    counts = {}
    for value in table["expiration"].to_pylist():
        counts[value] = counts.get(value, 0) + 1
    assert len(counts) > 1
    for expiration, count in counts.items():
        got = duck(f"SELECT count(*) FROM read_parquet('{path}') WHERE expiration = DATE '{expiration}'")[0][0]
        assert got == count, f"{expiration}: DuckDB counts {got}, pyarrow {count}"
        filtered = pq.read_table(path, columns=["expiration"], filters=[("expiration", "=", expiration)])
        assert filtered.num_rows == count
    metadata = pq.read_metadata(path)
    column = metadata.schema.names.index("expiration")
    for i in range(metadata.num_row_groups):
        stats = metadata.row_group(i).column(column).statistics
        assert stats is not None and stats.has_min_max, f"row group {i} has no expiration statistics"
