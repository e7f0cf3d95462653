public import Foundation
import GRDB

extension StateStore {
    /// What the store remembers of an inbox file, by content.
    public struct InboxFileEntry: Sendable, Equatable {
        /// The file's name when it was taken.
        public var name: String
        /// Where it stands (`processing`, `processed`, `rejected`, `held`, ...).
        public var result: String
        /// Where it stands, when the store knows the state.
        public var state: InboxFileState? { InboxFileState(rawValue: result) }
        /// The archive record of its latest take.
        public var archiveSeq: Int?
        /// Its kind, once recognised.
        public var kind: String?
        /// The reason or summary.
        public var detail: String?
        /// Whether a person released it after it was held.
        public var released: Bool
        /// When it was last handled.
        public var updatedAt: Date
    }

    /// A picked order line as the WMS last reported it.
    public struct PickedLineEntry: Sendable, Equatable {
        /// The order number.
        public var orderNumber: String
        /// The line code (RowId).
        public var lineCode: String
        /// Ordered quantity, if reported.
        public var ordered: String?
        /// Picked quantity.
        public var picked: String
        /// The order's WMS status then.
        public var statusNumber: Int
    }

    /// An order the WMS reported it could not import (an acknowledgement with Success false).
    public struct ImportFailure: Sendable, Equatable {
        /// The order number.
        public var orderNumber: String
        /// The WMS's ErrorMessage.
        public var message: String
        /// The acknowledgement file and place.
        public var source: String
        /// When it was taken.
        public var reportedAt: Date

        /// Creates a record.
        public init(orderNumber: String, message: String, source: String, reportedAt: Date) {
            self.orderNumber = orderNumber
            self.message = message
            self.source = source
            self.reportedAt = reportedAt
        }
    }

    /// The latest import failures, newest first.
    public func importFailures(limit: Int = 50) async throws -> [ImportFailure] {
        let owner = goodsOwner
        return try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM importFailure WHERE goodsOwner = ? ORDER BY reportedAt DESC LIMIT ?",
                arguments: [owner, limit]
            ).map {
                ImportFailure(
                    orderNumber: $0["orderNumber"], message: $0["message"], source: $0["source"],
                    reportedAt: $0["reportedAt"])
            }
        }
    }

    /// The name an inbox file has in `processed/`, by the archive record of its take.
    public func processedName(archiveSeq: Int) async throws -> String? {
        let owner = goodsOwner
        return try await database.read { db in
            try String.fetchOne(
                db, sql: "SELECT name FROM inboxFile WHERE goodsOwner = ? AND archiveSeq = ? AND result = 'processed'",
                arguments: [owner, archiveSeq])
        }
    }

    /// The file with this content, if one was taken before.
    public func inboxFile(sha256: String) async throws -> InboxFileEntry? {
        let owner = goodsOwner
        return try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM inboxFile WHERE goodsOwner = ? AND sha256 = ?", arguments: [owner, sha256]
            ).map(Self.inboxEntry)
        }
    }

    /// Records, in one transaction, the write-backs a batch of a file asks for, the picked lines and import failures
    /// it reports, that the orders it names as imported or shipped are import failures no more, and that the file
    /// is `processing` (or `planned`, when this is its last batch).
    ///
    /// Instructions carry source keys, so a batch recorded again after a crash journals nothing twice.
    public func recordInboxFile(
        sha256: String, name: String, kind: String, writeBacks: [PlannedWriteBack], pickedLines: [PickedLineEntry],
        importFailures: [ImportFailure] = [], imported: [String] = [], last: Bool, now: Date
    ) async throws {
        let owner = goodsOwner
        let state = last ? InboxFileState.planned : .processing
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO inboxFile (goodsOwner, sha256, name, kind, result, updatedAt) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (goodsOwner, sha256) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                        result = excluded.result, updatedAt = excluded.updatedAt
                    """, arguments: [owner, sha256, name, kind, state.rawValue, now])
            try Self.journal(writeBacks, owner: owner, now: now, in: db)
            let picked = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO pickedLine (goodsOwner, orderNumber, lineCode, ordered, picked, statusNumber, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for line in pickedLines {
                try picked.execute(arguments: [
                    owner, line.orderNumber, line.lineCode, line.ordered, line.picked, line.statusNumber, now,
                ])
            }
            let failed = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO importFailure (goodsOwner, orderNumber, message, source, reportedAt)
                    VALUES (?, ?, ?, ?, ?)
                    """)
            // An order imported (or shipped) after all is no longer an import failure.
            let over = try db.cachedStatement(sql: "DELETE FROM importFailure WHERE goodsOwner = ? AND orderNumber = ?")
            for order in imported { try over.execute(arguments: [owner, order]) }
            for failure in importFailures {
                try failed.execute(arguments: [
                    owner, failure.orderNumber, failure.message, failure.source, failure.reportedAt,
                ])
            }
        }
    }

    /// Records that a file was archived, with its archive record, before anything else is done with it.
    public func archivedInboxFile(sha256: String, name: String, kind: String?, archiveSeq: Int, now: Date)
        async throws
    {
        let owner = goodsOwner
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO inboxFile (goodsOwner, sha256, name, kind, result, archiveSeq, released, updatedAt)
                    VALUES (?, ?, ?, ?, 'archived', ?, 0, ?)
                    ON CONFLICT (goodsOwner, sha256) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                        result = 'archived', archiveSeq = excluded.archiveSeq, released = 0, updatedAt = excluded.updatedAt
                    """, arguments: [owner, sha256, name, kind, archiveSeq, now])
        }
    }

    /// Records how a file ended: `processed`, `rejected` or `held`, with the reason or summary.
    public func finishInboxFile(sha256: String, name: String, result: String, detail: String?, now: Date) async throws {
        let owner = goodsOwner
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO inboxFile (goodsOwner, sha256, name, result, detail, updatedAt) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (goodsOwner, sha256) DO UPDATE SET result = excluded.result, detail = excluded.detail,
                        updatedAt = excluded.updatedAt
                    """, arguments: [owner, sha256, name, result, detail, now])
        }
    }

    /// Lets a file with this content be taken again (an archived inbox file replayed by a person): its
    /// write-backs are planned again, and the runner's checks against 24SevenOffice keep them from applying twice.
    public func allowReplay(sha256: String, name: String, now: Date) async throws {
        try await finishInboxFile(
            sha256: sha256, name: name, result: "replay", detail: "replayed from the archive", now: now)
    }

    /// Marks a held file as released by a person; returns whether a held file of that name was found.
    public func releaseInboxFile(name: String) async throws -> Bool {
        let owner = goodsOwner
        return try await database.write { db in
            try db.execute(
                sql: "UPDATE inboxFile SET released = 1 WHERE goodsOwner = ? AND name = ? AND result = 'held'",
                arguments: [owner, name])
            return db.changesCount > 0
        }
    }

    /// Picked lines of orders that are not (yet) reported shipped, for `status`.
    ///
    /// - Parameter shortOnly: only the lines picked less than ordered (by SQLite's numeric reading of the figures;
    ///   the caller compares them exactly), the newest 200: what status shows, without reading every line ever
    ///   shipped.
    public func pickedLines(shortOnly: Bool = false) async throws -> [PickedLineEntry] {
        let owner = goodsOwner
        let sql =
            shortOnly
            ? """
            SELECT * FROM (SELECT * FROM pickedLine WHERE goodsOwner = ? AND ordered IS NOT NULL
                AND CAST(picked AS REAL) < CAST(ordered AS REAL) ORDER BY updatedAt DESC LIMIT 200)
            ORDER BY orderNumber, lineCode
            """
            : "SELECT * FROM pickedLine WHERE goodsOwner = ? ORDER BY orderNumber, lineCode"
        return try await database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: [owner]).map {
                PickedLineEntry(
                    orderNumber: $0["orderNumber"], lineCode: $0["lineCode"], ordered: $0["ordered"],
                    picked: $0["picked"],
                    statusNumber: $0["statusNumber"])
            }
        }
    }

    /// Product ids by article number, from the article registry.
    public func productIds(articleNumbers: Set<String>) async throws -> [String: Int] {
        let owner = goodsOwner
        return try await database.read { db in
            let select = try db.cachedStatement(
                sql: "SELECT productId FROM article WHERE goodsOwner = ? AND number = ?")
            var result: [String: Int] = [:]
            for number in articleNumbers {
                if let id = try Int.fetchOne(select, arguments: [owner, number]) { result[number] = id }
            }
            return result
        }
    }

    /// Written order files not yet seen taken by the importer: key and file name.
    public func unconsumedOrderFiles() async throws -> [(key: String, fileName: String)] {
        let owner = goodsOwner
        return try await database.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT key, fileName FROM export WHERE goodsOwner = ? AND kind = 'order' AND written = 1 AND consumed = 0",
                arguments: [owner]
            ).map { (key: $0["key"] as String, fileName: $0["fileName"] as String) }
        }
    }

    /// Records that the importer took these order files, with the write-backs that follows, in one transaction.
    public func markConsumed(_ keys: [String], writeBacks: [PlannedWriteBack], now: Date) async throws {
        let owner = goodsOwner
        try await database.write { db in
            let mark = try db.cachedStatement(
                sql: "UPDATE export SET consumed = 1 WHERE goodsOwner = ? AND kind = 'order' AND key = ?")
            for key in keys { try mark.execute(arguments: [owner, key]) }
            try Self.journal(writeBacks, owner: owner, now: now, in: db)
        }
    }

    /// How many articles the registry knows.
    public func articleCount() async throws -> Int {
        let owner = goodsOwner
        return try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM article WHERE goodsOwner = ?", arguments: [owner]) ?? 0
        }
    }

    private static func inboxEntry(_ row: Row) -> InboxFileEntry {
        InboxFileEntry(
            name: row["name"], result: row["result"], archiveSeq: row["archiveSeq"], kind: row["kind"],
            detail: row["detail"],
            released: row["released"], updatedAt: row["updatedAt"])
    }
}
