import GRDB

/// The answer to "may this process work on this date now?".
public enum Claim: Sendable, Equatable {
    /// The row is now `processing` by the caller. `recoveredFrom` is the pid of an earlier
    /// process that died while it held the date; its interruption is in `error_log`.
    case claimed(ProcessingRecord, recoveredFrom: Int32?)
    /// Another live process holds the date; the row is untouched.
    case busy(ProcessingRecord)
}

extension StateStore {
    /// Makes (symbol, dataset, date) `processing` by `processId`, unless another live process
    /// already holds it. The check and the write are one transaction, so two processes
    /// starting together cannot both win. A row left `processing` by a dead process is taken
    /// over: the interruption is logged as an `interrupted` error and counts as an attempt.
    ///
    /// - Parameter isRunning: whether a row's pid (with its `started_at`) is still alive;
    ///   `ProcessLiveness.isRunning` unless a test needs otherwise.
    public func claim(symbol: String, dataset: String, date: String, processId: Int32,
                      isRunning: @Sendable (Int32, String?) -> Bool = ProcessLiveness.isRunning)
        throws(StateStoreError) -> Claim {
        try write { db in
            let existing = try ProcessingRecord
                .filter(Column("symbol") == symbol && Column("dataset") == dataset && Column("date") == date)
                .fetchOne(db)
            var recovered: Int32?
            if let existing, existing.status == .processing, let owner = existing.processId, owner != processId {
                if isRunning(owner, existing.startedAt) { return .busy(existing) }
                recovered = owner
                var note = ErrorRecord(
                    symbol: symbol, dataset: dataset, date: date, errorType: "interrupted",
                    errorMessage: "process \(owner) stopped while processing \(symbol) \(dataset) \(date) "
                        + "(started \(existing.startedAt ?? "at an unknown time")); its staged expirations are reused",
                    retryAttempt: existing.retryCount)
                try note.insert(db)
            }
            var record = existing ?? ProcessingRecord(symbol: symbol, dataset: dataset, date: date, status: .queued)
            if existing?.status == .failed || existing?.status == .processing { record.retryCount += 1 }
            record.status = .processing
            record.startedAt = Timestamps.now()
            record.completedAt = nil
            record.processId = processId
            record.updatedAt = Timestamps.now()
            try record.save(db)
            return .claimed(record, recoveredFrom: recovered)
        }
    }

    /// Rows left `processing` by processes that are gone: what every command reports as stale
    /// and the next run of the date recovers.
    public func staleProcessing(isRunning: (Int32, String?) -> Bool = ProcessLiveness.isRunning)
        throws(StateStoreError) -> [ProcessingRecord] {
        try processingRecords(ProcessingFilter(statuses: [.processing])).filter { record in
            guard let pid = record.processId else { return true }
            return !isRunning(pid, record.startedAt)
        }
    }

    /// Marks the open errors of a date resolved, when it has since succeeded.
    /// - Returns: how many errors were marked.
    @discardableResult
    public func resolveErrors(symbol: String, dataset: String, date: String, method: String) throws(StateStoreError) -> Int {
        try write { db in
            try ErrorRecord
                .filter(Column("symbol") == symbol && Column("dataset") == dataset && Column("date") == date
                    && Column("resolved_at") == nil)
                .updateAll(db, Column("resolved_at").set(to: Timestamps.now()), Column("resolution_method").set(to: method))
        }
    }
}
