import BridgeModel
public import Foundation
import GRDB

/// The bridge's memory, in SQLite through GRDB, keyed by goods owner: what was exported with which content,
/// the watermark of each process, the article registry, and the history of runs.
///
/// Every write is one transaction, so a crash leaves either the old or the new state, never half of one.
public final class StateStore: Sendable {
    let database: DatabaseQueue
    /// The goods owner whose state this is.
    public let goodsOwner: String

    /// Opens (and creates or migrates) the store in `folder`.
    /// - Parameters:
    ///   - folder: the state folder; the database is `sevenbridge.sqlite` inside it.
    ///   - goodsOwner: the goods owner whose rows this store reads and writes.
    ///   - dryRun: leave the disk untouched: read a copy of the existing state into memory (or start empty), so
    ///     that a dry run sees what a real run would and writes nothing.
    public init(folder: String, goodsOwner: String, dryRun: Bool = false) throws {
        let path = folder + "/sevenbridge.sqlite"
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        if !dryRun {
            // Write-ahead logging: one flush per transaction instead of several, same crash safety.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        }
        if dryRun {
            database = try DatabaseQueue(configuration: configuration)
            if FileManager.default.fileExists(atPath: path) {
                var readOnly = configuration
                readOnly.readonly = true
                try DatabaseQueue(path: path, configuration: readOnly).backup(to: database)
            }
        } else {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            database = try DatabaseQueue(path: path, configuration: configuration)
        }
        self.goodsOwner = goodsOwner
        try Self.migrator.migrate(database)
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
            for (id, number) in numbers {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO article (goodsOwner, productId, number) VALUES (?, ?, ?)",
                    arguments: [owner, id, number])
            }
        }
    }

    /// The registered article numbers of these products.
    public func articleNumbers(_ productIds: Set<Int>) async throws -> [Int: String] {
        let owner = goodsOwner
        return try await database.read { db in
            var result: [Int: String] = [:]
            for id in productIds {
                if let number = try String.fetchOne(
                    db, sql: "SELECT number FROM article WHERE goodsOwner = ? AND productId = ?",
                    arguments: [owner, id])
                {
                    result[id] = number
                }
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

    private static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE export (
                        goodsOwner TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, contentHash TEXT NOT NULL,
                        fileName TEXT NOT NULL, written BOOLEAN NOT NULL, csvPending BOOLEAN NOT NULL DEFAULT 0,
                        content BLOB, updatedAt DATETIME NOT NULL,
                        PRIMARY KEY (goodsOwner, kind, key));
                    CREATE TABLE watermark (
                        goodsOwner TEXT NOT NULL, process TEXT NOT NULL, value DATETIME NOT NULL,
                        PRIMARY KEY (goodsOwner, process));
                    CREATE TABLE article (
                        goodsOwner TEXT NOT NULL, productId INTEGER NOT NULL, number TEXT NOT NULL,
                        PRIMARY KEY (goodsOwner, productId));
                    CREATE TABLE run (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, goodsOwner TEXT NOT NULL, process TEXT NOT NULL,
                        startedAt DATETIME NOT NULL, finishedAt DATETIME NOT NULL, result TEXT NOT NULL,
                        written INTEGER NOT NULL, unchanged INTEGER NOT NULL, notices INTEGER NOT NULL, error TEXT);
                    """)
        }
        migrator.registerMigration("v2-inbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE inboxFile (
                        goodsOwner TEXT NOT NULL, sha256 TEXT NOT NULL, name TEXT NOT NULL, kind TEXT,
                        result TEXT NOT NULL, detail TEXT, released BOOLEAN NOT NULL DEFAULT 0, updatedAt DATETIME NOT NULL,
                        PRIMARY KEY (goodsOwner, sha256));
                    CREATE TABLE journal (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, goodsOwner TEXT NOT NULL, operation TEXT NOT NULL,
                        target INTEGER NOT NULL, value TEXT NOT NULL, source TEXT NOT NULL, state TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0, lastError TEXT, nextAttemptAt DATETIME NOT NULL,
                        createdAt DATETIME NOT NULL, updatedAt DATETIME NOT NULL);
                    CREATE INDEX journalPending ON journal (goodsOwner, state, nextAttemptAt);
                    CREATE TABLE pickedLine (
                        goodsOwner TEXT NOT NULL, orderNumber TEXT NOT NULL, lineCode TEXT NOT NULL, ordered TEXT,
                        picked TEXT NOT NULL, statusNumber INTEGER NOT NULL, updatedAt DATETIME NOT NULL,
                        PRIMARY KEY (goodsOwner, orderNumber, lineCode));
                    """)
        }
        migrator.registerMigration("v3-consumed") { db in
            try db.execute(sql: "ALTER TABLE export ADD COLUMN consumed BOOLEAN NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v4-csv-file") { db in
            try db.execute(sql: "ALTER TABLE export ADD COLUMN csvFile TEXT")
        }
        return migrator
    }()
}
