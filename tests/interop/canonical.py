"""The canonical JSON form of a table (see README.md), and conversions to and from pyarrow.

Values live in the Parquet *physical* domain: INT32/INT64 hold the stored signed integer
(uint64 2**64-1 is -1, DATE is days, TIMESTAMP the raw count in its unit, DECIMAL the
unscaled integer), FLOAT/DOUBLE are hex bit patterns so NaN payloads and -0.0 compare
exactly, byte arrays are lowercase hex (DECIMAL in FLBA is big-endian two's complement).
"""
import decimal
import json
import struct

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

# Decimals up to 38 digits pass through here; the default context rounds at 28.
decimal.getcontext().prec = 80

UNITS = {"MILLIS": "ms", "MICROS": "us", "NANOS": "ns"}
JSON_UNITS = {"milliseconds": "MILLIS", "microseconds": "MICROS", "nanoseconds": "NANOS"}


def wrap(value, bits):
    """An unsigned integer as the signed integer with the same bits."""
    return value - (1 << bits) if value >= 1 << (bits - 1) else value


def float_hex(value, double):
    fmt, width = ("<d", 16) if double else ("<f", 8)
    return "0x" + format(struct.unpack("<Q" if double else "<I", struct.pack(fmt, value))[0], f"0{width}x")


def decimal_to_unscaled(value, scale):
    return int(value.scaleb(scale))


def unscaled_to_flba(unscaled, length):
    return (unscaled % (1 << (8 * length))).to_bytes(length, "big")


def logical_of(column):
    """The canonical logical annotation of a pyarrow ParquetSchema column."""
    info = json.loads(column.logical_type.to_json())
    kind = info.get("Type")
    if kind == "String":
        return {"type": "STRING"}
    if kind == "Date":
        return {"type": "DATE"}
    if kind == "Timestamp":
        return {"type": "TIMESTAMP", "unit": JSON_UNITS[info["timeUnit"]], "utc": info["isAdjustedToUTC"]}
    if kind == "Int":
        return {"type": "INTEGER", "bits": info["bitWidth"], "signed": info["isSigned"]}
    if kind == "Decimal":
        return {"type": "DECIMAL", "precision": info["precision"], "scale": info["scale"]}
    return None


def column_values(array, physical, logical, type_length):
    """Canonical values of a pyarrow (chunked) array whose file column is `physical`."""
    array = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    valid = array.is_valid().to_pylist()
    out = []
    if physical in ("FLOAT", "DOUBLE"):
        double = physical == "DOUBLE"
        raw = array.fill_null(0).to_numpy(zero_copy_only=False)
        bits = raw.astype(np.float64 if double else np.float32).view(np.uint64 if double else np.uint32)
        width = 16 if double else 8
        return ["0x" + format(int(b), f"0{width}x") if ok else None for b, ok in zip(bits, valid)]
    values = array.to_pylist() if not pa.types.is_timestamp(array.type) and not pa.types.is_date(array.type) \
        else array.cast(pa.int64() if pa.types.is_timestamp(array.type) else pa.int32()).to_pylist()
    for v, ok in zip(values, valid):
        if not ok:
            out.append(None)
        elif physical == "BOOLEAN":
            out.append(bool(v))
        elif physical in ("INT32", "INT64"):
            bits = 32 if physical == "INT32" else 64
            if isinstance(v, decimal.Decimal):
                v = decimal_to_unscaled(v, logical["scale"])
            out.append(wrap(int(v) % (1 << bits), bits))
        elif physical == "FIXED_LEN_BYTE_ARRAY" and isinstance(v, decimal.Decimal):
            out.append(unscaled_to_flba(decimal_to_unscaled(v, logical["scale"]), type_length).hex())
        elif isinstance(v, str):
            out.append(v.encode("utf-8").hex())
        else:
            out.append(bytes(v).hex())
    return out


def read_with_pyarrow(path, verify_crc=True):
    """The canonical table of a Parquet file, as pyarrow reads it."""
    table = pq.read_table(path, page_checksum_verification=verify_crc)
    schema = pq.ParquetFile(path).schema
    meta = pq.ParquetFile(path).metadata
    columns = []
    for i, col in enumerate(schema):
        logical = logical_of(col)
        entry = {"name": col.name, "physical": col.physical_type, "optional": col.max_definition_level == 1,
                 "logical": logical}
        if col.physical_type == "FIXED_LEN_BYTE_ARRAY":
            entry["type_length"] = col.length
        entry["values"] = column_values(table.column(i), col.physical_type, logical, col.length)
        columns.append(entry)
    metadata = {k.decode(): v.decode() for k, v in (meta.metadata or {}).items()}
    return {"columns": columns, "metadata": metadata, "num_rows": meta.num_rows}


def to_arrow(spec):
    """The pyarrow table holding a spec's logical content (for pyarrow and DuckDB to write)."""
    arrays, fields = [], []
    for col in spec["columns"]:
        array = arrow_array(col)
        arrays.append(array)
        fields.append(pa.field(col["name"], array.type, nullable=col["optional"]))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def arrow_array(col):
    physical, logical, values = col["physical"], col.get("logical"), col["values"]
    mask = np.array([v is None for v in values], dtype=bool)
    kind = (logical or {}).get("type")
    if physical in ("FLOAT", "DOUBLE"):
        double = physical == "DOUBLE"
        bits = np.array([int(v, 16) if v is not None else 0 for v in values], dtype=np.uint64 if double else np.uint32)
        return pa.array(bits.view(np.float64 if double else np.float32), mask=mask)
    if physical == "BOOLEAN":
        return pa.array(values, pa.bool_())
    if kind == "DECIMAL":
        p, s = logical["precision"], logical["scale"]
        if physical == "FIXED_LEN_BYTE_ARRAY":
            ints = [None if v is None else int.from_bytes(bytes.fromhex(v), "big", signed=True) for v in values]
        else:
            ints = values
        return pa.array([None if v is None else decimal.Decimal(v).scaleb(-s) for v in ints], pa.decimal128(p, s))
    if physical in ("INT32", "INT64"):
        bits = 32 if physical == "INT32" else 64
        if kind == "DATE":
            return pa.array(values, pa.int32()).cast(pa.date32())
        if kind == "TIMESTAMP":
            return pa.array(values, pa.int64()).cast(pa.timestamp(UNITS[logical["unit"]], tz="UTC" if logical["utc"] else None))
        if kind == "INTEGER":
            width, signed = logical["bits"], logical["signed"]
            if not signed:
                values = [None if v is None else v % (1 << width) for v in values]
            return pa.array(values, getattr(pa, ("int" if signed else "uint") + str(width))())
        return pa.array(values, pa.int32() if bits == 32 else pa.int64())
    if physical == "FIXED_LEN_BYTE_ARRAY":
        return pa.array([None if v is None else bytes.fromhex(v) for v in values], pa.binary(col["type_length"]))
    if kind == "STRING":
        return pa.array([None if v is None else bytes.fromhex(v).decode("utf-8") for v in values], pa.string())
    return pa.array([None if v is None else bytes.fromhex(v) for v in values], pa.binary())
