import BridgeModel
import Crypto
import Foundation
import Gzip
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

    /// The kind of object the session writes.
    let kind: ObjectKind
    /// The outbox, formats and goods owner.
    let settings: ExportSettings
    /// The owner's state.
    let store: StateStore
    /// The owner's archive writer.
    let archive: ArchiveWriter
    /// Renders the files of a batch.
    let renderer: OutboxRenderer
    /// The file system.
    let files: any FileSystem
    /// Where file work runs.
    let blocking: BlockingWork
    private let now: @Sendable () -> Date
    /// The run's CSV file under its hidden name, with its archive copy being built beside it.
    private var csvFile: (temporary: String, name: String, handle: any WritableFile, copy: ArchiveStagedFile)?
    private var csvKeys: [String] = []
    /// The name of the run's CSV file, taken when its first rows are recorded.
    private var csvName: String?
    /// Rows an earlier run left pending, carried into this run's file: named with it only when it is committed.
    private var carriedKeys: [String] = []
    /// Objects whose files are in view but not yet recorded as written: recorded with the next batch's transaction (one
    /// commit per batch instead of two).
    ///
    /// Recovery finds them visible and records them if the run dies first.
    private var unfinished: [String] = []
    /// The commit of the last batch, running while the caller prepares the next one.
    private var committing: Task<Void, any Error>?
    /// The batch whose commit is starting.
    private var waiting: PreparedBatch?

    init(
        kind: ObjectKind, settings: ExportSettings, store: StateStore, archive: ArchiveWriter, xml: OngoingXMLWriter,
        table: MappingTable, files: any FileSystem, blocking: BlockingWork, now: @escaping @Sendable () -> Date
    ) {
        self.kind = kind
        self.settings = settings
        self.store = store
        self.archive = archive
        self.renderer = OutboxRenderer(
            kind: kind, goodsOwnerCode: settings.goodsOwnerCode, xml: xml,
            csv: OngoingCSVWriter(kind: kind, table: table), blocking: blocking)
        self.files = files
        self.blocking = blocking
        self.now = now
    }

    /// The path of a file in the outbox.
    func path(_ name: String) -> String { settings.outbox + "/" + name }

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
        let outcomes = batch.outcomes
        // Held here rather than by the task, so that the commit can let go of each part when it is done with it.
        waiting = batch
        committing = Task { try await self.commitWaiting() }
        return outcomes
    }

    /// A batch decided and rendered, ready to commit.
    struct PreparedBatch: Sendable {
        var outcomes: [Outcome]
        var planned: [StateStore.PlannedExport]
        var parts: [OutboxRenderer.Part]
    }

    /// Decides which objects changed and renders their files.
    ///
    /// Writes nothing; the CPU work runs on every core.
    private nonisolated func prepare(_ items: [Item]) async throws -> PreparedBatch {
        let known = try await store.exports(kind, items.map(\.record.key))
        let owner = Array(settings.goodsOwnerCode.utf8)
        let hashed = try await blocking.chunks(items) { slice in
            let compressor = try GzipMembers(level: ArchiveFormat.compressionLevel)
            return try slice.map { item -> (content: Data?, hash: String) in
                let content = item.record.canonicalJSON
                var hasher = SHA256()
                hasher.update(data: content)
                hasher.update(data: owner)
                let hash = ArchiveFormat.hex(hasher.finalize())
                if let entry = known[item.record.key], entry.contentHash == hash, entry.isWritten {
                    return (content: nil, hash: hash)
                }
                // The state keeps a changed object's content for recovery as one gzip member (about a fifth of its
                // size, so that a row fits its page), compressed here on the chunk's core.
                return (content: Data(try compressor.member(content)), hash: hash)
            }
        }
        var outcomes: [Outcome] = []
        var planned: [StateStore.PlannedExport] = []
        var changed: [(OngoingRecord, String)] = []
        let stamp = OutboxFileName.stamp(now())
        for (item, (content, hash)) in zip(items, hashed) {
            let record = item.record
            guard let content else {
                outcomes.append(.unchanged)
                continue
            }
            let name = OutboxFileName.xml(record, stamp: stamp)
            outcomes.append(settings.dryRun ? .wouldWrite(name) : .written(name))
            planned.append(
                StateStore.PlannedExport(
                    key: record.key, contentHash: hash, fileName: name, content: content,
                    pinnedDeliveryDate: item.pinnedDeliveryDate))
            changed.append((record, name))
        }
        guard !settings.dryRun, !changed.isEmpty else {
            return PreparedBatch(outcomes: outcomes, planned: [], parts: [])
        }
        let parts = try await renderer.render(
            changed, xml: settings.formats.contains(.xml), csv: settings.formats.contains(.csv))
        return PreparedBatch(outcomes: outcomes, planned: planned, parts: parts)
    }

    /// Makes the batch ``emit(_:)`` left waiting durable and visible, letting go of the contents (4 MB per 1000
    /// orders) once recorded and of the documents once written, so that memory holds little more than one batch.
    private func commitWaiting() async throws {
        guard var batch = waiting else { return }
        waiting = nil
        let keys = batch.planned.map(\.key)
        try await store.beginExports(
            kind, batch.planned, csvFile: settings.formats.contains(.csv) ? runCSVName() : nil, finishing: unfinished)
        batch.planned = []
        unfinished = []
        if settings.formats.contains(.xml) { try await writeXML(Self.takeFiles(from: &batch.parts)) }
        if settings.formats.contains(.csv) { try await appendCSV(batch.parts, keys: keys) }
        unfinished = keys
    }

    /// The parts' XML files, taken out of them.
    private static func takeFiles(from parts: inout [OutboxRenderer.Part]) -> [OutboxRenderer.File] {
        var files: [OutboxRenderer.File] = []
        for index in parts.indices {
            files += parts[index].files
            parts[index].files = []
        }
        return files
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
        if !carriedKeys.isEmpty { try await store.assignCSV(kind, keys: carriedKeys, file: file.name) }
        // The archive copy was built while the rows were written: archiving it is a flush and a rename.
        let record = try await archive.commit(
            file.copy, direction: "outbound", kind: "\(kind.plural)-csv",
            keys: [kind.rawValue: "\(csvKeys.count) objects"])
        try await archive.index(csvKeys, for: record.seq)
        let final = path(file.name)
        try await blocking.run { [files] in try files.commit(file.temporary, to: final) }
        try await store.finishCSV(kind, file: file.name)
        return file.name
    }

    /// Drops an unfinished CSV file (the run failed; its rows stay pending for the next run).
    func abandon() async {
        // A commit still running finishes first: its files are complete or recoverable either way.
        _ = try? await settle()
        guard let file = csvFile else { return }
        try? file.handle.close()
        try? files.remove(file.temporary)
        archive.discard(file.copy)
        csvFile = nil
    }

    /// Writes rendered XML files under hidden names (not flushed one by one: the archive makes the whole batch
    /// durable with one syncfs), archives them as one segment, renames them into view and flushes the folder.
    func writeXML(_ items: consuming [OutboxRenderer.File]) async throws {
        guard !items.isEmpty else { return }
        let (files, outbox) = (files, settings.outbox)
        let archived = items.map(\.archived)
        let renames: [(String, String)]
        do {
            // The documents are let go of once written, before the wait for the disk.
            let written = items
            items = []
            // One thread creates the files: creating files in one folder from several threads contends in the kernel.
            renames = try await blocking.run {
                try written.map { item in
                    let final = outbox + "/" + item.name
                    let temporary = FileSystemPaths.temporary(besides: final)
                    try files.write(item.xml, to: temporary, durable: false)
                    return (temporary, final)
                }
            }
        }
        try await archive.storeBatch(prepared: archived, syncing: [outbox])
        try await blocking.run {
            for (temporary, final) in renames { try files.rename(temporary, to: final) }
            try files.syncFolder(outbox)
        }
    }

    /// The name of the run's CSV file, taken the first time it is asked for.
    private func runCSVName() -> String {
        if let csvName { return csvName }
        let name = OutboxFileName.csv(kind, at: now())
        csvName = name
        return name
    }

    /// Appends rendered rows to the run's CSV file and its archive copy, creating both with the header first.
    /// - Parameter carried: whether the rows were pending in an earlier run's file (recovery), rather than recorded
    ///   with this run's file by ``StateStore/beginExports(_:_:csvFile:finishing:)``.
    func appendCSV(_ parts: [OutboxRenderer.Part], keys: [String], carried: Bool = false) async throws {
        guard !keys.isEmpty else { return }
        if csvFile == nil {
            let name = runCSVName()
            let temporary = FileSystemPaths.temporary(besides: path(name))
            let header = Array(renderer.csv.header().utf8)
            let copy = try await archive.stage(name)
            let handle = try await blocking.run { [files] in
                let handle = try files.create(temporary)
                try handle.write(header)
                try copy.append(header, member: try ArchiveStagedFile.member(header))
                return handle
            }
            csvFile = (temporary, name, handle, copy)
        }
        guard let (_, _, handle, copy) = csvFile else { return }
        try await blocking.run {
            for part in parts {
                try handle.write(part.csv)
                try copy.append(part.csv, member: part.csvMember)
            }
        }
        csvKeys += keys
        if carried { carriedKeys += keys }
    }
}
