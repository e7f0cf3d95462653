import BridgeModel
import Foundation
import OngoingFiles

/// Writes one run's objects of one kind to the outbox, exactly once.
///
/// For each object: an unchanged object (same content hash as last written) is skipped. A new or changed one
/// is recorded as pending in the state store, written under a hidden name and flushed, archived, renamed into view,
/// and recorded as written (``OutboxWrite``). A crash at any step leaves a pending record that ``recover()``
/// completes on the next start, or rolls back so that the object's next export writes it: never twice. CSV rows
/// stream into a hidden file that becomes visible (and archived) when the run finishes; the rows of a file that never
/// became visible are owed, and written alone with their unchanged objects' next export. File work runs on the
/// thread pool.
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
    /// The export's clock: file names' stamps.
    let now: @Sendable () -> Date
    /// The run's CSV file under its hidden name, with its archive copy being built beside it.
    struct CSVFile: Sendable {
        /// Its hidden path.
        var temporary: String
        /// Its name in view.
        var name: String
        /// The open file.
        var handle: any WritableFile
        /// Its archive copy.
        var copy: ArchiveStagedFile
    }
    /// The run's CSV file, once its first rows are written.
    var csvFile: CSVFile?
    /// The name of the run's CSV file, taken when its first rows are recorded.
    private var csvName: String?
    /// Objects whose files are in view and durably so, not yet recorded as written: recorded with the next batch's
    /// transaction (one commit per batch instead of two).
    ///
    /// Recovery finds them visible and records them if the run dies first.
    private var unfinished: [String] = []
    /// Objects of the unit published last, whose renames are not yet known to be durable: the next unit's syncfs
    /// flushes them (with the folder), or the folder flush at the end of the run, and then they are ``unfinished``.
    ///
    /// A unit's folder is not flushed on its own: it was a third of a unit's flushes, on the serial path of the
    /// commits. Until they are recorded as written, recovery judges these objects by what is on disk, which a lost
    /// rename leaves hidden and archived (the rename is finished).
    private var renamed: [String] = []
    /// The first stage of the last batch's commit: its pending record, hidden files and CSV rows.
    private var writing: Task<Void, any Error>?
    /// The second stage of the last batch's commit: archived with one syncfs, renamed into view.
    private var publishing: Task<Void, any Error>?
    /// The second stage of the batch before the last one, which the last one's waits for.
    private var publishingBefore: Task<Void, any Error>?
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
            csv: OngoingCSVWriter(kind: kind, table: table))
        self.files = files
        self.blocking = blocking
        self.now = now
    }

    /// The path of a file in the outbox.
    func path(_ name: String) -> String { settings.outbox + "/" + name }

    /// Writes a batch of objects, skipping those whose content is unchanged, and returns what happens to each.
    ///
    /// The batch is decided and rendered first (hashes, XML, CSV rows, archive copies, on every core), while the
    /// batches before it are committed. Its commit then runs in the background in two stages, so that the disk and
    /// the cores are busy at once: the first records the batch as pending in one transaction (recording the files of
    /// batches already in view as written), writes each file under a hidden name and appends the CSV rows; the
    /// second archives the batch as one segment with one syncfs, renames the files into view and flushes the folder.
    /// A batch's first stage overlaps the second stage of the batch before it; second stages run in order. A
    /// commit's error is thrown by a later call of `emit` or by ``finish()``. Keys must be unique.
    ///
    /// A batch of more than ``commitUnit`` objects is committed in units of that size, one after the other.
    func emit(_ items: consuming [Item]) async throws -> [Outcome] {
        guard items.count > Self.commitUnit else { return try await emitUnit(consume items) }
        var rest = consume items
        var outcomes: [Outcome] = []
        while !rest.isEmpty {
            let unit = Array(rest.prefix(Self.commitUnit))
            rest.removeFirst(unit.count)
            outcomes += try await emitUnit(unit)
        }
        return outcomes
    }

    /// The most objects one commit holds: a unit's documents, rows, archive copies and records are in memory from its
    /// rendering to its publishing, and up to three units are (one rendered, one written, one published).
    ///
    /// Measured on 100,000 orders: units of 500 kept peak RSS at 85-93 MB, units of 1000 at 100-107 MB. On tmpfs both
    /// took the same time; on a shared disk the smaller unit (one more syncfs and transaction per 500 objects) was 0 to
    /// 6 % slower, within that disk's noise. Later, on ext4 (2026-12-04), units of 500 peaked at 101.6-103.5 MB and
    /// units of 250 at 93.8-94.4 MB, in 14.8-16.2 s against 15.0-16.5 s.
    static let commitUnit = 250

    /// Decides, renders and starts committing one unit of at most ``commitUnit`` objects.
    private func emitUnit(_ items: consuming [Item]) async throws -> [Outcome] {
        // The records are let go of once rendered, before the wait for the batches being committed.
        let batch = try await prepare(consume items)
        let commits = !settings.dryRun && (!batch.planned.isEmpty || !batch.owed.isEmpty)
        // Recorded as pending at once, while the unit before writes its files: the record need only come before this
        // unit's own files (it took an eighth of the serial file stage when it came first in it).
        let (planned, owed) = (batch.planned, batch.owed)
        let recording = commits ? Task { try await self.record(planned, owed: owed) } : nil
        // At most one unit in each stage: the one before this one written, the one before that published.
        try await settle(keepingLast: true)
        guard commits else { return batch.outcomes }
        let outcomes = batch.outcomes
        // Held here rather than by the task, so that the commit can let go of each part when it is done with it.
        waiting = batch
        let write = Task {
            try await recording?.value
            return try await self.writeWaiting()
        }
        let previous = publishing
        publishingBefore = previous
        writing = Task { _ = try await write.value }
        publishing = Task {
            let written = try await write.value
            try await previous?.value
            guard let written else { return }
            try await self.publish(written)
        }
        return outcomes
    }

    /// Records a unit as pending, with the objects of the units before it whose files are durably in view as written,
    /// in one transaction.
    private func record(_ planned: [StateStore.PlannedExport], owed: [String]) async throws {
        // Taken before the transaction: a batch published while it runs adds its keys for the next one.
        let finishing = unfinished
        unfinished = []
        do {
            try await store.beginExports(
                kind, planned, csvFile: settings.formats.contains(.csv) ? runCSVName() : nil, finishing: finishing,
                owed: owed)
        } catch {
            unfinished = finishing + unfinished
            throw error
        }
    }

    /// Writes the files of the unit ``emit(_:)`` left waiting (recorded as pending) under hidden names, letting go of
    /// the documents once written, so that memory holds little more than the batches in flight.
    private func writeWaiting() async throws -> Written? {
        guard var batch = waiting else { return nil }
        waiting = nil
        let keys = batch.planned.map(\.key)
        batch.planned = []
        var written = Written(keys: keys, archived: [], renames: [])
        if settings.formats.contains(.xml) {
            written = try await writeHidden(Self.takeFiles(from: &batch.parts), keys: keys)
        }
        if settings.formats.contains(.csv) { try await appendCSV(batch.parts, keys: keys + batch.owed) }
        return written
    }

    /// Publishes a written batch; the batch published before it, whose renames this one's syncfs made durable, is
    /// queued to be recorded as written.
    private func publish(_ written: Written) async throws {
        guard !written.renames.isEmpty else {
            // Nothing renamed (CSV only): nothing to flush first.
            unfinished += written.keys
            return
        }
        let flushed = renamed
        try await publishHidden(written) {
            self.unfinished += flushed
            self.renamed = []
        }
        renamed = written.keys
    }

    /// Waits for the batches being committed and throws the first error.
    /// - Parameter keepingLast: whether the last batch's second stage may go on running (its first stage and the
    ///   batch before it are still waited for).
    private func settle(keepingLast: Bool = false) async throws {
        let stages = keepingLast ? [writing, publishingBefore] : [writing, publishingBefore, publishing]
        writing = nil
        publishingBefore = nil
        if !keepingLast { publishing = nil }
        var failure: (any Error)?
        for case let stage? in stages {
            do { try await stage.value } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
    }

    /// Commits the run's CSV file: flushed, archived and renamed into view.
    ///
    /// Returns its name, if any rows were written.
    func finish() async throws -> String? {
        try await settle()
        if !renamed.isEmpty {
            try await blocking.run { [files, settings] in try files.syncFolder(settings.outbox) }
            unfinished += renamed
            renamed = []
        }
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
        // The archive copy was built while the rows were written (their keys collected beside it): archiving it is a
        // flush and a rename.
        try await archive.commit(
            file.copy, direction: "outbound", kind: "\(kind.plural)-csv",
            keys: [kind.rawValue: "\(file.copy.keyCount) objects"])
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

    /// The name of the run's CSV file, taken the first time it is asked for.
    func runCSVName() -> String {
        if let csvName { return csvName }
        let name = OutboxFileName.csv(kind, at: now())
        csvName = name
        return name
    }
}
