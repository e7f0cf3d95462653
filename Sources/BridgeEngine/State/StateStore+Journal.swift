public import Foundation
import GRDB

extension StateStore {
    /// Write-backs that are pending and due, oldest first, at most `limit` (so memory stays bounded).
    public func dueWriteBacks(now: Date, after id: Int64 = 0, limit: Int = 1000) async throws -> [WriteBack] {
        let owner = goodsOwner
        return try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM journal WHERE goodsOwner = ? AND state = 'pending' AND nextAttemptAt <= ? AND id > ?
                    ORDER BY id LIMIT ?
                    """,
                arguments: [owner, now, id, limit]
            ).map(Self.writeBack)
        }
    }

    /// When the next pending write-back falls due, if any is pending.
    public func nextWriteBackDue() async throws -> Date? {
        let owner = goodsOwner
        return try await database.read { db in
            try Date.fetchOne(
                db, sql: "SELECT min(nextAttemptAt) FROM journal WHERE goodsOwner = ? AND state = 'pending'",
                arguments: [owner])
        }
    }

    /// Write-backs in the given states, newest first, for `status`.
    public func writeBacks(in states: [WriteBack.State], limit: Int = 1000) async throws -> [WriteBack] {
        let owner = goodsOwner
        let names = states.map(\.rawValue)
        return try await database.read { db in
            let marks = names.map { _ in "?" }.joined(separator: ", ")
            return try Row.fetchAll(
                db, sql: "SELECT * FROM journal WHERE goodsOwner = ? AND state IN (\(marks)) ORDER BY id DESC LIMIT ?",
                arguments: StatementArguments([owner] + names + [String(limit)])
            ).map(Self.writeBack)
        }
    }

    /// The journal's write-backs for one target, oldest first (for tests and `status`).
    public func writeBacks(for target: WriteBack.Target) async throws -> [WriteBack] {
        let owner = goodsOwner
        return try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM journal WHERE goodsOwner = ? AND operation = ? AND target = ? ORDER BY id",
                arguments: [owner, target.operation.rawValue, target.id]
            ).map(Self.writeBack)
        }
    }

    /// Records write-backs after an attempt, in one transaction.
    ///
    /// Only write-backs still pending change: one superseded while it was being tried keeps that state.
    public func updateWriteBacks(_ writeBacks: [WriteBack], now: Date) async throws {
        guard !writeBacks.isEmpty else { return }
        try await database.write { db in
            let update = try db.cachedStatement(
                sql: """
                    UPDATE journal SET state = ?, attempts = ?, lastError = ?, nextAttemptAt = ?, supersededBy = ?,
                        updatedAt = ?
                    WHERE id = ? AND state = 'pending'
                    """)
            for item in writeBacks {
                try update.execute(arguments: [
                    item.state.rawValue, item.attempts, item.lastError, item.nextAttemptAt, item.supersededBy, now,
                    item.id,
                ])
            }
        }
    }

    /// Adds instructions to the journal inside the caller's transaction, as ``WriteBackJournal/admit(_:live:journaled:)``
    /// decides: pending and due now, each superseding the pending write-back of its target, none twice.
    static func journal(_ writeBacks: [PlannedWriteBack], owner: String, now: Date, in db: Database) throws {
        guard !writeBacks.isEmpty else { return }
        let findLive = try db.cachedStatement(
            sql: "SELECT id FROM journal WHERE goodsOwner = ? AND operation = ? AND target = ? AND state = 'pending'")
        var live: [WriteBack.Target: Int64] = [:]
        for target in Set(writeBacks.map(\.targetKey)) {
            if let id = try Int64.fetchOne(findLive, arguments: [owner, target.operation.rawValue, target.id]) {
                live[target] = id
            }
        }
        let findSource = try db.cachedStatement(sql: "SELECT 1 FROM journal WHERE goodsOwner = ? AND sourceKey = ?")
        var journaled: Set<String> = []
        for key in writeBacks.compactMap(\.sourceKey)
        where try Bool.fetchOne(findSource, arguments: [owner, key]) != nil {
            journaled.insert(key)
        }
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO journal (goodsOwner, operation, target, value, source, sourceKey, state, nextAttemptAt,
                    createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)
                """)
        let supersede = try db.cachedStatement(
            sql: """
                UPDATE journal SET state = 'superseded', supersededBy = ?, updatedAt = ?
                WHERE id = ? AND state = 'pending'
                """)
        var inserted: [Int: Int64] = [:]
        for change in WriteBackJournal.admit(writeBacks, live: live, journaled: journaled) {
            switch change {
            case .insert(let index):
                let item = writeBacks[index]
                try insert.execute(arguments: [
                    owner, item.operation.rawValue, item.target, item.value, item.source, item.sourceKey, now, now, now,
                ])
                inserted[index] = db.lastInsertedRowID
            case .supersede(let older, let by):
                let olderId: Int64? =
                    switch older {
                    case .stored(let id): id
                    case .incoming(let index): inserted[index]
                    }
                guard let olderId, let newer = inserted[by] else { continue }
                try supersede.execute(arguments: [newer, now, olderId])
            }
        }
    }

    static func writeBack(_ row: Row) -> WriteBack {
        WriteBack(
            id: row["id"], operation: WriteBack.Operation(rawValue: row["operation"]) ?? .stock, target: row["target"],
            value: row["value"], source: row["source"], state: WriteBack.State(rawValue: row["state"]) ?? .pending,
            attempts: row["attempts"], lastError: row["lastError"], nextAttemptAt: row["nextAttemptAt"],
            supersededBy: row["supersededBy"], sourceKey: row["sourceKey"])
    }
}

extension StateStore {
    /// The write-backs waiting for a retry: how many, when the next is due, and the newest last error.
    public func pendingWriteBacks() async throws -> (count: Int, next: Date?, lastError: String?) {
        let owner = goodsOwner
        return try await database.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS count, min(nextAttemptAt) AS next,
                        (SELECT lastError FROM journal WHERE goodsOwner = ? AND state = 'pending' AND lastError IS NOT NULL
                            ORDER BY updatedAt DESC LIMIT 1) AS lastError
                    FROM journal WHERE goodsOwner = ? AND state = 'pending'
                    """, arguments: [owner, owner])
            return (row?["count"] ?? 0, row?["next"], row?["lastError"])
        }
    }
}
