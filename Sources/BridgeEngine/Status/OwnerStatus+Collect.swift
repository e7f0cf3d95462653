public import Foundation

extension OwnerStatus {
    /// The status of one goods owner, from its state, its inbox's `failed/` folder and the account's health.
    /// - Parameters:
    ///   - settings: the owner's settings.
    ///   - store: its state.
    ///   - accounts: the top-level state folder's database, which keeps the accounts' health.
    ///   - archive: what its archive holds and how it verified.
    ///   - daemonRunning: whether a daemon serves the owner (only then is there a next run).
    ///   - budgetRemaining: what is left of the account's budget, when known.
    ///   - files: the file system.
    ///   - now: the time the alerts are judged at.
    public static func collect(
        settings: OwnerSettings, store: StateStore, accounts: StateDatabase, archive: Archive, daemonRunning: Bool,
        budgetRemaining: Int? = nil, files: any FileSystem = LocalFileSystem(), now: Date = Date()
    ) async throws -> OwnerStatus {
        let nextRuns = daemonRunning ? try await store.nextRuns() : [:]
        var processes: [Process] = []
        for run in try await store.lastRuns() {
            processes.append(
                Process(
                    process: run.process, lastRun: time(run.finishedAt), result: run.result, written: run.written,
                    unchanged: run.unchanged, notices: run.notices,
                    watermark: try await store.watermark(run.process).map(time), error: run.error,
                    nextRun: nextRuns[run.process].map(time)))
        }
        func lines(_ items: [WriteBack]) -> [WriteBackLine] {
            items.map {
                WriteBackLine(
                    id: $0.id, operation: $0.operation.rawValue, target: $0.target, value: $0.value,
                    state: $0.state.rawValue, attempts: $0.attempts, lastError: $0.lastError,
                    nextAttempt: $0.state == .pending ? time($0.nextAttemptAt) : nil, source: $0.source)
            }
        }
        let held = try await store.heldFiles()
        let heldNames = Set(held.map(\.name))
        // A held stock file waits in failed/ too; it is listed once, as held.
        let failedFolder = settings.inbox.inbox + "/failed"
        let failedNames = files.contents(ofFolder: failedFolder).filter {
            !$0.hasSuffix(".error.txt") && !heldNames.contains($0)
        }
        let failed = newest(failedNames, in: failedFolder, files: files).map { name in
            // Only the first line is shown: an error file that lists every bad line of a large file is not read whole.
            let head = try? files.read(failedFolder + "/" + name + ".error.txt", from: 0, count: Self.reasonBytes)
            return FailedFile(name: name, reason: head.flatMap(Self.firstLine) ?? "no reason recorded")
        }
        let partial = try await store.pickedLines(shortOnly: true).filter { line in
            guard let ordered = Decimal(string: line.ordered ?? ""), let picked = Decimal(string: line.picked) else {
                return false
            }
            return picked < ordered
        }.map {
            PartialLine(
                order: $0.orderNumber, line: $0.lineCode, ordered: $0.ordered, picked: $0.picked,
                status: $0.statusNumber)
        }
        let monitoring = settings.monitoring
        let erp = try await ERP.collect(settings: settings, accounts: accounts, budgetRemaining: budgetRemaining)
        let importFailures = try await store.importFailures()
        let pending = try await store.writeBacks(in: [.pending]).sorted { $0.nextAttemptAt < $1.nextAttemptAt }
        let tally = try await store.writeBackTally()
        let history = try await store.runHistory()
        let facts = AlertRules.Facts(
            now: now, interval: settings.interval,
            processes: settings.exporters.enabled.map(\.process).map {
                AlertRules.Facts.Process(
                    name: $0, lastSuccess: history[$0]?.lastSuccess, firstRun: history[$0]?.firstRun)
            },
            writeBackFailingSince: tally.failingSince, failingWriteBacks: tally.failed,
            heldFiles: held.map { ($0.name, $0.heldAt) },
            importFailures: importFailures.map { ($0.orderNumber, $0.reportedAt) },
            inboxSilence: settings.watchesInbox ? monitoring.inboxSilence : nil,
            lastInboxFile: try await store.lastInboxFile(),
            watchingSince: history.values.map(\.firstRun).min())
        return OwnerStatus(
            goodsOwner: settings.goodsOwnerCode, processes: processes, erp: erp,
            writeBacks: WriteBackCounts(pending: tally.pending, failed: tally.failed, refused: tally.refused),
            pendingWriteBacks: lines(pending),
            refusedWriteBacks: lines(try await store.writeBacks(in: [.refused], limit: 50)), failedFiles: failed,
            failedFileCount: failedNames.count,
            heldFiles: held.map { HeldFile(name: $0.name, reason: $0.reason, heldAt: time($0.heldAt)) },
            importFailures: importFailures.map {
                ImportFailure(
                    order: $0.orderNumber, message: $0.message, source: $0.source, reported: time($0.reportedAt))
            },
            partialShipments: partial, archiveRecords: archive.records, archiveBytes: archive.bytes,
            archiveIntact: archive.problems.isEmpty, archiveProblems: archive.problems,
            archiveVerified: time(archive.verifiedAt), alerts: AlertRules.evaluate(facts))
    }

    /// What the archive in `root` holds, verified now, on the calling thread (it reads every segment).
    public static func verifyArchive(root: String, files: any FileSystem = LocalFileSystem(), now: Date = Date())
        throws -> Archive
    {
        let report = try ArchiveVerifier.verify(root: root, fileSystem: files)
        return Archive(records: report.records, bytes: size(of: root), problems: report.problems, verifiedAt: now)
    }

    /// The bytes of the files under a folder, read on the calling thread.
    public static func size(of folder: String) -> Int {
        guard let files = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var total = 0
        while let file = files.nextObject() as? String {
            total += ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + file))?[.size] as? Int) ?? 0
        }
        return total
    }

    /// The ``listedFailedFiles`` newest of `names` in `folder`, newest first (by modification time, then by name).
    static func newest(_ names: [String], in folder: String, files: any FileSystem) -> [String] {
        let dated = names.map { (name: $0, modified: files.attributes(folder + "/" + $0)?.modified ?? .distantPast) }
        let sorted = dated.sorted { $0.modified != $1.modified ? $0.modified > $1.modified : $0.name < $1.name }
        return sorted.prefix(listedFailedFiles).map(\.name)
    }

    /// How much of a failed file's `.error.txt` the status reads for its first line.
    static let reasonBytes = 2048

    /// The first line that is not empty in the head of an error file, with `…` when the head ends inside it; `nil`
    /// when there is none.
    static func firstLine(_ head: [UInt8]) -> String? {
        let lines = head.split(separator: UInt8(ascii: "\n"))
        guard let first = lines.first(where: { !$0.allSatisfy { $0 == UInt8(ascii: "\r") } }) else { return nil }
        let cut = head.count == reasonBytes && first.endIndex == head.endIndex
        var line = first
        while line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        return String(decoding: line, as: UTF8.self) + (cut ? "…" : "")
    }
}

extension OwnerStatus.ERP {
    /// How the owner's 24SevenOffice account last answered, from the accounts' health in the top-level state.
    public static func collect(settings: OwnerSettings, accounts: StateDatabase, budgetRemaining: Int? = nil)
        async throws -> OwnerStatus.ERP
    {
        let health = try await accounts.erpHealth(account: settings.monitoring.account)
        return OwnerStatus.ERP(
            endpoint: settings.monitoring.endpoint, reachable: health?.isReachable,
            lastAnswer: health?.lastAnswerAt.map(OwnerStatus.time),
            lastFailure: health?.lastFailureAt.map(OwnerStatus.time),
            lastError: health?.lastError, budgetRemaining: budgetRemaining)
    }
}
