import Foundation

/// The demo's closing lines: commands that read and check what it archived, each runnable as
/// printed on the machine that ran the demo. This binary is named as it was started (a fresh
/// clone has no `spx-data` on the PATH), and the readers are those of the project's own
/// `.venv` (pyarrow, DuckDB and pandas), which `scripts/bootstrap --python` makes when the
/// demo runs from the project's directory; elsewhere the Python lines say what to install.
struct DemoHints {
    var directory: String
    var file: String
    /// How to start this binary again.
    var binary = DemoHints.invocation()
    /// Whether the demo runs in the project's directory, where `scripts/bootstrap` is.
    var inProject = FileManager.default.isExecutableFile(atPath: "scripts/bootstrap")

    var text: String {
        let python = inProject ? ".venv/bin/python" : "python3"
        let query = "SELECT root, expiration, count(*) AS rows FROM '\(directory)/archive/*/*/*/*.parquet' GROUP BY ALL ORDER BY ALL"
        var lines = ["", "Read them:", "  \(binary) parquet inspect \(file)"]
        lines.append(inProject
            ? "  scripts/bootstrap --python   # once: .venv with pyarrow, DuckDB and pandas"
            : "  python3 -m pip install duckdb pandas pyarrow   # once")
        lines.append("  \(python) -c \"import duckdb; print(duckdb.sql(\\\"\(query)\\\"))\"")
        lines.append("  \(python) -c \"import pandas as pd; print(pd.read_parquet('\(file)').head())\"")
        lines += ["Check them:", "  \(binary) verify --all --db \(directory)/ledger.db",
                  "  \(binary) status --db \(directory)/ledger.db", "", ""]
        return lines.joined(separator: "\n")
    }

    /// This executable as the shell can run it: its path relative to the current directory
    /// when it lies under it, else the path it was started by, or `spx-data` when found on the PATH.
    static func invocation() -> String {
        let started = CommandLine.arguments.first ?? "spx-data"
        guard started.contains("/") else { return started }
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = started.hasPrefix("/") ? started : cwd + "/" + started
        let standard = URL(fileURLWithPath: absolute).standardizedFileURL.path
        guard standard.hasPrefix(cwd + "/") else { return standard }
        return String(standard.dropFirst(cwd.count + 1))
    }
}
