"""Damaged files make our reader fail cleanly: a non-zero exit with a message, never a
crash (signal) and never a hang (the runner's timeout)."""
import random

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import run_tool


def pyarrow_file(path, compression="zstd"):
    table = pa.table({
        "ts": pa.array(range(20000), pa.int64()),
        "sym": pa.array([f"s{i % 37}" for i in range(20000)]),
        "px": pa.array([i / 7 for i in range(20000)], pa.float64()),
    })
    pq.write_table(table, path, compression=compression, write_page_checksum=True, data_page_size=4096,
                   row_group_size=5000)
    return path


def page_body_offsets(path):
    """Byte ranges that lie inside data-page bodies: past each chunk's first page header."""
    meta = pq.ParquetFile(path).metadata
    ranges = []
    for g in range(meta.num_row_groups):
        for c in range(meta.num_columns):
            col = meta.row_group(g).column(c)
            start = col.dictionary_page_offset or col.data_page_offset
            # Headers here are well under 64 bytes; stay inside the chunk.
            ranges.append((start + 64, start + col.total_compressed_size - 1))
    return ranges


@pytest.mark.parametrize("compression", ["none", "snappy", "zstd"])
def test_flipped_page_bytes_are_reported(tmp_path, compression):
    path = pyarrow_file(str(tmp_path / "good.parquet"), compression)
    data = open(path, "rb").read()
    rng = random.Random(1)
    for trial in range(40):
        lo, hi = rng.choice(page_body_offsets(path))
        if hi <= lo:
            continue
        damaged = bytearray(data)
        damaged[rng.randint(lo, hi)] ^= 1 << rng.randint(0, 7)
        bad = tmp_path / f"bad{trial}.parquet"
        bad.write_bytes(bytes(damaged))
        result = run_tool("read", bad, "--verify-crc", check=False)
        assert result.returncode != 0, f"trial {trial}: a flipped page byte went unnoticed"
        assert result.stderr.strip(), "the failure needs a message"


def test_truncated_files_are_rejected(tmp_path):
    path = pyarrow_file(str(tmp_path / "good.parquet"))
    data = open(path, "rb").read()
    for cut in sorted({0, 3, 4, 8, 12, len(data) // 2, len(data) - 9, len(data) - 8, len(data) - 1}):
        bad = tmp_path / f"cut{cut}.parquet"
        bad.write_bytes(data[:cut])
        result = run_tool("read", bad, check=False)
        assert result.returncode != 0, f"a file cut to {cut} bytes was accepted"
        assert "parquet-interop:" in result.stderr


def test_random_damage_never_crashes_or_hangs(tmp_path):
    path = pyarrow_file(str(tmp_path / "good.parquet"), "snappy")
    data = open(path, "rb").read()
    rng = random.Random(7)
    for trial in range(150):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        bad = tmp_path / "bad.parquet"
        bad.write_bytes(bytes(damaged))
        run_tool("read", bad, "--verify-crc" if trial % 2 else "", check=False)
