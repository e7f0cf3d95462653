public import BridgeModel
import Foundation
import GRDB

extension StateStore {
    /// An export as the store remembers it.
    public struct ExportEntry: Sendable, Equatable {
        /// The kind of object.
        public var kind: ObjectKind
        /// The object's key.
        public var key: String
        /// The SHA-256 of the mapped content last written (or being written).
        public var contentHash: String
        /// The outbox file name of that write.
        public var fileName: String
        /// Whether the write completed (`false`: it was interrupted, and the object is written again when it is next
        /// exported).
        public var isWritten: Bool
        /// Whether the object's CSV rows are owed: its XML file was written, but the CSV file its rows went into was
        /// never committed (``StateStore/oweCSV(_:keys:)``), so its next export writes the rows alone if its content
        /// is unchanged.
        public var isCSVOwed: Bool = false
    }

    /// What the store remembers of one object.
    public func export(_ kind: ObjectKind, _ key: String) async throws -> ExportEntry? {
        let owner = goodsOwner
        return try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM export WHERE goodsOwner = ? AND kind = ? AND key = ?",
                arguments: [owner, kind.rawValue, key]
            ).map(Self.entry)
        }
    }

    /// Every export whose write was interrupted.
    public func pendingExports() async throws -> [ExportEntry] {
        let owner = goodsOwner
        return try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM export WHERE goodsOwner = ? AND written = 0", arguments: [owner])
                .map(Self.entry)
        }
    }

    /// One export about to be written, for ``beginExports(_:_:csvFile:finishing:)``.
    public struct PlannedExport: Sendable {
        /// The object's key.
        public var key: String
        /// The SHA-256 of its mapped content.
        public var contentHash: String
        /// Its outbox file name.
        public var fileName: String
        /// The delivery date the object was given from the export time, kept for its later exports.
        public var pinnedDeliveryDate: String?

        /// Creates a planned export.
        public init(key: String, contentHash: String, fileName: String, pinnedDeliveryDate: String? = nil) {
            self.key = key
            self.contentHash = contentHash
            self.fileName = fileName
            self.pinnedDeliveryDate = pinnedDeliveryDate
        }
    }

    /// What the store remembers of several objects of one kind, by key.
    public func exports(_ kind: ObjectKind, _ keys: [String]) async throws -> [String: ExportEntry] {
        let owner = goodsOwner
        return try await database.read { db in
            var result: [String: ExportEntry] = [:]
            try BatchedSQL.eachRow(
                keys, in: db, arguments: [owner, kind.rawValue],
                sql: {
                    """
                    SELECT kind, key, contentHash, fileName, written, csvPending, csvFile FROM export
                    WHERE goodsOwner = ? AND kind = ? AND key IN (\(BatchedSQL.placeholders($0)))
                    """
                }
            ) { row in
                let entry = Self.entry(row)
                result[entry.key] = entry
            }
            return result
        }
    }

    /// Records, in one transaction, that writes of these objects are about to start, and that the writes of the
    /// objects `finishing` (the batch before, whose files are in view) completed.
    /// - Parameters:
    ///   - csvFile: the run's CSV file the objects' rows go into, when CSV is written: the rows stay pending until
    ///     ``finishCSV(_:file:)``, and recovery finds them in it only if it was archived or is in view.
    ///   - owed: objects whose owed CSV rows (``ExportEntry/isCSVOwed``) go into `csvFile` too, without a new XML
    ///     file.
    public func beginExports(
        _ kind: ObjectKind, _ planned: [PlannedExport], csvFile: String?, finishing: [String] = [],
        owed: [String] = []
    ) async throws {
        let owner = goodsOwner
        // Converted once: GRDB formats a date with a DateFormatter each time it binds one.
        let now = Date().databaseValue
        try await database.write { db in
            try Self.markWritten(kind, finishing, owner: owner, in: db)
            // One row per object in the VALUES list; a key met twice is updated by its second row, as one statement
            // per row would.
            try BatchedSQL.eachChunk(
                planned, size: 100, in: db,
                sql: {
                    """
                    INSERT INTO export (goodsOwner, kind, key, contentHash, fileName, written, csvPending, csvFile,
                        pinnedDeliveryDate, updatedAt)
                    VALUES \(BatchedSQL.repeated("(?, ?, ?, ?, ?, 0, ?, ?, ?, ?)", $0))
                    ON CONFLICT (goodsOwner, kind, key) DO UPDATE SET
                        contentHash = excluded.contentHash, fileName = excluded.fileName, written = 0, consumed = 0,
                        csvPending = excluded.csvPending, csvFile = excluded.csvFile,
                        pinnedDeliveryDate = coalesce(excluded.pinnedDeliveryDate, export.pinnedDeliveryDate),
                        updatedAt = excluded.updatedAt
                    """
                }
            ) { chunk, statement in
                var arguments = StatementArguments()
                for export in chunk {
                    arguments += [
                        owner, kind.rawValue, export.key, export.contentHash, export.fileName, csvFile != nil, csvFile,
                        export.pinnedDeliveryDate, now,
                    ]
                }
                try statement.execute(arguments: arguments)
            }
            guard let csvFile, !owed.isEmpty else { return }
            try Self.updateExports(
                kind, owed, owner: owner, set: "csvFile = ?", arguments: [csvFile],
                where: "AND csvPending = 1 AND csvFile IS NULL", in: db)
        }
    }

    /// The delivery dates objects of a kind were given from their first export's time, by key.
    public func pinnedDeliveryDates(_ kind: ObjectKind, _ keys: [String]) async throws -> [String: String] {
        let owner = goodsOwner
        return try await database.read { db in
            var result: [String: String] = [:]
            try BatchedSQL.eachRow(
                keys, in: db, arguments: [owner, kind.rawValue],
                sql: {
                    """
                    SELECT key, pinnedDeliveryDate FROM export
                    WHERE goodsOwner = ? AND kind = ? AND key IN (\(BatchedSQL.placeholders($0)))
                    """
                }
            ) { row in
                if let date: String = row["pinnedDeliveryDate"] { result[row["key"]] = date }
            }
            return result
        }
    }

    /// Records, in one transaction, that these writes completed.
    public func finishExports(_ kind: ObjectKind, _ keys: [String]) async throws {
        let owner = goodsOwner
        try await database.write { db in try Self.markWritten(kind, keys, owner: owner, in: db) }
    }

    /// Marks the exports of these objects as written, in the transaction of `db`.
    private static func markWritten(_ kind: ObjectKind, _ keys: [String], owner: String, in db: Database) throws {
        try updateExports(kind, keys, owner: owner, set: "written = 1", in: db)
    }

    /// Updates the export rows of these objects (`UPDATE export SET <assignment> WHERE <the object> <condition>`), in
    /// the transaction of `db`, one statement per chunk of keys.
    /// - Parameters:
    ///   - arguments: the values of the assignment's placeholders, if any.
    ///   - condition: more of the `WHERE` clause, starting with `AND`, or empty.
    private static func updateExports(
        _ kind: ObjectKind, _ keys: [String], owner: String, set assignment: String,
        arguments: StatementArguments = [], where condition: String = "", in db: Database
    ) throws {
        try BatchedSQL.execute(keys, in: db, arguments: arguments + [owner, kind.rawValue]) {
            """
            UPDATE export SET \(assignment) WHERE goodsOwner = ? AND kind = ?
                AND key IN (\(BatchedSQL.placeholders($0))) \(condition)
            """
        }
    }

    /// Objects of a kind whose rows have not yet reached a committed CSV file (an earlier run was interrupted),
    /// with the CSV file they were being written to, if it had been named.
    public func csvPending(_ kind: ObjectKind) async throws -> [(key: String, file: String?)] {
        let owner = goodsOwner
        return try await database.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT key, csvFile FROM export WHERE goodsOwner = ? AND kind = ? AND csvPending = 1 ORDER BY updatedAt",
                arguments: [owner, kind.rawValue]
            ).map { (key: $0["key"] as String, file: $0["csvFile"] as String?) }
        }
    }

    /// Records that these objects' CSV rows are owed.
    ///
    /// The file they went into was never committed (its run was interrupted first). Each object's next export writes
    /// its rows into that run's CSV file (alone, if its content is unchanged and its XML file was written), named with
    /// it by ``beginExports(_:_:csvFile:finishing:owed:)``.
    public func oweCSV(_ kind: ObjectKind, keys: [String]) async throws {
        guard !keys.isEmpty else { return }
        let owner = goodsOwner
        try await database.write { db in
            try Self.updateExports(kind, keys, owner: owner, set: "csvFile = NULL", where: "AND csvPending = 1", in: db)
        }
    }

    /// Records that a kind's CSV file for these objects is committed.
    public func finishCSV(_ kind: ObjectKind, keys: [String]) async throws {
        let owner = goodsOwner
        try await database.write { db in try Self.updateExports(kind, keys, owner: owner, set: "csvPending = 0", in: db)
        }
    }

    /// Records that a kind's CSV file is committed: every row pending in it is settled, in one statement.
    public func finishCSV(_ kind: ObjectKind, file: String) async throws {
        let owner = goodsOwner
        try await database.write { db in
            try db.execute(
                sql:
                    "UPDATE export SET csvPending = 0 WHERE goodsOwner = ? AND kind = ? AND csvFile = ? AND csvPending = 1",
                arguments: [owner, kind.rawValue, file])
        }
    }

    static func entry(_ row: Row) -> ExportEntry {
        ExportEntry(
            kind: ObjectKind(rawValue: row["kind"]) ?? .article, key: row["key"], contentHash: row["contentHash"],
            fileName: row["fileName"], isWritten: row["written"],
            isCSVOwed: (row["csvPending"] as Bool? ?? false) && (row["csvFile"] as String?) == nil)
    }
}
