import BridgeModel
import Crypto
public import Foundation
public import Logging
import OngoingFiles
import ServiceLifecycle
import TwentyFourSeven

/// Takes complete files from the inbox and turns them into write-backs, exactly once.
///
/// For each file: its SHA-256 finds a re-dropped copy (moved to `failed/`, nothing written); the file is
/// archived; a first pass reads it whole, so a broken or hostile file is refused before anything is
/// recorded (moved to `failed/` with `<name>.error.txt`); a stock file that would zero more than half of the
/// known articles is held for a person; a second pass records the write-backs in the journal (stock only where
/// 24SevenOffice differs), and the file moves to `processed/` (with `<name>.report.txt` when rows were bad).
public actor InboxProcessor {
    private let store: StateStore
    private let archive: ArchiveWriter
    private let client: any ERPGateway
    private let settings: InboxSettings
    private let files: any FileSystem
    private let blocking: BlockingWork
    private let metrics: BridgeMetrics
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let folder: InboxFolder
    private var ignored: Set<String> = []
    private var settling: TimeInterval?

    /// Creates a processor.
    /// - Parameters:
    ///   - store: the owner's state.
    ///   - archive: the owner's archive writer.
    ///   - client: 24SevenOffice, read (never waited for) to compare stock before journaling.
    ///   - settings: folders and rules.
    ///   - files: the file system.
    ///   - blocking: where file work runs.
    ///   - metrics: where files taken are counted.
    ///   - logger: where files are reported.
    ///   - now: the clock for settling and stamps.
    public init(
        store: StateStore, archive: ArchiveWriter, client: any ERPGateway, settings: InboxSettings,
        files: any FileSystem = LocalFileSystem(), blocking: BlockingWork = .shared, metrics: BridgeMetrics? = nil,
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.metrics = metrics ?? .disabled(goodsOwner: store.goodsOwner)
        self.store = store
        self.archive = archive
        self.client = client
        self.settings = settings
        self.files = files
        self.blocking = blocking
        self.logger = logger
        self.now = now
        self.folder = InboxFolder(path: settings.inbox, settle: settings.settle, files: files)
    }

    /// Takes every complete file in the inbox, oldest first (and notes order files the importer has taken).
    ///
    /// On graceful shutdown it stops after the file in hand.
    public func processReady() async -> [InboxOutcome] {
        await checkConsumedOrders()
        var outcomes: [InboxOutcome] = []
        let (folder, now) = (folder, now())
        let scan = (try? await blocking.run { folder.scan(now: now) }) ?? (ready: [], nextSettle: nil)
        settling = scan.nextSettle
        for name in scan.ready where !ignored.contains(name) {
            if Task.isShuttingDownGracefully { break }
            let outcome = await process(name)
            if !settings.dryRun { metrics.inboxFile(kind: outcome.kind, outcome: outcome.result.rawValue) }
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// How long until the youngest file still being written settles, as seen by the last pass, if one was.
    public func nextSettle() -> TimeInterval? {
        settling
    }

    /// With `statusOnImport` set: order files that have left the outbox were taken by the importer, so their
    /// orders get that status (recorded as write-backs; the runner checks 24SevenOffice before writing).
    private func checkConsumedOrders() async {
        guard let status = settings.statusOnImport, let outbox = settings.outbox, !settings.dryRun else { return }
        do {
            // The state first, then the folder: an order file recorded as written is in view before it is recorded,
            // so one written meanwhile by an export is never taken for gone.
            let written = try await store.unconsumedOrderFiles()
            guard !written.isEmpty else { return }
            let files = files
            let present = Set(try await blocking.run { files.contents(ofFolder: outbox) })
            let gone = written.filter { !present.contains($0.fileName) }
            guard !gone.isEmpty else { return }
            let writeBacks = gone.compactMap { entry in
                Int(entry.key).map {
                    PlannedWriteBack(
                        operation: .orderStatus, target: $0, value: status.rawValue,
                        source: "outbox \(entry.fileName) taken", sourceKey: "outbox:\(entry.fileName)")
                }
            }
            try await store.markConsumed(gone.map(\.key), writeBacks: writeBacks, now: now())
            logger.info("order files taken by the importer", metadata: ["count": "\(gone.count)"])
        } catch {
            logger.error("could not check the outbox for taken order files", metadata: ["error": "\(error)"])
        }
    }

    /// Takes one file.
    ///
    /// Never throws: whatever goes wrong ends as an outcome, and the file is never lost.
    public func process(_ name: String) async -> InboxOutcome {
        let path = settings.inbox + "/" + name
        do {
            let files = files
            let sha = try await blocking.run { try Self.sha256(of: path, files: files) }
            let known = try await store.inboxFile(sha256: sha)
            let decision: InboxFileState.Decision =
                known.map { entry in
                    entry.state.map {
                        InboxFileState.decide($0, released: entry.released, archiveSeq: entry.archiveSeq)
                    } ?? .duplicate
                } ?? .take
            var archiveSeq: Int?
            switch decision {
            case .duplicate:
                let known = known.map {
                    "\($0.name) on \($0.updatedAt.formatted(Date.ISO8601FormatStyle())) (\($0.result))"
                }
                let reason =
                    "the same content was taken before as \(known ?? "another file"); "
                    + "nothing from this file was written to 24SevenOffice"
                return try await dispose(name, sha: sha, kind: nil, result: .duplicate, reason: reason, record: false)
            case .finish:
                return try await finish(
                    name, sha: sha, kind: known?.kind,
                    summary: "taken; its write-backs were journaled before a restart", problems: [], items: 0,
                    planned: 0)
            case .take:
                archiveSeq = nil
            case .resume(let seq):
                archiveSeq = seq
            }
            let kind: InboundKind
            do {
                kind = try await blocking.run { try InboundFile.detect(path: path, name: name) }
            } catch let error as InboundFileError {
                return try await dispose(name, sha: sha, kind: nil, result: .rejected, reason: error.description)
            }
            if (kind == .shipment || kind == .acknowledgement) && !settings.shipments
                || kind == .stock && !settings.stock
            {
                ignored.insert(name)
                logger.notice(
                    "inbox file left in place: its process is switched off", metadata: ["file.name": "\(name)"])
                return InboxOutcome(
                    name: name, result: .ignored, kind: kind.rawValue, detail: "process switched off", problems: [],
                    writeBacks: 0)
            }
            return try await take(name, path: path, sha: sha, kind: kind, archiveSeq: archiveSeq)
        } catch {
            logger.error(
                "inbox file could not be handled; it stays in the inbox",
                metadata: ["file.name": "\(name)", "error": "\(error)"])
            return InboxOutcome(
                name: name, result: .ignored, kind: nil, detail: "\(error)", problems: [], writeBacks: 0)
        }
    }

    private func take(_ name: String, path: String, sha: String, kind: InboundKind, archiveSeq: Int?) async throws
        -> InboxOutcome
    {
        var take = archiveSeq
        if !settings.dryRun && take == nil {
            let record = try await archive.storeFile(
                at: path, name: name, direction: "inbound", kind: kind.rawValue, keys: ["file": name])
            try await store.archivedInboxFile(
                sha256: sha, name: name, kind: kind.rawValue, archiveSeq: record.seq, now: now())
            take = record.seq
        }
        // First pass: the whole file must be readable before anything is recorded.
        let stockField = settings.stockField
        let firstPass: Result<(items: Int, zeros: Int, problems: [RowProblem]), InboundFileError>
        do {
            firstPass = .success(
                try await blocking.run {
                    var items = 0
                    var zeros = 0
                    let problems = try InboundFile.read(path: path, name: name) { item in
                        items += 1
                        if case .stock(let line) = item,
                            (stockField == .sellable ? line.sellable : line.numberOfItems) == 0
                        {
                            zeros += 1
                        }
                    }
                    return (items, zeros, problems)
                })
        } catch let error as InboundFileError {
            firstPass = .failure(error)
        }
        let (items, zeros, firstProblems): (Int, Int, [RowProblem])
        switch firstPass {
        case .failure(let error):
            return try await dispose(
                name, sha: sha, kind: kind, result: .rejected, reason: error.description, archived: true)
        case .success(let pass):
            (items, zeros, firstProblems) = pass
        }
        // A file is valid or invalid as a whole: one malformed row, and nothing of it is written.
        if !firstProblems.isEmpty {
            return try await dispose(
                name, sha: sha, kind: kind, result: .rejected, reason: Self.malformed(firstProblems), archived: true)
        }
        if kind == .stock, try await isHeld(sha: sha, zeros: zeros) {
            let known = try await store.articleCount()
            let reason =
                "held: this stock file would set \(zeros) of the \(known) known articles to zero. If that is right, "
                + "release it with `sevenbridge inbox release \(name)`"
            return try await dispose(name, sha: sha, kind: kind, result: .held, reason: reason, archived: true)
        }
        let planner = InboxPlanner(
            store: store, client: client, settings: settings, source: name, take: take, archive: archive,
            blocking: blocking, now: now)
        var planned = 0
        var problems: [String] = []
        var unreported = 0
        try await planner.plan(path: path, kind: kind, sha: sha, dryRun: settings.dryRun) { count, notes in
            planned += count
            // The first thousand problems are kept word for word; the rest are counted, so memory stays bounded.
            let room = max(0, 1000 - problems.count)
            problems += notes.prefix(room)
            unreported += max(0, notes.count - room)
        }
        if unreported > 0 { problems.append("... and \(unreported) more rows not used") }
        let summary =
            "\(items) \(kind == .stock ? "articles" : "orders") read, \(planned) write-backs "
            + "\(settings.dryRun ? "would be recorded" : "recorded"), \(problems.count) rows not used"
        guard !settings.dryRun else {
            return InboxOutcome(
                name: name, result: .processed, kind: kind.rawValue, detail: summary, problems: problems,
                writeBacks: planned)
        }
        return try await finish(
            name, sha: sha, kind: kind.rawValue, summary: summary, problems: problems, items: items, planned: planned)
    }

    /// Moves a journaled file to `processed/` (with its report), then records it as processed: a crash between the
    /// two leaves it in `processed/`, where nothing takes it again.
    private func finish(
        _ name: String, sha: String, kind: String?, summary: String, problems: [String], items: Int, planned: Int
    ) async throws -> InboxOutcome {
        let (folder, now) = (folder, now())
        let moved = try await blocking.run {
            let moved = try folder.move(name, to: folder.processed, now: now)
            if !problems.isEmpty {
                try folder.note(
                    "\(name): \(summary).\nThese rows were not used:\n" + problems.map { "  \($0)\n" }.joined(),
                    beside: moved, in: folder.processed, suffix: ".report.txt")
            }
            return moved
        }
        try await store.finishInboxFile(sha256: sha, name: moved, result: "processed", detail: summary, now: now)
        logger.info(
            "inbox file processed",
            metadata: ["file.name": "\(name)", "file.kind": "\(kind ?? "?")", "summary": "\(summary)"])
        return InboxOutcome(
            name: name, result: .processed, kind: kind, detail: summary, problems: problems, writeBacks: planned)
    }

    private func isHeld(sha: String, zeros: Int) async throws -> Bool {
        let known = try await store.articleCount()
        guard known > 0, zeros * 2 > known else { return false }
        return try await store.inboxFile(sha256: sha)?.released != true
    }

    /// Moves a file that is not taken to `failed/` with its reason, archiving it first.
    private func dispose(
        _ name: String, sha: String, kind: InboundKind?, result: InboxOutcome.Result, reason: String,
        archived: Bool = false,
        record: Bool = true
    ) async throws -> InboxOutcome {
        logger.warning(
            "inbox file not taken",
            metadata: ["file.name": "\(name)", "result": "\(result.rawValue)", "reason": "\(reason)"])
        let outcome = InboxOutcome(
            name: name, result: result, kind: kind?.rawValue, detail: reason, problems: [], writeBacks: 0)
        guard !settings.dryRun else { return outcome }
        if !archived {
            try await archive.storeFile(
                at: settings.inbox + "/" + name, name: name, direction: "inbound",
                kind: kind?.rawValue ?? result.rawValue, keys: ["file": name])
        }
        let (folder, now) = (folder, now())
        let note =
            reason + "\n" + (result == .duplicate ? "" : "Nothing from this file was written to 24SevenOffice.\n")
        let moved = try await blocking.run {
            let moved = try folder.move(name, to: folder.failed, now: now)
            try folder.note(note, beside: moved, in: folder.failed, suffix: ".error.txt")
            return moved
        }
        if record {
            try await store.finishInboxFile(
                sha256: sha, name: moved, result: result.rawValue, detail: reason, now: now)
        }
        return outcome
    }

    /// Why a file with malformed rows is refused: each malformed row (the first hundred) with its place and reason.
    static func malformed(_ problems: [RowProblem]) -> String {
        let shown = problems.prefix(100)
        let more = problems.count > 100 ? "\n  ... and \(problems.count - 100) more malformed rows" : ""
        return "the file has \(problems.count == 1 ? "a malformed row" : "malformed rows"), so none of it is used:\n"
            + shown.map { "  \($0.description)" }.joined(separator: "\n") + more
    }

    /// The SHA-256 of a file, read in chunks.
    static func sha256(of path: String, files: any FileSystem) throws -> String {
        let file = try files.open(path)
        defer { file.close() }
        var hasher = SHA256()
        while true {
            let chunk = try file.read(upTo: 1 << 20)
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return ArchiveFormat.hex(hasher.finalize())
    }
}
