"""The day file a researcher would script against the Terminal, for scripts/bench-process.

    researcher_day.py BASE_URL YYYY-MM-DD OUT.parquet [--engine pyarrow|pandas]

Lists the contracts alive on the date for SPX and SPXW, requests each expiration's one-minute
greeks as CSV one after the other with `requests`, builds one table for the day and writes it
with pyarrow (ZSTD). The table is shaped as the archive's: expiration as a date, strike in
tenths of a cent, New York timestamps converted to UTC. Prints "ROWS SECONDS EXPIRATIONS".

- pyarrow: pyarrow.csv parses each body (multi-threaded), pyarrow.compute shapes it;
- pandas: pandas.read_csv (pyarrow engine) parses it, pandas shapes it, `to_parquet` writes.
"""
import io
import sys
import time

import requests

ROOTS = ("SPX", "SPXW")


def expirations(session, base, root, date):
    """The expirations on or after the date, from the contracts listed that day."""
    compact = date.replace("-", "")
    r = session.get(f"{base}/v3/option/list/contracts/quote", params={"symbol": root, "date": compact, "format": "csv"})
    r.raise_for_status()
    lines = r.text.splitlines()
    column = lines[0].split(",").index("expiration")
    listed = {line.split(",")[column] for line in lines[1:] if line}
    return sorted(e for e in listed if e >= date)


def bodies(session, base, date):
    """Yields each expiration's CSV body, in archive order."""
    compact = date.replace("-", "")
    for root in ROOTS:
        for expiration in expirations(session, base, root, date):
            r = session.get(f"{base}/v3/option/history/greeks/first_order", params={
                "symbol": root, "expiration": expiration.replace("-", ""), "date": compact,
                "interval": "1m", "format": "csv"})
            r.raise_for_status()
            yield r.content


def with_pyarrow(chunks, out):
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    times = ["timestamp", "underlying_timestamp"]
    convert = pcsv.ConvertOptions(column_types={"symbol": pa.string(), "right": pa.string(),
                                                "expiration": pa.date32(), "strike": pa.float64(),
                                                **{c: pa.timestamp("ms") for c in times}})
    tables = []
    for body in chunks:
        t = pcsv.read_csv(io.BytesIO(body), convert_options=convert)
        strike = pc.cast(pc.round(pc.multiply(t["strike"], 1000)), pa.int64())
        t = t.set_column(t.schema.get_field_index("strike"), "strike", strike)
        for name in times:
            utc = pc.assume_timezone(t[name], "America/New_York").cast(pa.timestamp("ms", tz="UTC"))
            t = t.set_column(t.schema.get_field_index(name), name, utc)
        tables.append(t.rename_columns(["root" if c == "symbol" else c for c in t.column_names]))
    table = pa.concat_tables(tables)
    pq.write_table(table, out, compression="zstd")
    return table.num_rows, len(tables)


def with_pandas(chunks, out):
    import pandas as pd

    frames = []
    for body in chunks:
        df = pd.read_csv(io.BytesIO(body), engine="pyarrow")
        df = df.rename(columns={"symbol": "root"})
        df["expiration"] = pd.to_datetime(df["expiration"]).dt.date
        df["strike"] = (df["strike"] * 1000).round().astype("int64")
        for name in ("timestamp", "underlying_timestamp"):
            df[name] = pd.to_datetime(df[name]).dt.tz_localize("America/New_York").dt.tz_convert("UTC")
        frames.append(df)
    day = pd.concat(frames, ignore_index=True)
    day.to_parquet(out, engine="pyarrow", compression="zstd", index=False)
    return len(day), len(frames)


def main():
    base, date, out = sys.argv[1:4]
    engine = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--engine" else "pyarrow"
    started = time.perf_counter()
    with requests.Session() as session:
        rows, count = (with_pandas if engine == "pandas" else with_pyarrow)(bodies(session, base, date), out)
    print(rows, time.perf_counter() - started, count)


if __name__ == "__main__":
    main()
