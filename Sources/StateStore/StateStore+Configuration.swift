import GRDB

extension StateStore {
    /// The values operators stored, by key name.
    public func storedConfiguration() throws(StateStoreError) -> [String: String] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try ConfigurationEntry.fetchAll(db).map { ($0.key, $0.value) })
        }
    }

    /// Validates and stores `value` for `key`, recording the change with its time and source in
    /// the same transaction. Returns the stored (normalised) value.
    /// - Throws: `ConfigurationError` for a bad value (nothing is written), `StateStoreError` when
    ///   the database cannot be written.
    @discardableResult
    public func setConfiguration(_ key: ConfigurationKey, to value: String, source: String = "cli") throws -> String {
        let normalized = try key.validate(value, origin: "cli")
        let now = Timestamps.now()
        try write { db in
            let old = try ConfigurationEntry.fetchOne(db, key: key.rawValue)
            let entry = ConfigurationEntry(
                key: key.rawValue, value: normalized, description: key.summary, valueType: key.valueType.rawValue,
                isRequired: key.isRequired, updatedAt: now, updatedBy: source)
            try entry.save(db)
            var change = ConfigurationChange(key: key.rawValue, oldValue: old?.value, newValue: normalized,
                                             source: source, changedAt: now)
            try change.insert(db)
        }
        return normalized
    }

    /// Removes every stored value so that all keys take their defaults; each removal is
    /// recorded in the history. Returns the keys that had a stored value.
    @discardableResult
    public func resetConfiguration(source: String = "cli") throws(StateStoreError) -> [String] {
        let now = Timestamps.now()
        return try write { db in
            let entries = try ConfigurationEntry.fetchAll(db)
            for entry in entries {
                var change = ConfigurationChange(key: entry.key, oldValue: entry.value, newValue: nil,
                                                 source: source, changedAt: now)
                try change.insert(db)
            }
            try ConfigurationEntry.deleteAll(db)
            return entries.map(\.key)
        }
    }

    /// The change history, newest first, optionally for one key.
    public func configurationHistory(key: ConfigurationKey? = nil) throws(StateStoreError) -> [ConfigurationChange] {
        try read { db in
            var request = ConfigurationChange.order(Column("id").desc)
            if let key { request = request.filter(Column("key") == key.rawValue) }
            return try request.fetchAll(db)
        }
    }
}
