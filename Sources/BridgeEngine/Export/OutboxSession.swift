import BridgeModel
import Crypto
import Foundation
import OngoingFiles

/// Writes one run's objects of one kind to the outbox, exactly once.
///
/// For each object: an unchanged object (same content hash as last written) is skipped. A new or changed one
/// is recorded as pending in the state store with its content, written under a hidden name and flushed,
/// archived, renamed into view, and recorded as written. A crash at any step leaves a pending record that
/// ``recover()`` completes on the next start without writing the object twice. CSV rows stream into a hidden
/// file that becomes visible (and archived) when the run finishes.
actor OutboxSession {
    /// What happened to one object.
    enum Outcome: Equatable {
        case written(String)
        case unchanged
        case wouldWrite(String)
    }

    let kind: ObjectKind
    private let settings: ExportSettings
    private let store: StateStore
    private let archive: Archive
    private let xml: OngoingXMLWriter
    private let csv: OngoingCSVWriter
    private let now: @Sendable () -> Date
    private var csvFile: (temporary: String, name: String, handle: FileHandle)?
    private var csvKeys: [String] = []

    init(
        kind: ObjectKind, settings: ExportSettings, store: StateStore, archive: Archive, xml: OngoingXMLWriter,
        table: MappingTable, now: @escaping @Sendable () -> Date
    ) {
        self.kind = kind
        self.settings = settings
        self.store = store
        self.archive = archive
        self.xml = xml
        self.csv = OngoingCSVWriter(kind: kind, table: table)
        self.now = now
    }

    /// Completes writes an earlier run left pending, and queues the CSV rows an interrupted run never committed.
    func recover() async throws -> Int {
        guard !settings.dryRun else { return 0 }
        let unsentRows = try await recoverCSV()
        removeAbandonedCSV()
        let pending = try await store.pendingExports().filter { $0.kind == kind }
        var finished: [String] = []
        var rewrite: [(OngoingRecord, String)] = []
        let archived = try await archive.archivedNames(among: Set(pending.map(\.fileName)))
        for entry in pending {
            let final = settings.outbox + "/" + entry.fileName
            let temporary = FileSystem.temporaryPath(besides: final)
            if !settings.formats.contains(.xml) || FileSystem.exists(final) {
                // CSV only (its rows follow below), or renamed into view: the write completed.
                finished.append(entry.key)
            } else if archived.contains(entry.fileName) {
                // Archived, so the hidden file was complete: finish the rename, unless the importer already
                // took the renamed file (then there is neither).
                if FileSystem.exists(temporary) { try FileSystem.commit(temporary, to: final) }
                finished.append(entry.key)
            } else if let data = try await store.content(kind, entry.key) {
                // Interrupted before the archive: nothing became visible; write it again under the same name.
                try? FileManager.default.removeItem(atPath: temporary)
                rewrite.append((try JSONDecoder().decode(OngoingRecord.self, from: data), entry.fileName))
                finished.append(entry.key)
            } else {
                try await store.forgetExport(kind, entry.key)
            }
        }
        try await writeXML(rewrite)
        try await store.finishExports(kind, finished)
        for key in unsentRows {
            guard let data = try await store.content(kind, key) else { continue }
            try appendCSV(try JSONDecoder().decode(OngoingRecord.self, from: data))
        }
        return pending.count
    }

    /// Settles CSV rows an interrupted run left pending: rows whose file was archived are in a committed file
    /// (finishing its rename if the crash came just before it); the others are returned, to go into this run's file.
    private func recoverCSV() async throws -> [String] {
        guard settings.formats.contains(.csv) else { return [] }
        let pending = try await store.csvPending(kind)
        guard !pending.isEmpty else { return [] }
        let archived = try await archive.archivedNames(among: Set(pending.compactMap(\.file)))
        var committed: [String] = []
        var unsent: [String] = []
        for (key, file) in pending {
            guard let file, FileSystem.exists(settings.outbox + "/" + file) || archived.contains(file) else {
                unsent.append(key)
                continue
            }
            let temporary = FileSystem.temporaryPath(besides: settings.outbox + "/" + file)
            if !FileSystem.exists(settings.outbox + "/" + file) && FileSystem.exists(temporary) {
                try FileSystem.commit(temporary, to: settings.outbox + "/" + file)
            }
            committed.append(key)
        }
        try await store.finishCSV(kind, keys: committed)
        return unsent
    }

    /// Writes a batch of objects, skipping those whose content is unchanged.
    ///
    /// One transaction records them as pending, each file is flushed under a hidden name, the batch is archived
    /// with one manifest flush, the files are renamed into view, and one transaction records them as written.
    /// Keys must be unique.
    func emit(_ records: [OngoingRecord]) async throws -> [Outcome] {
        let known = try await store.exports(kind, records.map(\.key))
        var outcomes: [Outcome] = []
        var planned: [StateStore.PlannedExport] = []
        var changed: [(OngoingRecord, String)] = []
        for record in records {
            let content = try Self.encoder.encode(record)
            let hash = Archive.hex(SHA256.hash(data: content + Data(settings.goodsOwnerCode.utf8)))
            if let entry = known[record.key], entry.contentHash == hash, entry.isWritten {
                outcomes.append(.unchanged)
                continue
            }
            let name = OutboxFileName.xml(record, at: now())
            outcomes.append(settings.dryRun ? .wouldWrite(name) : .written(name))
            planned.append(
                StateStore.PlannedExport(key: record.key, contentHash: hash, fileName: name, content: content))
            changed.append((record, name))
        }
        guard !settings.dryRun, !changed.isEmpty else { return outcomes }
        try await store.beginExports(kind, planned, csv: settings.formats.contains(.csv))
        if settings.formats.contains(.xml) { try await writeXML(changed) }
        if settings.formats.contains(.csv) { for (record, _) in changed { try appendCSV(record) } }
        try await store.finishExports(kind, planned.map(\.key))
        return outcomes
    }

    /// Commits the run's CSV file.
    ///
    /// It is flushed, archived and renamed into view. Returns its name, if any rows were written.
    func finish() async throws -> String? {
        guard let file = csvFile else { return nil }
        try file.handle.synchronize()
        try file.handle.close()
        try await store.assignCSV(kind, keys: csvKeys, file: file.name)
        try await archive.storeFile(
            at: file.temporary, name: file.name, direction: "outbound", kind: "\(kind.plural)-csv",
            keys: [kind.rawValue: "\(csvKeys.count) objects"])
        try FileSystem.commit(file.temporary, to: settings.outbox + "/" + file.name)
        try await store.finishCSV(kind, keys: csvKeys)
        csvFile = nil
        return file.name
    }

    /// Drops an unfinished CSV file (the run failed; its rows stay pending for the next run).
    func abandon() {
        guard let file = csvFile else { return }
        try? file.handle.close()
        try? FileManager.default.removeItem(atPath: file.temporary)
        csvFile = nil
    }

    /// Deletes hidden CSV files of runs that were killed; their rows are still pending and go into this run's file.
    private func removeAbandonedCSV() {
        let prefix = ".\(kind.plural)-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: settings.outbox)) ?? []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".csv.tmp") {
            try? FileManager.default.removeItem(atPath: settings.outbox + "/" + name)
        }
    }

    private func writeXML(_ items: [(OngoingRecord, String)]) async throws {
        guard !items.isEmpty else { return }
        var renames: [(String, String)] = []
        var archived: [Archive.Item] = []
        for (record, name) in items {
            let bytes = try xml.document(for: record, goodsOwnerCode: settings.goodsOwnerCode)
            let final = settings.outbox + "/" + name
            renames.append((try FileSystem.writeTemporary(bytes, besides: final), final))
            archived.append(
                Archive.Item(
                    bytes: bytes, name: name, direction: "outbound", kind: kind.rawValue,
                    keys: [kind.rawValue: record.key]))
        }
        try await archive.storeBatch(archived)
        for (temporary, final) in renames { try FileSystem.rename(temporary, to: final) }
        FileSystem.syncDirectory(of: settings.outbox + "/x")
    }

    private func appendCSV(_ record: OngoingRecord) throws {
        if csvFile == nil {
            let name = OutboxFileName.csv(kind, at: now())
            let temporary = FileSystem.temporaryPath(besides: settings.outbox + "/" + name)
            // Written in place (not through Foundation's atomic write, whose own temporary file a kill would leave).
            try FileSystem.write(Array(csv.header().utf8), to: temporary)
            guard let handle = FileHandle(forWritingAtPath: temporary) else {
                throw BridgeError(.fileSystem, "cannot open \(temporary)")
            }
            try handle.seekToEnd()
            csvFile = (temporary, name, handle)
        }
        try csvFile?.handle.write(contentsOf: Data(csv.rows(for: record).utf8))
        csvKeys.append(record.key)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
