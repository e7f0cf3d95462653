import BridgeModel
import Crypto
public import Foundation
public import Logging
import OngoingFiles
public import TwentyFourSeven

/// Takes complete files from the inbox and turns them into write-backs, exactly once.
///
/// For each file: its SHA-256 finds a re-dropped copy (moved to `failed/`, nothing written); the file is
/// archived; a first pass reads it whole, so a broken or hostile file is refused before anything is
/// recorded (moved to `failed/` with `<name>.error.txt`); a stock file that would zero more than half of the
/// known articles is held for a person; a second pass records the write-backs in the journal (stock only where
/// 24SevenOffice differs), and the file moves to `processed/` (with `<name>.report.txt` when rows were bad).
public actor InboxProcessor {
    private let store: StateStore
    private let archive: Archive
    private let client: TwentyFourSevenClient
    private let settings: InboxSettings
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let folder: InboxFolder
    private var ignored: Set<String> = []

    /// Creates a processor.
    public init(
        store: StateStore, archive: Archive, client: TwentyFourSevenClient, settings: InboxSettings, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.archive = archive
        self.client = client
        self.settings = settings
        self.logger = logger
        self.now = now
        self.folder = InboxFolder(path: settings.inbox, settle: settings.settle)
    }

    /// Takes every complete file in the inbox, oldest first (and notes order files the importer has taken).
    public func processReady() async -> [InboxOutcome] {
        await checkConsumedOrders()
        var outcomes: [InboxOutcome] = []
        for name in folder.readyFiles(now: now()) where !ignored.contains(name) {
            outcomes.append(await process(name))
        }
        return outcomes
    }

    /// With `statusOnImport` set: order files that have left the outbox were taken by the importer, so their
    /// orders get that status (recorded as write-backs; the runner checks 24SevenOffice before writing).
    private func checkConsumedOrders() async {
        guard let status = settings.statusOnImport, let outbox = settings.outbox, !settings.dryRun else { return }
        do {
            let present = Set((try? FileManager.default.contentsOfDirectory(atPath: outbox)) ?? [])
            let gone = try await store.unconsumedOrderFiles().filter { !present.contains($0.fileName) }
            guard !gone.isEmpty else { return }
            let writeBacks = gone.compactMap { entry in
                Int(entry.key).map {
                    PlannedWriteBack(
                        operation: .orderStatus, target: $0, value: status.rawValue,
                        source: "outbox \(entry.fileName) taken")
                }
            }
            try await store.markConsumed(gone.map(\.key), writeBacks: writeBacks, now: now())
            logger.info("order files taken by the importer", metadata: ["count": "\(gone.count)"])
        } catch {
            logger.error("could not check the outbox for taken order files", metadata: ["error": "\(error)"])
        }
    }

    /// How long until a file still being written settles, if one is.
    public func nextSettle() -> TimeInterval? {
        folder.nextSettle(now: now())
    }

    /// Takes one file.
    ///
    /// Never throws: whatever goes wrong ends as an outcome, and the file is never lost.
    public func process(_ name: String) async -> InboxOutcome {
        let path = settings.inbox + "/" + name
        do {
            let sha = try Self.sha256(of: path)
            if let known = try await store.inboxFile(sha256: sha), known.result != "processing",
                known.result != "replay",
                known.result != "held" || !known.released
            {
                let reason =
                    "the same content was taken before as \(known.name) on \(known.updatedAt.formatted(Date.ISO8601FormatStyle())) "
                    + "(\(known.result)); nothing from this file was written to 24SevenOffice"
                return try await dispose(name, sha: sha, kind: nil, result: .duplicate, reason: reason, record: false)
            }
            let kind: InboundKind
            do {
                kind = try InboundFile.detect(path: path, name: name)
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
            return try await take(name, path: path, sha: sha, kind: kind)
        } catch {
            logger.error(
                "inbox file could not be handled; it stays in the inbox",
                metadata: ["file.name": "\(name)", "error": "\(error)"])
            return InboxOutcome(
                name: name, result: .ignored, kind: nil, detail: "\(error)", problems: [], writeBacks: 0)
        }
    }

    private func take(_ name: String, path: String, sha: String, kind: InboundKind) async throws -> InboxOutcome {
        if !settings.dryRun {
            try await archive.storeFile(
                at: path, name: name, direction: "inbound", kind: kind.rawValue, keys: ["file": name])
        }
        // First pass: the whole file must be readable before anything is recorded.
        var zeros = 0
        var items = 0
        let firstProblems: [RowProblem]
        do {
            firstProblems = try InboundFile.read(path: path, name: name) { item in
                items += 1
                if case .stock(let line) = item, figure(line) == 0 { zeros += 1 }
            }
        } catch let error as InboundFileError {
            return try await dispose(
                name, sha: sha, kind: kind, result: .rejected, reason: error.description, archived: true)
        }
        if kind == .stock, try await isHeld(sha: sha, zeros: zeros) {
            let known = try await store.articleCount()
            let reason =
                "held: this stock file would set \(zeros) of the \(known) known articles to zero. If that is right, "
                + "release it with `sevenbridge inbox release \(name)`"
            return try await dispose(name, sha: sha, kind: kind, result: .held, reason: reason, archived: true)
        }
        let planner = InboxPlanner(store: store, client: client, settings: settings, source: name, now: now)
        var planned = 0
        var problems = firstProblems.map(\.description)
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
        let moved = try folder.move(name, to: folder.processed, now: now())
        if !problems.isEmpty {
            try folder.note(
                "\(name): \(summary).\nThese rows were not used:\n" + problems.map { "  \($0)\n" }.joined(),
                beside: moved,
                in: folder.processed, suffix: ".report.txt")
        }
        try await store.finishInboxFile(sha256: sha, name: name, result: "processed", detail: summary, now: now())
        logger.info(
            "inbox file processed",
            metadata: ["file.name": "\(name)", "file.kind": "\(kind.rawValue)", "summary": "\(summary)"])
        return InboxOutcome(
            name: name, result: .processed, kind: kind.rawValue, detail: summary, problems: problems,
            writeBacks: planned)
    }

    private func figure(_ line: StockReport) -> Decimal? {
        settings.stockField == .sellable ? line.sellable : line.numberOfItems
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
                kind: kind?.rawValue ?? result.rawValue,
                keys: ["file": name])
        }
        let moved = try folder.move(name, to: folder.failed, now: now())
        try folder.note(
            reason + "\n" + (result == .duplicate ? "" : "Nothing from this file was written to 24SevenOffice.\n"),
            beside: moved,
            in: folder.failed, suffix: ".error.txt")
        if record {
            try await store.finishInboxFile(
                sha256: sha, name: moved, result: result.rawValue, detail: reason, now: now())
        }
        return outcome
    }

    /// The SHA-256 of a file, read in chunks.
    static func sha256(of path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BridgeError(.fileSystem, "cannot read \(path)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return Archive.hex(hasher.finalize())
    }
}
