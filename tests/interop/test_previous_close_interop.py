"""A day whose first bars were priced off the previous session's close (the simulator's
`--first-bar-previous-close`, as live v3 Terminals answer): pyarrow and DuckDB read the
underlying's quote time as the instant the Terminal printed, on the previous day."""
import datetime
import subprocess

import duckdb
import pyarrow.parquet as pq
import pytest

from test_archive_interop import DATE, NEW_YORK, TIMEOUT, clean_environment, served_rows, spx_data, utc_ms


@pytest.fixture(scope="module")
def previous_close(tmp_path_factory):
    proc = subprocess.Popen([spx_data(), "simulate", "--api", "v3", "--port", "0", "--scale", "0.02",
                             "--first-bar-previous-close"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = proc.stdout.readline().strip()
        root = tmp_path_factory.mktemp("previous-close")
        result = subprocess.run(
            [spx_data(), "process", DATE, "--db", str(root / "ledger.db"), "--set", f"thetadata.baseUrl={url}",
             "--set", f"processing.outputDirectory={root / 'out'}", "--set", f"processing.tempDirectory={root / 'staging'}",
             "--set", "processing.minFreeDiskGB=0"],
            capture_output=True, text=True, timeout=TIMEOUT, env=clean_environment())
        assert result.returncode == 0, result.stderr + result.stdout
        yield {"path": str(root / "out" / "2024" / "03" / "15" / f"spx-options-{DATE}.parquet"), "served": served_rows(url)}
    finally:
        proc.terminate()
        proc.wait(timeout=TIMEOUT)


def test_underlying_times_are_the_served_instants(previous_close):
    table = pq.read_table(previous_close["path"], columns=["root", "expiration", "strike", "right", "timestamp",
                                                           "underlying_timestamp"])
    archived = sorted(zip(*(table[c].to_pylist() for c in table.column_names)))
    served = previous_close["served"]
    assert len(archived) == len(served)
    want = sorted(utc_ms(r["underlying_timestamp"]) for r in served)
    got = sorted(round(row[5].timestamp() * 1000) for row in archived)
    assert got == want


def test_first_bars_fall_on_the_previous_session(previous_close):
    rows = pq.read_table(previous_close["path"], columns=["timestamp", "underlying_timestamp"]).to_pylist()
    first = [r for r in rows if r["timestamp"].astimezone(NEW_YORK).strftime("%H:%M") == "09:30"]
    assert first and len(first) < len(rows)
    for r in first:
        local = r["underlying_timestamp"].astimezone(NEW_YORK)
        assert local.date() == datetime.date(2024, 3, 14) and local.strftime("%H:%M") == "16:00"
    days = duckdb.connect().execute(
        f"SELECT count(*) FROM read_parquet('{previous_close['path']}') "
        "WHERE CAST(timezone('America/New_York', underlying_timestamp) AS DATE) < DATE '2024-03-15'").fetchone()[0]
    assert days == len(first)
