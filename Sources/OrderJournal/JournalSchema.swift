import GRDB

/// The journal's versioned schema. Each migration is registered once and never edited after it
/// ships: a change to the schema is a new migration ("v2", "v3", …) appended here.
enum JournalSchema {
    /// The migrations, in order.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()

        // v1: one row per send. Dates are whole milliseconds since 1970 (UTC).
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE journal_entry (
                    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
                    created_at           INTEGER NOT NULL,
                    updated_at           INTEGER NOT NULL,
                    endpoint             TEXT    NOT NULL,
                    product              TEXT    NOT NULL,
                    payload              BLOB    NOT NULL,
                    payload_digest       TEXT    NOT NULL,
                    alternative_order_id TEXT    NOT NULL,
                    state                TEXT    NOT NULL
                        CHECK (state IN ('sending', 'placed', 'refused', 'failed', 'unknown')),
                    http_status          INTEGER,
                    order_id             INTEGER,
                    order_status         TEXT,
                    requests             TEXT    NOT NULL DEFAULT '[]',
                    certificate_id       INTEGER,
                    error_code           TEXT,
                    error_message        TEXT,
                    batch                TEXT,
                    label                TEXT,
                    owner_pid            INTEGER
                );
                CREATE INDEX journal_entry_on_digest
                    ON journal_entry (endpoint, payload_digest, created_at);
                CREATE INDEX journal_entry_on_state ON journal_entry (state);
                CREATE INDEX journal_entry_on_alternative_order_id
                    ON journal_entry (alternative_order_id);
                CREATE INDEX journal_entry_on_batch ON journal_entry (batch);
                """)
        }

        // v2: the batch-run duplicate guard looks an order up by batch and digest; with the batch
        // index alone each insert scanned its whole batch (a 10,000-order batch: 24 s instead of 3 s).
        migrator.registerMigration("v2") { db in
            try db.execute(sql: "CREATE INDEX journal_entry_on_batch_digest ON journal_entry (batch, payload_digest)")
        }
        return migrator
    }()

    /// Runs the migrations that are not applied yet.
    ///
    /// Two processes opening a new journal at once may both decide to apply "v1"; the second
    /// one's migration then fails inside its own transaction (nothing is half-applied). Trying
    /// again finds the migration applied and does nothing, so a few attempts settle the race.
    static func migrate(_ writer: some DatabaseWriter) throws {
        let attempts = 3
        for attempt in 1...attempts {
            do {
                try migrator.migrate(writer)
                return
            } catch where attempt < attempts {
                if try writer.read(migrator.hasCompletedMigrations) { return }
            }
        }
    }
}
