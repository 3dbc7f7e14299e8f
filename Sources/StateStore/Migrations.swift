import GRDB

/// The ledger's schema history. Shipped migrations never change: a new need is a new
/// migration, so every database ever written can be brought to the latest schema.
enum Migrations {
    /// Identifiers in the order they apply; the last one is the current schema version.
    static let identifiers = ["v1", "v2", "v3", "v4"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2", migrate: v2)
        migrator.registerMigration("v3", migrate: v3)
        migrator.registerMigration("v4", migrate: v4)
        return migrator
    }

    /// v1: the tables of the requirements' technical specification, one symbol, keyed by date.
    /// The specification also inserts default configuration rows; we do not, because defaults
    /// live in `ConfigurationKey` (the base URL's default follows the API version) and a row in
    /// `configuration` means an operator chose the value.
    private static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE processing_log (
              date TEXT PRIMARY KEY,
              status TEXT NOT NULL CHECK (status IN ('queued', 'processing', 'success', 'failed')),
              started_at DATETIME,
              completed_at DATETIME,
              record_count INTEGER,
              expiration_count INTEGER,
              file_size_bytes INTEGER,
              checksum TEXT,
              error_message TEXT,
              error_type TEXT,
              retry_count INTEGER DEFAULT 0,
              processing_duration_ms INTEGER,
              api_requests_made INTEGER,
              temp_file_size_bytes INTEGER,
              memory_peak_mb INTEGER,
              created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
              updated_at DATETIME DEFAULT CURRENT_TIMESTAMP
            );
            CREATE INDEX idx_processing_log_status ON processing_log(status);
            CREATE INDEX idx_processing_log_date ON processing_log(date);
            CREATE INDEX idx_processing_log_updated_at ON processing_log(updated_at);

            CREATE TABLE configuration (
              key TEXT PRIMARY KEY,
              value TEXT NOT NULL,
              description TEXT,
              value_type TEXT NOT NULL CHECK (value_type IN ('string', 'number', 'boolean', 'date')),
              is_required BOOLEAN DEFAULT FALSE,
              updated_at DATETIME DEFAULT CURRENT_TIMESTAMP,
              updated_by TEXT DEFAULT 'system'
            );

            CREATE TABLE error_log (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              date TEXT NOT NULL,
              error_type TEXT NOT NULL,
              error_message TEXT NOT NULL,
              stack_trace TEXT,
              retry_attempt INTEGER DEFAULT 0,
              context_data TEXT,
              occurred_at DATETIME DEFAULT CURRENT_TIMESTAMP,
              resolved_at DATETIME,
              resolution_method TEXT,
              FOREIGN KEY (date) REFERENCES processing_log(date)
            );
            CREATE INDEX idx_error_log_date ON error_log(date);
            CREATE INDEX idx_error_log_type ON error_log(error_type);
            CREATE INDEX idx_error_log_occurred_at ON error_log(occurred_at);

            CREATE TABLE performance_metrics (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              date TEXT NOT NULL,
              metric_name TEXT NOT NULL,
              metric_value REAL NOT NULL,
              unit TEXT,
              context TEXT,
              recorded_at DATETIME DEFAULT CURRENT_TIMESTAMP,
              FOREIGN KEY (date) REFERENCES processing_log(date)
            );
            CREATE INDEX idx_performance_metrics_date_metric ON performance_metrics(date, metric_name);
            CREATE INDEX idx_performance_metrics_recorded_at ON performance_metrics(recorded_at);
            """)
    }

    /// v2: several symbols and datasets. Processing records are keyed by (symbol, dataset, date);
    /// errors and metrics follow that key; v1 rows become SPX greeks, the only thing v1 fetched.
    /// Adds per-expiration progress (for resume), the configuration change history, and the id
    /// of the process working on a date (so a `processing` row whose process is gone is visible).
    /// SQLite cannot change a primary key in place, hence the copy-drop-rename of each table;
    /// the migrator runs this with foreign keys off and checks them all before committing.
    private static func v2(_ db: Database) throws {
        let now = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
        try db.execute(sql: """
            CREATE TABLE new_processing_log (
              symbol TEXT NOT NULL,
              dataset TEXT NOT NULL,
              date TEXT NOT NULL,
              status TEXT NOT NULL CHECK (status IN ('queued', 'processing', 'success', 'failed')),
              started_at TEXT,
              completed_at TEXT,
              record_count INTEGER,
              expiration_count INTEGER,
              file_size_bytes INTEGER,
              checksum TEXT,
              error_message TEXT,
              error_type TEXT,
              retry_count INTEGER NOT NULL DEFAULT 0,
              processing_duration_ms INTEGER,
              api_requests_made INTEGER,
              temp_file_size_bytes INTEGER,
              memory_peak_mb INTEGER,
              process_id INTEGER,
              created_at TEXT NOT NULL DEFAULT \(now),
              updated_at TEXT NOT NULL DEFAULT \(now),
              PRIMARY KEY (symbol, dataset, date)
            );
            INSERT INTO new_processing_log (
              symbol, dataset, date, status, started_at, completed_at, record_count, expiration_count,
              file_size_bytes, checksum, error_message, error_type, retry_count, processing_duration_ms,
              api_requests_made, temp_file_size_bytes, memory_peak_mb, created_at, updated_at)
            SELECT 'SPX', 'greeks', date, status, started_at, completed_at, record_count, expiration_count,
              file_size_bytes, checksum, error_message, error_type, COALESCE(retry_count, 0), processing_duration_ms,
              api_requests_made, temp_file_size_bytes, memory_peak_mb,
              COALESCE(created_at, \(now)), COALESCE(updated_at, \(now))
            FROM processing_log;

            CREATE TABLE new_error_log (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              symbol TEXT NOT NULL,
              dataset TEXT NOT NULL,
              date TEXT NOT NULL,
              error_type TEXT NOT NULL,
              error_message TEXT NOT NULL,
              stack_trace TEXT,
              retry_attempt INTEGER NOT NULL DEFAULT 0,
              context_data TEXT,
              occurred_at TEXT NOT NULL DEFAULT \(now),
              resolved_at TEXT,
              resolution_method TEXT,
              FOREIGN KEY (symbol, dataset, date) REFERENCES processing_log(symbol, dataset, date) ON DELETE CASCADE
            );
            INSERT INTO new_error_log (id, symbol, dataset, date, error_type, error_message, stack_trace,
              retry_attempt, context_data, occurred_at, resolved_at, resolution_method)
            SELECT id, 'SPX', 'greeks', date, error_type, error_message, stack_trace, COALESCE(retry_attempt, 0),
              context_data, COALESCE(occurred_at, \(now)), resolved_at, resolution_method
            FROM error_log;

            CREATE TABLE new_performance_metrics (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              symbol TEXT NOT NULL,
              dataset TEXT NOT NULL,
              date TEXT NOT NULL,
              metric_name TEXT NOT NULL,
              metric_value REAL NOT NULL,
              unit TEXT,
              context TEXT,
              recorded_at TEXT NOT NULL DEFAULT \(now),
              FOREIGN KEY (symbol, dataset, date) REFERENCES processing_log(symbol, dataset, date) ON DELETE CASCADE
            );
            INSERT INTO new_performance_metrics (id, symbol, dataset, date, metric_name, metric_value, unit,
              context, recorded_at)
            SELECT id, 'SPX', 'greeks', date, metric_name, metric_value, unit, context, COALESCE(recorded_at, \(now))
            FROM performance_metrics;

            DROP TABLE error_log;
            DROP TABLE performance_metrics;
            DROP TABLE processing_log;
            ALTER TABLE new_processing_log RENAME TO processing_log;
            ALTER TABLE new_error_log RENAME TO error_log;
            ALTER TABLE new_performance_metrics RENAME TO performance_metrics;

            CREATE INDEX idx_processing_log_status ON processing_log(status);
            CREATE INDEX idx_processing_log_date ON processing_log(date);
            CREATE INDEX idx_processing_log_updated_at ON processing_log(updated_at);
            CREATE INDEX idx_error_log_key ON error_log(symbol, dataset, date);
            CREATE INDEX idx_error_log_type ON error_log(error_type);
            CREATE INDEX idx_error_log_occurred_at ON error_log(occurred_at);
            CREATE INDEX idx_performance_metrics_key_metric ON performance_metrics(symbol, dataset, date, metric_name);
            CREATE INDEX idx_performance_metrics_recorded_at ON performance_metrics(recorded_at);

            CREATE TABLE expiration_progress (
              symbol TEXT NOT NULL,
              dataset TEXT NOT NULL,
              date TEXT NOT NULL,
              root TEXT NOT NULL,
              expiration TEXT NOT NULL,
              status TEXT NOT NULL CHECK (status IN ('pending', 'staged', 'failed')),
              row_count INTEGER,
              staged_path TEXT,
              sha256 TEXT,
              bytes INTEGER,
              attempts INTEGER NOT NULL DEFAULT 0,
              updated_at TEXT NOT NULL DEFAULT \(now),
              PRIMARY KEY (symbol, dataset, date, root, expiration),
              FOREIGN KEY (symbol, dataset, date) REFERENCES processing_log(symbol, dataset, date) ON DELETE CASCADE
            );

            CREATE TABLE configuration_history (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              key TEXT NOT NULL,
              old_value TEXT,
              new_value TEXT,
              source TEXT NOT NULL,
              changed_at TEXT NOT NULL DEFAULT \(now)
            );
            CREATE INDEX idx_configuration_history_key ON configuration_history(key, changed_at);
            """)
    }

    /// v3: an expiration the Terminal had no rows for is recorded `empty` (SQLite cannot widen
    /// a CHECK constraint in place, so the table is rebuilt with its rows), and a Terminal's
    /// refusal for want of a subscription, once `terminal_permission`, is `permission`, which
    /// the gap engine and `retry` treat as such.
    private static func v3(_ db: Database) throws {
        let now = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
        try db.execute(sql: """
            CREATE TABLE new_expiration_progress (
              symbol TEXT NOT NULL,
              dataset TEXT NOT NULL,
              date TEXT NOT NULL,
              root TEXT NOT NULL,
              expiration TEXT NOT NULL,
              status TEXT NOT NULL CHECK (status IN ('pending', 'staged', 'empty', 'failed')),
              row_count INTEGER,
              staged_path TEXT,
              sha256 TEXT,
              bytes INTEGER,
              attempts INTEGER NOT NULL DEFAULT 0,
              updated_at TEXT NOT NULL DEFAULT \(now),
              PRIMARY KEY (symbol, dataset, date, root, expiration),
              FOREIGN KEY (symbol, dataset, date) REFERENCES processing_log(symbol, dataset, date) ON DELETE CASCADE
            );
            INSERT INTO new_expiration_progress
            SELECT symbol, dataset, date, root, expiration,
                   CASE WHEN status = 'staged' AND row_count = 0 THEN 'empty' ELSE status END,
                   row_count, staged_path, sha256, bytes, attempts, updated_at
            FROM expiration_progress;
            DROP TABLE expiration_progress;
            ALTER TABLE new_expiration_progress RENAME TO expiration_progress;
            UPDATE processing_log SET error_type = 'permission' WHERE error_type = 'terminal_permission';
            UPDATE error_log SET error_type = 'permission' WHERE error_type = 'terminal_permission';
            """)
    }

    /// v4: the quality of each archived day (its score, grade and every check's population and
    /// failures, so a score can be recomputed and compared), and the contracts the Terminal
    /// listed per expiration at planning, which the completeness check compares with.
    private static func v4(_ db: Database) throws {
        let now = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
        try db.execute(sql: """
            ALTER TABLE expiration_progress ADD COLUMN contracts_listed INTEGER;

            CREATE TABLE quality_results (
              symbol TEXT NOT NULL,
              dataset TEXT NOT NULL,
              date TEXT NOT NULL,
              sha256 TEXT,
              content_sha256 TEXT,
              suite_version TEXT NOT NULL,
              thresholds_hash TEXT NOT NULL,
              rows INTEGER NOT NULL,
              score REAL NOT NULL,
              grade TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D', 'F')),
              dimensions TEXT NOT NULL,
              funnel TEXT NOT NULL,
              recommendations TEXT NOT NULL,
              trend_flags TEXT NOT NULL,
              quiet_share REAL,
              underlying_close REAL,
              computed_at TEXT NOT NULL DEFAULT \(now),
              PRIMARY KEY (symbol, dataset, date),
              FOREIGN KEY (symbol, dataset, date) REFERENCES processing_log(symbol, dataset, date) ON DELETE CASCADE
            );
            CREATE INDEX idx_quality_results_grade ON quality_results(grade);
            CREATE INDEX idx_quality_results_content ON quality_results(content_sha256);

            CREATE TABLE quality_checks (
              symbol TEXT NOT NULL,
              dataset TEXT NOT NULL,
              date TEXT NOT NULL,
              check_id TEXT NOT NULL,
              severity TEXT NOT NULL,
              evaluated INTEGER NOT NULL,
              failed INTEGER NOT NULL,
              mid_only INTEGER NOT NULL DEFAULT 0,
              score REAL,
              examples TEXT NOT NULL,
              PRIMARY KEY (symbol, dataset, date, check_id),
              FOREIGN KEY (symbol, dataset, date) REFERENCES quality_results(symbol, dataset, date) ON DELETE CASCADE
            );
            """)
    }
}
