import Foundation
import GRDB

/// The state database of one process: `sevenbridge.sqlite` in the state folder, opened once (GRDB's first rule:
/// connect to a database file only once) and shared by every ``StateStore`` of the process.
///
/// On disk it is a WAL-mode `DatabasePool` (concurrent reads, one writer at a time, off the cooperative pool). A dry
/// run gets a copy in memory instead, so that it sees what a real run would and writes nothing.
public final class StateDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The database file, or `nil` for a copy in memory.
    public let path: String?
    /// Whether the file is open for reading only.
    private let readOnly: Bool

    private init(writer: any DatabaseWriter, path: String?, readOnly: Bool) {
        self.writer = writer
        self.path = path
        self.readOnly = readOnly
    }

    /// Opens (creating and migrating) the database in `folder`.
    /// - Parameters:
    ///   - folder: the state folder.
    ///   - dryRun: read a copy of the existing state into memory (or start empty) and never touch the disk.
    /// - Throws: `BridgeError` when the folder or the database cannot be opened.
    public convenience init(folder: String, dryRun: Bool = false) throws {
        let file = folder + "/sevenbridge.sqlite"
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let writer: any DatabaseWriter
        do {
            if dryRun {
                let memory = try DatabaseQueue(configuration: configuration)
                if FileManager.default.fileExists(atPath: file) {
                    var readOnly = configuration
                    readOnly.readonly = true
                    try DatabaseQueue(path: file, configuration: readOnly).backup(to: memory)
                }
                writer = memory
            } else {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                writer = try DatabasePool(path: file, configuration: configuration)
            }
            try Self.migrator.migrate(writer)
        } catch let error as BridgeError {
            throw error
        } catch {
            throw BridgeError(.fileSystem, "the state database \(file) cannot be opened: \(error)")
        }
        self.init(writer: writer, path: dryRun ? nil : file, readOnly: false)
    }

    /// Opens the database in `folder` for reading only, as `status` does beside a running daemon: the file itself
    /// when its schema is this version's, else (an older bridge wrote it, or there is none) a migrated copy in
    /// memory.
    ///
    /// Reading the file itself keeps a large state out of memory: a copy holds a row for every exported object.
    /// - Throws: `BridgeError` when the database cannot be opened.
    public convenience init(readingFolder folder: String) throws {
        let file = folder + "/sevenbridge.sqlite"
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.readonly = true
        let current: DatabaseQueue?
        do {
            if FileManager.default.fileExists(atPath: file) {
                let queue = try DatabaseQueue(path: file, configuration: configuration)
                current = try queue.read { try Self.migrator.hasCompletedMigrations($0) } ? queue : nil
            } else {
                current = nil
            }
        } catch {
            throw BridgeError(.fileSystem, "the state database \(file) cannot be opened: \(error)")
        }
        guard let current else {
            try self.init(folder: folder, dryRun: true)
            return
        }
        self.init(writer: current, path: file, readOnly: true)
    }

    /// The store of one goods owner, over this database.
    public func store(goodsOwner: String) -> StateStore {
        StateStore(database: writer, goodsOwner: goodsOwner, isDryRun: path == nil || readOnly)
    }

    /// The schema's migrations, in order.
    static let migrator: DatabaseMigrator = {
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
        migrator.registerMigration("v5-one-runtime") { db in
            // One live write-back per target: older pending ones of the same target are superseded by the newest.
            try db.execute(
                sql: """
                    ALTER TABLE journal ADD COLUMN sourceKey TEXT;
                    ALTER TABLE journal ADD COLUMN supersededBy INTEGER;
                    CREATE UNIQUE INDEX journalSource ON journal (goodsOwner, sourceKey);
                    CREATE INDEX journalTarget ON journal (goodsOwner, operation, target, state);
                    UPDATE journal SET state = 'superseded', supersededBy = (
                        SELECT max(newer.id) FROM journal AS newer
                        WHERE newer.goodsOwner = journal.goodsOwner AND newer.operation = journal.operation
                            AND newer.target = journal.target AND newer.state = 'pending')
                    WHERE state = 'pending' AND id < (
                        SELECT max(newer.id) FROM journal AS newer
                        WHERE newer.goodsOwner = journal.goodsOwner AND newer.operation = journal.operation
                            AND newer.target = journal.target AND newer.state = 'pending');
                    ALTER TABLE export ADD COLUMN pinnedDeliveryDate TEXT;
                    ALTER TABLE inboxFile ADD COLUMN archiveSeq INTEGER;
                    CREATE TABLE erpBudget (
                        account TEXT NOT NULL PRIMARY KEY, windowStart DATETIME, used INTEGER NOT NULL,
                        blockedUntil DATETIME);
                    """)
        }
        migrator.registerMigration("v6-erp-health") { db in
            try db.execute(
                sql: """
                    CREATE TABLE erpHealth (
                        account TEXT NOT NULL PRIMARY KEY, lastAnswerAt DATETIME, lastFailureAt DATETIME, lastError TEXT);
                    CREATE TABLE importFailure (
                        goodsOwner TEXT NOT NULL, orderNumber TEXT NOT NULL, message TEXT NOT NULL, source TEXT NOT NULL,
                        reportedAt DATETIME NOT NULL, PRIMARY KEY (goodsOwner, orderNumber, source));
                    """)
        }
        migrator.registerMigration("v7-schedule") { db in
            // When the daemon runs each process next, for `status` and the status page.
            try db.execute(
                sql: """
                    CREATE TABLE schedule (
                        goodsOwner TEXT NOT NULL, process TEXT NOT NULL, nextRunAt DATETIME NOT NULL,
                        PRIMARY KEY (goodsOwner, process));
                    """)
        }
        migrator.registerMigration("v8-csv-pending") { db in
            // The rows of a committed CSV file are settled by its name in one statement, not one key at a time.
            try db.execute(
                sql: "CREATE INDEX exportCSVPending ON export (goodsOwner, kind, csvFile) WHERE csvPending = 1")
        }
        migrator.registerMigration("v9-export-content") { db in
            // An export's content (kept for recovery, a kilobyte or so) lives beside its row, not in it: the row is
            // updated two or three times per export (written, CSV settled), and each update rewrote a page that held
            // three rows' contents; now a page holds some thirty rows.
            try db.execute(
                sql: """
                    CREATE TABLE exportContent (
                        goodsOwner TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, content BLOB NOT NULL,
                        PRIMARY KEY (goodsOwner, kind, key));
                    INSERT INTO exportContent (goodsOwner, kind, key, content)
                        SELECT goodsOwner, kind, key, content FROM export WHERE content IS NOT NULL;
                    ALTER TABLE export DROP COLUMN content;
                    """)
        }
        migrator.registerMigration("v10-no-export-content") { db in
            // Recovery no longer writes an interrupted export from its stored content: the object is written again
            // by its next export (the watermark has not moved), so the content is not kept at all.
            try db.execute(sql: "DROP TABLE exportContent")
        }
        return migrator
    }()
}
