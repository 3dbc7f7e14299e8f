"""Random flat tables in canonical form (see canonical.py).

Hypothesis draws the schema, the options and a seed; the values come from a seeded
`random.Random`, because a few thousand rows of eight columns are more than Hypothesis'
own data buffer holds. Every value generator mixes in the awkward cases: NaN payloads,
-0.0, infinities, type bounds, empty, long and multi-byte strings, NUL bytes.
"""
import random
import struct

from hypothesis import strategies as st

I32 = (-(1 << 31), (1 << 31) - 1)
I64 = (-(1 << 63), (1 << 63) - 1)
WORDS = ["", "SPX", "SPXW", "é", "日本語", "🙂 emoji", "a\u0000b", "x" * 300, "C", "P", "e\u0301"]


def bits_hex(value, double):
    return "0x" + format(struct.unpack("<Q" if double else "<I", struct.pack("<d" if double else "<f", value))[0],
                         "016x" if double else "08x")


def edged(edges, base, share=0.2):
    return lambda r: r.choice(edges) if edges and r.random() < share else base(r)


def wrap(v, bits):
    return v - (1 << bits) if v >= 1 << (bits - 1) else v


def float_gen(double):
    width = 64 if double else 32
    edges = [bits_hex(v, double) for v in (0.0, -0.0, float("inf"), float("-inf"), float("nan"))]
    edges += (["0x7ff8000000000001", "0xfff8dead00000000", "0x0000000000000001", "0x7fefffffffffffff"] if double
              else ["0x7fc00001", "0xffc0beef", "0x00000001", "0x7f7fffff"])

    def base(r):
        if r.random() < 0.5:
            return bits_hex(r.randint(0, 600000) / 100, double)
        return "0x" + format(r.getrandbits(width), f"0{width // 4}x")
    return edged(edges, base)


def random_text(r):
    if r.random() < 0.5:
        return r.choice(WORDS)
    alphabet = [chr(c) for c in (0x41, 0x7A, 0xE9, 0x3B1, 0x65E5, 0x1F642, 0x10FFFF, 0x0, 0x22, 0x5C)]
    return "".join(r.choice(alphabet) for _ in range(r.randint(0, 30)))


@st.composite
def column_spec(draw, index):
    kind = draw(st.sampled_from([
        "bool", "int32", "int8", "uint8", "int16", "uint16", "uint32", "date", "int64", "uint64",
        "ts_ms", "ts_us", "ts_ns", "dec32", "dec64", "decflba", "float", "double", "double", "string", "string",
        "binary", "flba",
    ]))
    col = {"name": f"c{index}_{kind}", "optional": draw(st.booleans()), "logical": None}
    encodings = ["PLAIN", "RLE_DICTIONARY", None]
    if kind == "bool":
        col["physical"], gen, encodings = "BOOLEAN", (lambda r: r.random() < 0.5), ["PLAIN", None]
    elif kind in ("int32", "int8", "uint8", "int16", "uint16", "uint32", "date"):
        col["physical"] = "INT32"
        bits = {"int8": 8, "uint8": 8, "int16": 16, "uint16": 16, "uint32": 32}.get(kind)
        if kind == "date":
            col["logical"] = {"type": "DATE"}
            gen = lambda r: r.randint(-719162, 2932896)  # years 1 to 9999, what Python dates hold
        elif bits:
            signed = not kind.startswith("u")
            col["logical"] = {"type": "INTEGER", "bits": bits, "signed": signed}
            lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
            gen = edged([wrap(lo, 32), wrap(hi, 32), 0], lambda r, lo=lo, hi=hi: wrap(r.randint(lo, hi), 32))
        else:
            gen = edged([I32[0], I32[1], 0, -1], lambda r: r.randint(*I32))
        encodings += ["DELTA_BINARY_PACKED", "BYTE_STREAM_SPLIT"]
    elif kind in ("int64", "uint64", "ts_ms", "ts_us", "ts_ns"):
        col["physical"] = "INT64"
        if kind == "uint64":
            col["logical"] = {"type": "INTEGER", "bits": 64, "signed": False}
            gen = edged([0, -1, I64[0]], lambda r: wrap(r.getrandbits(64), 64))
        elif kind.startswith("ts"):
            unit = {"ts_ms": "MILLIS", "ts_us": "MICROS", "ts_ns": "NANOS"}[kind]
            col["logical"] = {"type": "TIMESTAMP", "unit": unit, "utc": draw(st.booleans())}
            # Years 1900-2200, so that every referee can represent the instant.
            per_second = {"MILLIS": 10**3, "MICROS": 10**6, "NANOS": 10**9}[unit]
            gen = lambda r, k=per_second: r.randint(-2208988800 * k, 7258118400 * k)
        else:
            gen = edged([I64[0], I64[1], 0, -1], lambda r: r.randint(*I64))
        encodings += ["DELTA_BINARY_PACKED", "BYTE_STREAM_SPLIT"]
    elif kind in ("dec32", "dec64"):
        col["physical"] = "INT32" if kind == "dec32" else "INT64"
        precision = draw(st.integers(1, 9) if kind == "dec32" else st.integers(10, 18))
        col["logical"] = {"type": "DECIMAL", "precision": precision, "scale": draw(st.integers(0, precision))}
        gen = lambda r, p=precision: r.randint(-(10**p) + 1, 10**p - 1)
    elif kind == "decflba":
        length = draw(st.integers(5, 16))
        precision = draw(st.integers(10, min(38, int((8 * length - 1) * 0.30102999566398120))))
        col["physical"], col["type_length"] = "FIXED_LEN_BYTE_ARRAY", length
        col["logical"] = {"type": "DECIMAL", "precision": precision, "scale": draw(st.integers(0, precision))}
        gen = lambda r, p=precision, n=length: (r.randint(-(10**p) + 1, 10**p - 1) % (1 << (8 * n))).to_bytes(n, "big").hex()
    elif kind in ("float", "double"):
        col["physical"] = "FLOAT" if kind == "float" else "DOUBLE"
        gen = float_gen(kind == "double")
        encodings += ["BYTE_STREAM_SPLIT"]
    elif kind == "string":
        col["physical"], col["logical"] = "BYTE_ARRAY", {"type": "STRING"}
        if draw(st.booleans()):  # high cardinality: forces dictionary fallback
            gen = lambda r: f"key-{r.getrandbits(62)}".encode().hex()
        else:
            gen = lambda r: random_text(r).encode("utf-8").hex()
    elif kind == "binary":
        col["physical"] = "BYTE_ARRAY"
        gen = lambda r: bytes(r.getrandbits(8) for _ in range(r.randint(0, 30))).hex()
    else:
        length = draw(st.integers(1, 16))
        col["physical"], col["type_length"] = "FIXED_LEN_BYTE_ARRAY", length
        gen = lambda r, n=length: bytes(r.getrandbits(8) for _ in range(n)).hex()
        # BYTE_STREAM_SPLIT on FLBA is valid Parquet (and round-trips in the Swift tests), but
        # DuckDB 2.0 cannot read it, so random tables that DuckDB must read leave it out.
    encoding = draw(st.sampled_from(encodings))
    if encoding:
        col["encoding"] = encoding
    return col, gen


@st.composite
def table_spec(draw, max_rows=3000, options=True):
    drawn = [draw(column_spec(i)) for i in range(draw(st.integers(1, 8)))]
    rows = draw(st.one_of(st.integers(0, 20), st.integers(0, max_rows)))
    r = random.Random(draw(st.integers(0, 2**32)))
    columns = []
    for col, gen in drawn:
        null_rate = r.choice([0.0, 0.1, 0.5, 1.0]) if col["optional"] else 0.0
        runs = r.random() < 0.5  # long runs of one value
        values = []
        while len(values) < rows:
            value = None if r.random() < null_rate else gen(r)
            values.extend([value] * min(r.randint(1, 200) if runs else 1, rows - len(values)))
        col["values"] = values
        columns.append(col)
    spec = {"columns": columns, "metadata": {"origin": "interop", "note": random_text(r)}}
    if options:
        spec["options"] = {
            "codec": draw(st.sampled_from(["UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD"])),
            "page_version": draw(st.sampled_from([1, 2])),
            "row_group_rows": draw(st.sampled_from([5, 100, 1000, 1 << 20])),
            "page_rows": draw(st.sampled_from([1, 3, 50, 20000])),
            "dictionary_limit": draw(st.sampled_from([8, 256, 1 << 20])),
        }
    return spec
