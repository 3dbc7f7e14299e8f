import json
import os
import shlex
import subprocess

import pytest

TIMEOUT = 30


def tool_command():
    value = os.environ.get("PARQUET_INTEROP")
    if not value:
        pytest.fail("PARQUET_INTEROP is not set: point it at the built parquet-interop binary "
                    "(scripts/test does this), e.g. PARQUET_INTEROP=.build/debug/parquet-interop")
    command = shlex.split(value)
    if not os.path.exists(command[0]):
        pytest.fail(f"PARQUET_INTEROP names {command[0]}, which does not exist; run `swift build` first")
    return command


def run_tool(*args, check=True):
    """Runs parquet-interop; a crash (signal) or a hang always fails the test."""
    try:
        result = subprocess.run(tool_command() + [str(a) for a in args], capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"parquet-interop {' '.join(map(str, args))} hung for more than {TIMEOUT} s")
    assert result.returncode >= 0, f"parquet-interop died by signal {-result.returncode}: {result.stderr}"
    if check and result.returncode != 0:
        pytest.fail(f"parquet-interop {' '.join(map(str, args))} failed: {result.stderr}")
    return result


def write_ours(spec, directory, name="ours.parquet"):
    spec_path = os.path.join(directory, name + ".json")
    out = os.path.join(directory, name)
    with open(spec_path, "w") as f:
        json.dump(spec, f)
    run_tool("write", spec_path, out)
    return out


def read_ours(path, verify_crc=True):
    args = ["read", path] + (["--verify-crc"] if verify_crc else [])
    return json.loads(run_tool(*args).stdout)


def assert_columns_equal(expected, actual, label):
    assert len(expected) == len(actual), f"{label}: {len(expected)} columns expected, {len(actual)} found"
    for e, a in zip(expected, actual):
        for key in ("name", "physical", "optional", "logical"):
            assert e.get(key) == a.get(key), f"{label}: column {e['name']} {key}: expected {e.get(key)}, got {a.get(key)}"
        if e["physical"] == "FIXED_LEN_BYTE_ARRAY":
            assert e["type_length"] == a["type_length"], f"{label}: column {e['name']} type_length"
        assert len(e["values"]) == len(a["values"]), \
            f"{label}: column {e['name']}: {len(e['values'])} rows expected, {len(a['values'])} found"
        for row, (x, y) in enumerate(zip(e["values"], a["values"])):
            assert x == y, f"{label}: column {e['name']} row {row}: expected {x!r}, got {y!r}"


@pytest.fixture
def workdir(tmp_path):
    return str(tmp_path)
