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
        removeAbandonedCSV()
        var recovered = 0
        for entry in try await store.pendingExports() where entry.kind == kind {
            let final = settings.outbox + "/" + entry.fileName
            let temporary = settings.outbox + "/." + entry.fileName + ".tmp"
            if !settings.formats.contains(.xml) || FileSystem.exists(final) {
                // CSV only (its rows follow below), or renamed into view: the write completed.
                try await store.finishExport(kind, entry.key)
            } else if try await archive.contains(name: entry.fileName) {
                // Archived, so the hidden file was complete: finish the rename, unless the importer already
                // took the renamed file (then there is neither).
                if FileSystem.exists(temporary) { try FileSystem.commit(temporary, to: final) }
                try await store.finishExport(kind, entry.key)
            } else if let data = try await store.content(kind, entry.key) {
                // Interrupted before the archive: nothing became visible; write it again under the same name.
                try? FileManager.default.removeItem(atPath: temporary)
                try await writeXML(try JSONDecoder().decode(OngoingRecord.self, from: data), name: entry.fileName)
                try await store.finishExport(kind, entry.key)
            } else {
                try await store.forgetExport(kind, entry.key)
            }
            recovered += 1
        }
        if settings.formats.contains(.csv) {
            for key in try await store.csvPending(kind) {
                guard let data = try await store.content(kind, key) else { continue }
                try appendCSV(try JSONDecoder().decode(OngoingRecord.self, from: data))
            }
        }
        return recovered
    }

    /// Writes one object unless its content is unchanged.
    func emit(_ record: OngoingRecord) async throws -> Outcome {
        let content = try Self.encoder.encode(record)
        let hash = SHA256.hash(data: content + Data(settings.goodsOwnerCode.utf8)).map { String(format: "%02x", $0) }
            .joined()
        if let entry = try await store.export(kind, record.key), entry.contentHash == hash, entry.isWritten {
            return .unchanged
        }
        let name = OutboxFileName.xml(record, at: now())
        if settings.dryRun { return .wouldWrite(name) }
        let withCSV = settings.formats.contains(.csv)
        try await store.beginExport(kind, record.key, contentHash: hash, fileName: name, content: content, csv: withCSV)
        if settings.formats.contains(.xml) { try await writeXML(record, name: name) }
        if withCSV { try appendCSV(record) }
        try await store.finishExport(kind, record.key)
        return .written(name)
    }

    /// Commits the run's CSV file: flushed, archived, renamed into view. Returns its name, if any rows were written.
    func finish() async throws -> String? {
        guard let file = csvFile else { return nil }
        try file.handle.synchronize()
        try file.handle.close()
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

    private func writeXML(_ record: OngoingRecord, name: String) async throws {
        let bytes = try xml.document(for: record, goodsOwnerCode: settings.goodsOwnerCode)
        let final = settings.outbox + "/" + name
        let temporary = try FileSystem.writeTemporary(bytes, besides: final)
        try await archive.store(
            bytes, name: name, direction: "outbound", kind: kind.rawValue, keys: [kind.rawValue: record.key])
        try FileSystem.commit(temporary, to: final)
    }

    private func appendCSV(_ record: OngoingRecord) throws {
        if csvFile == nil {
            let name = OutboxFileName.csv(kind, at: now())
            let temporary = settings.outbox + "/." + name + ".tmp"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(csv.header().utf8)),
                let handle = FileHandle(forWritingAtPath: temporary)
            else { throw BridgeError(.fileSystem, "cannot create \(temporary)") }
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
