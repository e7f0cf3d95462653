import BridgeModel
public import Foundation
import GRDB

/// The bridge's memory for one goods owner: what was exported with which content, the watermark of each process,
/// the article registry, the write-back journal, the inbox files taken, and the history of runs.
///
/// A view over the process's one ``StateDatabase``: every owner's store shares its single connection. Every write is
/// one transaction, so a crash leaves either the old or the new state, never half of one.
public final class StateStore: Sendable {
    let database: any DatabaseWriter
    /// The goods owner whose state this is.
    public let goodsOwner: String
    /// Whether this store writes nothing to disk (a dry run's copy in memory).
    public let isDryRun: Bool

    init(database: any DatabaseWriter, goodsOwner: String, isDryRun: Bool) {
        self.database = database
        self.goodsOwner = goodsOwner
        self.isDryRun = isDryRun
    }

    /// The watermark of a process: the latest 24SevenOffice change stamp it has safely exported.
    public func watermark(_ process: String) async throws -> Date? {
        let owner = goodsOwner
        return try await database.read { db in
            try Date.fetchOne(
                db, sql: "SELECT value FROM watermark WHERE goodsOwner = ? AND process = ?",
                arguments: [owner, process])
        }
    }

    /// Moves a process's watermark; it never moves backwards.
    public func advanceWatermark(_ process: String, to value: Date) async throws {
        let owner = goodsOwner
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO watermark (goodsOwner, process, value) VALUES (?, ?, ?)
                    ON CONFLICT (goodsOwner, process) DO UPDATE SET value = max(value, excluded.value)
                    """,
                arguments: [owner, process, value])
        }
    }

    /// Remembers article numbers by 24SevenOffice product id (the article registry).
    public func recordArticleNumbers(_ numbers: [Int: String]) async throws {
        let owner = goodsOwner
        try await database.write { db in
            let statement = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO article (goodsOwner, productId, number) VALUES (?, ?, ?)")
            for (id, number) in numbers { try statement.execute(arguments: [owner, id, number]) }
        }
    }

    /// The registered article numbers of these products.
    public func articleNumbers(_ productIds: Set<Int>) async throws -> [Int: String] {
        let owner = goodsOwner
        return try await database.read { db in
            var result: [Int: String] = [:]
            try BatchedSQL.eachRow(
                Array(productIds), in: db, arguments: [owner],
                sql: {
                    "SELECT productId, number FROM article WHERE goodsOwner = ? AND productId IN (\(BatchedSQL.placeholders($0)))"
                }
            ) { row in
                if let number: String = row["number"] { result[row["productId"]] = number }
            }
            return result
        }
    }

    /// Records a finished run of a process, for `status`.
    public func recordRun(_ run: RunRecord) async throws {
        let owner = goodsOwner
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (goodsOwner, process, startedAt, finishedAt, result, written, unchanged, notices, error)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    owner, run.process, run.startedAt, run.finishedAt, run.result, run.written, run.unchanged,
                    run.notices, run.error,
                ])
        }
    }

    /// How many runs of a process finished (or failed).
    public func runCount(_ process: String) async throws -> Int {
        let owner = goodsOwner
        return try await database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM run WHERE goodsOwner = ? AND process = ?", arguments: [owner, process])
                ?? 0
        }
    }

    /// The latest run of each process.
    public func lastRuns() async throws -> [RunRecord] {
        let owner = goodsOwner
        return try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM run WHERE goodsOwner = ? AND id IN (SELECT max(id) FROM run WHERE goodsOwner = ? GROUP BY process)
                    ORDER BY process
                    """, arguments: [owner, owner]
            ).map { row in
                RunRecord(
                    process: row["process"], startedAt: row["startedAt"], finishedAt: row["finishedAt"],
                    result: row["result"], written: row["written"], unchanged: row["unchanged"],
                    notices: row["notices"],
                    error: row["error"])
            }
        }
    }
}
