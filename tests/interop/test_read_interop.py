"""Files pyarrow and DuckDB write, in every encoding, codec and page version they offer,
read by our reader (with CRC verification) and compared with what pyarrow reads."""
import os

import duckdb
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings

from canonical import read_with_pyarrow, to_arrow
from conftest import assert_columns_equal, read_ours
from strategies import table_spec

EXAMPLES = int(os.environ.get("INTEROP_READ_EXAMPLES", "6"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])

CODECS = ["NONE", "SNAPPY", "GZIP", "ZSTD", "LZ4"]
FAMILIES = ["dictionary", "plain", "delta", "byte_stream_split"]


def column_encodings(table, family):
    """pyarrow's column_encoding for a family, per column where pyarrow allows it."""
    import pyarrow as pa
    result = {}
    for field in table.schema:
        t = field.type
        if family == "plain":
            result[field.name] = "PLAIN"
        elif family == "delta":
            if pa.types.is_integer(t) or pa.types.is_date(t) or pa.types.is_timestamp(t):
                result[field.name] = "DELTA_BINARY_PACKED"
            elif pa.types.is_string(t) or pa.types.is_binary(t):
                result[field.name] = "DELTA_BYTE_ARRAY" if hash(field.name) % 2 else "DELTA_LENGTH_BYTE_ARRAY"
            else:
                result[field.name] = "PLAIN"
        elif family == "byte_stream_split":
            if pa.types.is_floating(t) or pa.types.is_integer(t) or pa.types.is_fixed_size_binary(t):
                result[field.name] = "BYTE_STREAM_SPLIT"
            else:
                result[field.name] = "PLAIN"
    return result


def compare(path, label):
    expected = read_with_pyarrow(path, verify_crc=True)
    ours = read_ours(path, verify_crc=True)
    assert ours["num_rows"] == expected["num_rows"], f"{label}: row count"
    assert_columns_equal(expected["columns"], ours["columns"], label)
    assert ours["metadata"] == expected["metadata"], f"{label}: key-value metadata"


@pytest.mark.parametrize("version", ["1.0", "2.0"])
@pytest.mark.parametrize("codec", CODECS)
@pytest.mark.parametrize("family", FAMILIES)
@SETTINGS
@given(spec=table_spec(max_rows=2000, options=False))
def test_pyarrow_files(family, codec, version, spec, tmp_path_factory):
    table = to_arrow(spec)
    path = str(tmp_path_factory.mktemp("pa") / "pyarrow.parquet")
    options = dict(compression=codec, data_page_version=version, write_page_checksum=True,
                   data_page_size=512, row_group_size=700, write_statistics=True)
    if family == "dictionary":
        options["use_dictionary"] = True
    else:
        options["use_dictionary"] = False
        options["column_encoding"] = column_encodings(table, family)
    pq.write_table(table, path, **options)
    compare(path, f"pyarrow {family} {codec} v{version}")


@pytest.mark.parametrize("version", ["v1", "v2"])
@pytest.mark.parametrize("codec", ["uncompressed", "snappy", "gzip", "zstd"])
@SETTINGS
@given(spec=table_spec(max_rows=2000, options=False))
def test_duckdb_files(codec, version, spec, tmp_path_factory):
    # DuckDB's v1 mode writes legacy PLAIN_DICTIONARY pages; v2 uses the DELTA encodings.
    table = to_arrow(spec)
    path = str(tmp_path_factory.mktemp("duck") / "duckdb.parquet")
    con = duckdb.connect()
    con.register("t", table)
    con.execute(f"COPY (SELECT * FROM t) TO '{path}' "
                f"(FORMAT parquet, COMPRESSION {codec}, PARQUET_VERSION {version}, ROW_GROUP_SIZE 1024)")
    compare(path, f"duckdb {codec} {version}")


def test_duckdb_v2_uses_delta_encodings(tmp_path):
    """Guards the test above: it only proves something if DuckDB really writes DELTA pages."""
    path = str(tmp_path / "d.parquet")
    duckdb.connect().execute(
        f"COPY (SELECT i::BIGINT AS i, 'k' || (i % 1000) AS s FROM range(10000) t(i)) TO '{path}' "
        "(FORMAT parquet, PARQUET_VERSION v2)")
    meta = pq.ParquetFile(path).metadata
    encodings = set(meta.row_group(0).column(0).encodings) | set(meta.row_group(0).column(1).encodings)
    assert encodings & {"DELTA_BINARY_PACKED", "DELTA_BYTE_ARRAY", "DELTA_LENGTH_BYTE_ARRAY"}, encodings
    compare(path, "duckdb v2 delta")
