public import Foundation
import GRDB

extension StateStore {
    /// How the write-back journal stands, for the status page, metrics and alerts.
    public struct WriteBackTally: Sendable, Equatable {
        /// Waiting for their first attempt or due again, without an error so far.
        public var pending: Int
        /// Waiting for a retry after an error.
        public var failed: Int
        /// Refused by 24SevenOffice, with no later write-back to the same target.
        public var refused: Int
        /// When the oldest of the failed ones was journaled.
        public var failingSince: Date?
    }

    /// A stock file held for a person.
    public struct HeldFile: Sendable, Equatable {
        /// The file's name.
        public var name: String
        /// Why it is held.
        public var reason: String
        /// When it was held.
        public var heldAt: Date
    }

    /// How the write-back journal stands.
    public func writeBackTally() async throws -> WriteBackTally {
        let owner = goodsOwner
        return try await database.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT
                        count(CASE WHEN state = 'pending' AND lastError IS NULL THEN 1 END) AS pending,
                        count(CASE WHEN state = 'pending' AND lastError IS NOT NULL THEN 1 END) AS failed,
                        min(CASE WHEN state = 'pending' AND lastError IS NOT NULL THEN createdAt END) AS failingSince
                    FROM journal WHERE goodsOwner = ?
                    """, arguments: [owner])
            let refused =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM journal AS j WHERE goodsOwner = ? AND state = 'refused' AND NOT EXISTS (
                            SELECT 1 FROM journal AS later WHERE later.goodsOwner = j.goodsOwner
                                AND later.operation = j.operation AND later.target = j.target AND later.id > j.id)
                        """, arguments: [owner]) ?? 0
            return WriteBackTally(
                pending: row?["pending"] ?? 0, failed: row?["failed"] ?? 0, refused: refused,
                failingSince: row?["failingSince"])
        }
    }

    /// The stock files held for a person and not released yet, oldest first.
    public func heldFiles() async throws -> [HeldFile] {
        let owner = goodsOwner
        return try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT name, detail, updatedAt FROM inboxFile WHERE goodsOwner = ? AND result = 'held' AND released = 0
                    ORDER BY updatedAt
                    """, arguments: [owner]
            ).map { HeldFile(name: $0["name"], reason: $0["detail"] ?? "held", heldAt: $0["updatedAt"]) }
        }
    }

    /// When the last file from the WMS was taken, if one ever was.
    public func lastInboxFile() async throws -> Date? {
        let owner = goodsOwner
        return try await database.read { db in
            try Date.fetchOne(db, sql: "SELECT max(updatedAt) FROM inboxFile WHERE goodsOwner = ?", arguments: [owner])
        }
    }

    /// Per process, when it last succeeded and when it first ran.
    public func runHistory() async throws -> [String: (lastSuccess: Date?, firstRun: Date)] {
        let owner = goodsOwner
        return try await database.read { db in
            var history: [String: (lastSuccess: Date?, firstRun: Date)] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT process, max(CASE WHEN result = 'ok' THEN finishedAt END) AS lastSuccess,
                        min(startedAt) AS firstRun
                    FROM run WHERE goodsOwner = ? GROUP BY process
                    """, arguments: [owner])
            {
                history[row["process"]] = (row["lastSuccess"], row["firstRun"])
            }
            return history
        }
    }

    /// Records when the daemon runs its exporters next.
    public func recordNextRun(_ processes: [String], at time: Date) async throws {
        guard !isDryRun else { return }
        let owner = goodsOwner
        try await database.write { db in
            for process in processes {
                try db.execute(
                    sql: """
                        INSERT INTO schedule (goodsOwner, process, nextRunAt) VALUES (?, ?, ?)
                        ON CONFLICT (goodsOwner, process) DO UPDATE SET nextRunAt = excluded.nextRunAt
                        """, arguments: [owner, process, time])
            }
        }
    }

    /// When the daemon last said it runs each process next.
    public func nextRuns() async throws -> [String: Date] {
        let owner = goodsOwner
        return try await database.read { db in
            var runs: [String: Date] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT process, nextRunAt FROM schedule WHERE goodsOwner = ?", arguments: [owner])
            {
                runs[row["process"]] = row["nextRunAt"]
            }
            return runs
        }
    }
}
