public import BridgeModel
public import Foundation
import GRDB
import Gzip

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
        /// Whether the write completed (`false`: it was interrupted and must be recovered).
        public var isWritten: Bool
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
        /// The mapped content itself, for recovery: its canonical JSON, as is or as one gzip member.
        public var content: Data
        /// The delivery date the object was given from the export time, kept for its later exports.
        public var pinnedDeliveryDate: String?

        /// Creates a planned export.
        public init(
            key: String, contentHash: String, fileName: String, content: Data, pinnedDeliveryDate: String? = nil
        ) {
            self.key = key
            self.contentHash = contentHash
            self.fileName = fileName
            self.content = content
            self.pinnedDeliveryDate = pinnedDeliveryDate
        }
    }

    /// What the store remembers of several objects of one kind, by key.
    public func exports(_ kind: ObjectKind, _ keys: [String]) async throws -> [String: ExportEntry] {
        let owner = goodsOwner
        return try await database.read { db in
            var result: [String: ExportEntry] = [:]
            let statement = try db.cachedStatement(
                sql: """
                    SELECT kind, key, contentHash, fileName, written FROM export
                    WHERE goodsOwner = ? AND kind = ? AND key = ?
                    """)
            for key in keys {
                if let row = try Row.fetchOne(statement, arguments: [owner, kind.rawValue, key]) {
                    result[key] = Self.entry(row)
                }
            }
            return result
        }
    }

    /// Records, in one transaction, that writes of these objects are about to start, and that the writes of the
    /// objects `finishing` (the batch before, whose files are in view) completed.
    /// - Parameter csvFile: the run's CSV file the objects' rows go into, when CSV is written: the rows stay pending
    ///   until ``finishCSV(_:file:)``, and recovery finds them in it only if it was archived or is in view.
    public func beginExports(
        _ kind: ObjectKind, _ planned: [PlannedExport], csvFile: String?, finishing: [String] = []
    ) async throws {
        let owner = goodsOwner
        // Converted once: GRDB formats a date with a DateFormatter each time it binds one.
        let now = Date().databaseValue
        try await database.write { db in
            let finish = try db.cachedStatement(
                sql: "UPDATE export SET written = 1 WHERE goodsOwner = ? AND kind = ? AND key = ?")
            for key in finishing { try finish.execute(arguments: [owner, kind.rawValue, key]) }
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO export (goodsOwner, kind, key, contentHash, fileName, written, csvPending, csvFile,
                        pinnedDeliveryDate, updatedAt)
                    VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
                    ON CONFLICT (goodsOwner, kind, key) DO UPDATE SET
                        contentHash = excluded.contentHash, fileName = excluded.fileName, written = 0, consumed = 0,
                        csvPending = excluded.csvPending, csvFile = excluded.csvFile,
                        pinnedDeliveryDate = coalesce(excluded.pinnedDeliveryDate, export.pinnedDeliveryDate),
                        updatedAt = excluded.updatedAt
                    """)
            let content = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO exportContent (goodsOwner, kind, key, content) VALUES (?, ?, ?, ?)")
            for export in planned {
                try statement.execute(arguments: [
                    owner, kind.rawValue, export.key, export.contentHash, export.fileName, csvFile != nil, csvFile,
                    export.pinnedDeliveryDate, now,
                ])
                try content.execute(arguments: [owner, kind.rawValue, export.key, export.content])
            }
        }
    }

    /// The delivery dates objects of a kind were given from their first export's time, by key.
    public func pinnedDeliveryDates(_ kind: ObjectKind, _ keys: [String]) async throws -> [String: String] {
        let owner = goodsOwner
        return try await database.read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT pinnedDeliveryDate FROM export WHERE goodsOwner = ? AND kind = ? AND key = ?")
            var result: [String: String] = [:]
            for key in keys {
                if let date = try String.fetchOne(statement, arguments: [owner, kind.rawValue, key]) {
                    result[key] = date
                }
            }
            return result
        }
    }

    /// Records, in one transaction, that these writes completed.
    public func finishExports(_ kind: ObjectKind, _ keys: [String]) async throws {
        let owner = goodsOwner
        try await database.write { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE export SET written = 1 WHERE goodsOwner = ? AND kind = ? AND key = ?")
            for key in keys { try statement.execute(arguments: [owner, kind.rawValue, key]) }
        }
    }

    /// The stored content of an export, for recovery: its canonical JSON, whether it was stored as is (by earlier
    /// versions) or compressed.
    /// - Throws: `BridgeError` when compressed content does not decompress.
    public func content(_ kind: ObjectKind, _ key: String) async throws -> Data? {
        let owner = goodsOwner
        let stored = try await database.read { db in
            try Data.fetchOne(
                db, sql: "SELECT content FROM exportContent WHERE goodsOwner = ? AND kind = ? AND key = ?",
                arguments: [owner, kind.rawValue, key])
        }
        guard let stored, stored.starts(with: [0x1F, 0x8B]) else { return stored }
        do {
            return Data(try GzipDecompressor.decompress(Array(stored), maxOutputBytes: 64 << 20))
        } catch {
            throw BridgeError(.export, "the stored content of \(kind.rawValue) \(key) does not decompress: \(error)")
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

    /// Records, before a CSV file is archived and renamed into view, which file these objects' rows are in, so
    /// that recovery after a crash in between neither loses nor repeats them: for rows that were pending in an
    /// earlier run's file and go into this run's (new rows are named with ``beginExports(_:_:csvFile:finishing:)``).
    public func assignCSV(_ kind: ObjectKind, keys: [String], file: String) async throws {
        let owner = goodsOwner
        try await database.write { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE export SET csvFile = ? WHERE goodsOwner = ? AND kind = ? AND key = ? AND csvPending = 1")
            for key in keys { try statement.execute(arguments: [file, owner, kind.rawValue, key]) }
        }
    }

    /// Records that a kind's CSV file for these objects is committed.
    public func finishCSV(_ kind: ObjectKind, keys: [String]) async throws {
        let owner = goodsOwner
        try await database.write { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE export SET csvPending = 0 WHERE goodsOwner = ? AND kind = ? AND key = ?")
            for key in keys { try statement.execute(arguments: [owner, kind.rawValue, key]) }
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

    /// Forgets an export whose write never reached the outbox, so that the next run writes it again.
    public func forgetExport(_ kind: ObjectKind, _ key: String) async throws {
        let owner = goodsOwner
        try await database.write { db in
            for table in ["export", "exportContent"] {
                try db.execute(
                    sql: "DELETE FROM \(table) WHERE goodsOwner = ? AND kind = ? AND key = ?",
                    arguments: [owner, kind.rawValue, key])
            }
        }
    }

    static func entry(_ row: Row) -> ExportEntry {
        ExportEntry(
            kind: ObjectKind(rawValue: row["kind"]) ?? .article, key: row["key"], contentHash: row["contentHash"],
            fileName: row["fileName"], isWritten: row["written"])
    }
}
