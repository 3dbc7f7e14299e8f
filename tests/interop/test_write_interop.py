"""Files our writer writes, read by pyarrow (with page CRC verification) and by DuckDB."""
import copy
import decimal
import os
import struct

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings

from canonical import read_with_pyarrow
from conftest import assert_columns_equal, write_ours
from strategies import table_spec

EXAMPLES = int(os.environ.get("INTEROP_EXAMPLES", "40"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


def expected_columns(spec):
    return [{k: v for k, v in c.items() if k != "encoding"} for c in spec["columns"]]


def duckdb_expression(col):
    """SQL that turns DuckDB's value of `col` back into the spec's physical domain, so the
    comparison is exact wherever DuckDB's own types can represent the value."""
    name = '"' + col["name"] + '"'
    logical = col.get("logical") or {}
    kind = logical.get("type")
    if kind == "DATE":
        return f"CAST({name} - DATE '1970-01-01' AS BIGINT)"
    if kind == "TIMESTAMP":
        function = {"MILLIS": "epoch_ms", "MICROS": "epoch_us", "NANOS": "epoch_ns"}[logical["unit"]]
        return f"{function}({name})"
    if kind == "DECIMAL":
        return f"CAST({name} AS VARCHAR)"
    if col["physical"] == "FLOAT":
        return f"CAST({name} AS DOUBLE)"
    return name


def duckdb_value(col, value):
    """A DuckDB result value in canonical form."""
    if value is None:
        return None
    physical, logical = col["physical"], col.get("logical") or {}
    if logical.get("type") == "DECIMAL":
        unscaled = int(decimal.Decimal(value).scaleb(logical["scale"]))
        if physical == "FIXED_LEN_BYTE_ARRAY":
            n = col["type_length"]
            return (unscaled % (1 << (8 * n))).to_bytes(n, "big").hex()
        return unscaled
    if physical in ("INT32", "INT64"):
        bits = 32 if physical == "INT32" else 64
        value %= 1 << bits
        return value - (1 << bits) if value >= 1 << (bits - 1) else value
    if physical == "FLOAT":
        return "0x" + format(struct.unpack("<I", struct.pack("<f", value))[0], "08x")
    if physical == "DOUBLE":
        return "0x" + format(struct.unpack("<Q", struct.pack("<d", value))[0], "016x")
    if physical == "BOOLEAN":
        return bool(value)
    if isinstance(value, str):
        return value.encode("utf-8").hex()
    return bytes(value).hex()


def comparable_for_duckdb(col, value):
    """DuckDB computes in its own types: every NaN is one NaN to it, and a UTC-adjusted
    NANOS timestamp becomes a microsecond TIMESTAMPTZ. Those are DuckDB's conversions, not
    the file's content (pyarrow checks that exactly), so only there is the comparison
    widened to what DuckDB can represent."""
    if value is None:
        return None
    logical = col.get("logical") or {}
    if col["physical"] in ("FLOAT", "DOUBLE"):
        width = 8 if col["physical"] == "FLOAT" else 16
        bits = int(value, 16)
        exponent_mask, mantissa_mask = ((0x7F800000, 0x7FFFFF) if width == 8 else (0x7FF0000000000000, (1 << 52) - 1))
        if bits & exponent_mask == exponent_mask and bits & mantissa_mask:
            return "NaN"
    if logical.get("type") == "TIMESTAMP" and logical["unit"] == "NANOS" and logical["utc"]:
        return value // 1000
    return value


def check_with_duckdb(spec, path):
    columns = spec["columns"]
    if not columns:
        return
    select = ", ".join(duckdb_expression(c) for c in columns)
    rows = duckdb.connect().execute(f"SELECT {select} FROM read_parquet('{path}')").fetchall()
    assert len(rows) == len(columns[0]["values"]), "DuckDB row count"
    for i, col in enumerate(columns):
        for r, (row, want) in enumerate(zip(rows, col["values"])):
            got = duckdb_value(col, row[i])
            assert comparable_for_duckdb(col, got) == comparable_for_duckdb(col, want), \
                f"DuckDB: column {col['name']} row {r}: expected {want!r}, got {got!r}"


@SETTINGS
@given(spec=table_spec())
def test_random_tables_read_back_exactly(spec, tmp_path_factory):
    directory = str(tmp_path_factory.mktemp("write"))
    path = write_ours(spec, directory)
    back = read_with_pyarrow(path, verify_crc=True)
    assert back["num_rows"] == (len(spec["columns"][0]["values"]) if spec["columns"] else 0)
    assert_columns_equal(expected_columns(spec), back["columns"], "pyarrow")
    assert back["metadata"] == spec["metadata"]
    check_with_duckdb(spec, path)


def large_spec(codec, version):
    rows = 200_000
    names = [f"k{i % 5003}" for i in range(rows)]
    return {
        "columns": [
            {"name": "ts", "physical": "INT64", "optional": False,
             "logical": {"type": "TIMESTAMP", "unit": "MILLIS", "utc": True}, "encoding": "DELTA_BINARY_PACKED",
             "values": [1_700_000_000_000 + 60_000 * i for i in range(rows)]},
            {"name": "sym", "physical": "BYTE_ARRAY", "optional": True, "logical": {"type": "STRING"},
             "values": [None if i % 97 == 0 else n.encode().hex() for i, n in enumerate(names)]},
            {"name": "px", "physical": "DOUBLE", "optional": False, "logical": None,
             "values": ["0x" + format(int.from_bytes(struct.pack("<d", (i % 7919) / 100), "little"), "016x")
                        for i in range(rows)]},
        ],
        "options": {"codec": codec, "page_version": version, "row_group_rows": 65536, "page_rows": 20000,
                    "dictionary_limit": 16384},
        "metadata": {"size": "large"},
    }


def test_large_multi_row_group_file_every_codec_and_page_version(tmp_path):
    for codec in ["UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD"]:
        for version in [1, 2]:
            spec = large_spec(codec, version)
            path = write_ours(copy.deepcopy(spec), str(tmp_path), f"large-{codec}-{version}.parquet")
            back = read_with_pyarrow(path, verify_crc=True)
            assert back["num_rows"] == 200_000
            assert_columns_equal(expected_columns(spec), back["columns"], f"pyarrow {codec} v{version}")
            meta = pq.ParquetFile(path).metadata
            assert meta.num_row_groups == 4
            encodings = meta.row_group(0).column(1).encodings
            assert "RLE_DICTIONARY" in encodings and "PLAIN" in encodings, f"dictionary fallback expected: {encodings}"
            check_with_duckdb(spec, path)


def test_pyarrow_prunes_row_groups_with_our_statistics(tmp_path):
    spec = large_spec("ZSTD", 1)
    path = write_ours(spec, str(tmp_path))
    fragment = next(ds.dataset(path).get_fragments())
    cutoff = 1_700_000_000_000 + 60_000 * 150_000
    kept = fragment.subset(filter=ds.field("ts") >= pa.scalar(cutoff, type=pa.timestamp("ms", tz="UTC")))
    assert kept.num_row_groups == 2, "the statistics should let pyarrow skip the first two row groups"
