import BridgeModel
import Crypto
import Foundation
import OngoingFiles

/// Writes one run's objects of one kind to the outbox, exactly once.
///
/// For each object: an unchanged object (same content hash as last written) is skipped. A new or changed one
/// is recorded as pending in the state store with its content, written under a hidden name and flushed,
/// archived, renamed into view, and recorded as written (``OutboxWrite``). A crash at any step leaves a pending
/// record that ``recover()`` completes on the next start without writing the object twice. CSV rows stream into a
/// hidden file that becomes visible (and archived) when the run finishes. File work runs on the thread pool.
actor OutboxSession {
    /// What happened to one object.
    enum Outcome: Equatable, Sendable {
        case written(String)
        case unchanged
        case wouldWrite(String)
    }

    /// An object to write, with the delivery date it was given from the export time, if any.
    struct Item: Sendable {
        var record: OngoingRecord
        var pinnedDeliveryDate: String?
    }

    let kind: ObjectKind
    private let settings: ExportSettings
    private let store: StateStore
    private let archive: ArchiveWriter
    private let xml: OngoingXMLWriter
    private let csv: OngoingCSVWriter
    private let files: any FileSystem
    private let blocking: BlockingWork
    private let now: @Sendable () -> Date
    private var csvFile: (temporary: String, name: String, handle: any WritableFile)?
    private var csvKeys: [String] = []
    /// Objects whose files are in view but not yet recorded as written: recorded with the next batch's transaction (one
    /// commit per batch instead of two).
    ///
    /// Recovery finds them visible and records them if the run dies first.
    private var unfinished: [String] = []
    /// The commit of the last batch, running while the caller prepares the next one.
    private var committing: Task<Void, any Error>?

    init(
        kind: ObjectKind, settings: ExportSettings, store: StateStore, archive: ArchiveWriter, xml: OngoingXMLWriter,
        table: MappingTable, files: any FileSystem, blocking: BlockingWork, now: @escaping @Sendable () -> Date
    ) {
        self.kind = kind
        self.settings = settings
        self.store = store
        self.archive = archive
        self.xml = xml
        self.csv = OngoingCSVWriter(kind: kind, table: table)
        self.files = files
        self.blocking = blocking
        self.now = now
    }

    private func path(_ name: String) -> String { settings.outbox + "/" + name }

    /// Completes writes an earlier run left pending, and queues the CSV rows an interrupted run never committed.
    func recover() async throws -> Int {
        guard !settings.dryRun else { return 0 }
        let unsentRows = try await recoverCSV()
        try await removeAbandonedCSV()
        let pending = try await store.pendingExports().filter { $0.kind == kind }
        guard !pending.isEmpty || !unsentRows.isEmpty else { return 0 }
        var finished: [String] = []
        var rewrite: [(OngoingRecord, String)] = []
        let archived = try await archive.archivedNames(among: Set(pending.map(\.fileName)))
        for entry in pending {
            let final = path(entry.fileName)
            let temporary = FileSystemPaths.temporary(besides: final)
            let content = try await store.content(kind, entry.key)
            let evidence = OutboxWrite.Evidence(
                writesXML: settings.formats.contains(.xml), visible: files.exists(final),
                archived: archived.contains(entry.fileName), hidden: files.exists(temporary),
                hasContent: content != nil)
            switch OutboxWrite.recovery(evidence) {
            case .done:
                finished.append(entry.key)
            case .finishRename:
                try await blocking.run { [files] in try files.commit(temporary, to: final) }
                finished.append(entry.key)
            case .rewrite:
                if evidence.hidden { try files.remove(temporary) }
                if let content {
                    rewrite.append((try JSONDecoder().decode(OngoingRecord.self, from: content), entry.fileName))
                }
                finished.append(entry.key)
            case .forget:
                try await store.forgetExport(kind, entry.key)
            }
        }
        try await writeXML(try await render(rewrite, csv: false))
        try await store.finishExports(kind, finished)
        for key in unsentRows {
            guard let data = try await store.content(kind, key) else { continue }
            try await appendCSV([try JSONDecoder().decode(OngoingRecord.self, from: data)])
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
            let final = file.map(path) ?? ""
            let temporary = FileSystemPaths.temporary(besides: final)
            let recovery = OutboxWrite.csvRecovery(
                assigned: file, visible: file != nil && files.exists(final),
                archived: file.map(archived.contains) ?? false, hidden: file != nil && files.exists(temporary))
            switch recovery {
            case nil, .rewrite, .forget:
                unsent.append(key)
                continue
            case .finishRename:
                try await blocking.run { [files] in try files.commit(temporary, to: final) }
            case .done:
                break
            }
            committed.append(key)
        }
        try await store.finishCSV(kind, keys: committed)
        return unsent
    }

    /// Writes a batch of objects, skipping those whose content is unchanged, and returns what happens to each.
    ///
    /// The batch is decided and rendered first (hashes, XML, CSV rows, archive copies, on every core). Then the
    /// batch before it is awaited, and this batch's commit starts in the background, so that its files are made
    /// durable while the caller fetches and maps the next one: one transaction records the batch as pending, each
    /// file is written under a hidden name, the batch is archived as one segment with one syncfs, the files are
    /// renamed into view, and the next batch's transaction records them as written. A commit's error is thrown by the
    /// next call of `emit` or by ``finish()``. Keys must be unique.
    func emit(_ items: [Item]) async throws -> [Outcome] {
        let batch = try await prepare(items)
        try await settle()
        guard !settings.dryRun, !batch.planned.isEmpty else { return batch.outcomes }
        committing = Task { try await self.commit(batch) }
        return batch.outcomes
    }

    /// A batch decided and rendered, ready to commit.
    struct PreparedBatch: Sendable {
        var outcomes: [Outcome]
        var planned: [StateStore.PlannedExport]
        fileprivate var rendered: [Rendered]
    }

    /// Decides which objects changed and renders their files.
    ///
    /// Writes nothing; the CPU work runs on every core.
    private nonisolated func prepare(_ items: [Item]) async throws -> PreparedBatch {
        let known = try await store.exports(kind, items.map(\.record.key))
        let owner = Array(settings.goodsOwnerCode.utf8)
        let hashed = try await blocking.chunks(items) { slice in
            slice.map { item in
                let content = item.record.canonicalJSON
                var hasher = SHA256()
                hasher.update(data: content)
                hasher.update(data: owner)
                return (content: content, hash: ArchiveFormat.hex(hasher.finalize()))
            }
        }
        var outcomes: [Outcome] = []
        var planned: [StateStore.PlannedExport] = []
        var changed: [(OngoingRecord, String)] = []
        for (item, (content, hash)) in zip(items, hashed) {
            let record = item.record
            if let entry = known[record.key], entry.contentHash == hash, entry.isWritten {
                outcomes.append(.unchanged)
                continue
            }
            let name = OutboxFileName.xml(record, at: now())
            outcomes.append(settings.dryRun ? .wouldWrite(name) : .written(name))
            planned.append(
                StateStore.PlannedExport(
                    key: record.key, contentHash: hash, fileName: name, content: Data(content),
                    pinnedDeliveryDate: item.pinnedDeliveryDate))
            changed.append((record, name))
        }
        guard !settings.dryRun, !changed.isEmpty else {
            return PreparedBatch(outcomes: outcomes, planned: [], rendered: [])
        }
        let rendered = try await render(changed, csv: settings.formats.contains(.csv))
        return PreparedBatch(outcomes: outcomes, planned: planned, rendered: rendered)
    }

    /// Makes a prepared batch durable and visible (see ``emit(_:)``).
    private func commit(_ batch: PreparedBatch) async throws {
        try await store.beginExports(kind, batch.planned, csv: settings.formats.contains(.csv), finishing: unfinished)
        unfinished = []
        if settings.formats.contains(.xml) { try await writeXML(batch.rendered) }
        if settings.formats.contains(.csv) {
            try await appendCSV(batch.rendered.compactMap(\.csvRows).joined(), keys: batch.planned.map(\.key))
        }
        unfinished = batch.planned.map(\.key)
    }

    /// Waits for the batch being committed, if any, and throws its error.
    private func settle() async throws {
        guard let running = committing else { return }
        committing = nil
        try await running.value
    }

    /// Commits the run's CSV file: flushed, archived and renamed into view.
    ///
    /// Returns its name, if any rows were written.
    func finish() async throws -> String? {
        try await settle()
        if !unfinished.isEmpty {
            try await store.finishExports(kind, unfinished)
            unfinished = []
        }
        guard let file = csvFile else { return nil }
        let handle = file.handle
        try await blocking.run {
            try handle.sync()
            try handle.close()
        }
        csvFile = nil
        try await store.assignCSV(kind, keys: csvKeys, file: file.name)
        let record = try await archive.storeFile(
            at: file.temporary, name: file.name, direction: "outbound", kind: "\(kind.plural)-csv",
            keys: [kind.rawValue: "\(csvKeys.count) objects"])
        try await archive.index(csvKeys, for: record.seq)
        let final = path(file.name)
        try await blocking.run { [files] in try files.commit(file.temporary, to: final) }
        try await store.finishCSV(kind, keys: csvKeys)
        return file.name
    }

    /// Drops an unfinished CSV file (the run failed; its rows stay pending for the next run).
    func abandon() async {
        // A commit still running finishes first: its files are complete or recoverable either way.
        _ = try? await settle()
        guard let file = csvFile else { return }
        try? file.handle.close()
        try? files.remove(file.temporary)
        csvFile = nil
    }

    /// Deletes hidden CSV files of runs that were killed; their rows are still pending and go into this run's file.
    private func removeAbandonedCSV() async throws {
        let prefix = ".\(kind.plural)-"
        for name in files.contents(ofFolder: settings.outbox) where name.hasPrefix(prefix) && name.hasSuffix(".csv.tmp")
        {
            try files.remove(path(name))
        }
    }

    /// One object's files, rendered: its XML document with its archive copy, and its CSV rows.
    fileprivate struct Rendered: Sendable {
        var name: String
        var xml: [UInt8]
        var archived: ArchiveWriter.PreparedItem?
        var csvRows: String?
    }

    /// Renders objects' XML documents (compressed and hashed for the archive) and CSV rows: CPU work, so every core
    /// takes a share of the batch.
    private nonisolated func render(_ items: [(OngoingRecord, String)], csv withRows: Bool) async throws -> [Rendered] {
        let (xml, csv, settings, kind) = (xml, csv, settings, kind)
        let writesXML = settings.formats.contains(.xml)
        return try await blocking.chunks(items) { slice in
            var rendered: [Rendered] = []
            var archived: [ArchiveWriter.Item] = []
            for (record, name) in slice {
                let bytes = writesXML ? try xml.document(for: record, goodsOwnerCode: settings.goodsOwnerCode) : []
                rendered.append(Rendered(name: name, xml: bytes, csvRows: withRows ? csv.rows(for: record) : nil))
                archived.append(
                    ArchiveWriter.Item(
                        bytes: bytes, name: name, direction: "outbound", kind: kind.rawValue,
                        keys: [kind.rawValue: record.key]))
            }
            guard writesXML else { return rendered }
            for (index, copy) in try ArchiveWriter.prepare(archived[...]).enumerated() {
                rendered[index].archived = copy
            }
            return rendered
        }
    }

    /// Writes rendered XML files under hidden names (not flushed one by one: the archive makes the whole batch
    /// durable with one syncfs), archives them as one segment, renames them into view and flushes the folder.
    private func writeXML(_ items: [Rendered]) async throws {
        guard !items.isEmpty else { return }
        let (files, outbox) = (files, settings.outbox)
        // One thread creates the files: creating files in one folder from several threads contends in the kernel.
        let renames = try await blocking.run {
            try items.map { item in
                let final = outbox + "/" + item.name
                let temporary = FileSystemPaths.temporary(besides: final)
                try files.write(item.xml, to: temporary, durable: false)
                return (temporary, final)
            }
        }
        try await archive.storeBatch(prepared: items.compactMap(\.archived), syncing: [outbox])
        try await blocking.run {
            for (temporary, final) in renames { try files.rename(temporary, to: final) }
            try files.syncFolder(outbox)
        }
    }

    private func appendCSV(_ records: [OngoingRecord]) async throws {
        try await appendCSV(records.map { csv.rows(for: $0) }.joined(), keys: records.map(\.key))
    }

    private func appendCSV(_ rows: String, keys: [String]) async throws {
        guard !keys.isEmpty else { return }
        if csvFile == nil {
            let name = OutboxFileName.csv(kind, at: now())
            let temporary = FileSystemPaths.temporary(besides: path(name))
            let header = Array(csv.header().utf8)
            let handle = try await blocking.run { [files] in
                let handle = try files.create(temporary)
                try handle.write(header)
                return handle
            }
            csvFile = (temporary, name, handle)
        }
        guard let handle = csvFile?.handle else { return }
        try await blocking.run { try handle.write(Array(rows.utf8)) }
        csvKeys += keys
    }
}
