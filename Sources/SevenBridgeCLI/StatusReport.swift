import BridgeEngine
import Foundation
import TwentyFourSeven

/// The status of one goods owner, as `status` prints it and `status --json` writes it (under the owner's code): its
/// processes, its 24SevenOffice account's health, its write-backs, inbox files, import failures, partial shipments
/// and archive.
struct StatusReport: Codable {
    /// One process: its last run and watermark.
    struct Process: Codable {
        var process: String
        var lastRun: String
        var result: String
        var written: Int
        var unchanged: Int
        var notices: Int
        var watermark: String?
        var error: String?
    }

    /// One write-back in the journal.
    struct WriteBackLine: Codable {
        var id: Int64
        var operation: String
        var target: Int
        var value: String
        var state: String
        var attempts: Int
        var lastError: String?
        var nextAttempt: String?
        var source: String
    }

    /// One file in `inbox/failed`, with the first line of its reason.
    struct FailedFile: Codable {
        var name: String
        var reason: String
    }

    /// How the owner's 24SevenOffice account last answered.
    struct ERP: Codable {
        var endpoint: String
        var reachable: Bool?
        var lastAnswer: String?
        var lastFailure: String?
        var lastError: String?
    }

    /// One order the WMS reported it could not import.
    struct ImportFailure: Codable {
        var order: String
        var message: String
        var source: String
        var reported: String
    }

    /// One order line picked less than ordered.
    struct PartialLine: Codable {
        var order: String
        var line: String
        var ordered: String?
        var picked: String
        var status: Int
    }

    /// The processes, with their last runs.
    var processes: [Process]
    var erp: ERP
    var pendingWriteBacks: [WriteBackLine]
    var refusedWriteBacks: [WriteBackLine]
    var failedFiles: [FailedFile]
    var importFailures: [ImportFailure]
    var partialShipments: [PartialLine]
    var archiveRecords: Int
    var archiveBytes: Int
    var archiveIntact: Bool
    var archiveProblems: [String]

    /// Whether anything needs a person: a failed process, a refused write-back, a failed inbox file, an import
    /// failure or a broken archive chain.
    var needsAttention: Bool {
        processes.contains { $0.result != "ok" } || !refusedWriteBacks.isEmpty || !failedFiles.isEmpty
            || !importFailures.isEmpty || !archiveIntact
    }

    /// The status of one goods owner.
    /// - Parameters:
    ///   - configuration: the owner.
    ///   - database: its state folder's database (a read-only copy).
    ///   - accounts: the top-level state folder's database, which keeps the accounts' health.
    static func make(
        _ configuration: BridgeConfiguration, database: StateDatabase, accounts: StateDatabase
    ) async throws -> StatusReport {
        let folders = configuration.folders
        let store = database.store(goodsOwner: configuration.goodsOwnerCode)
        /// The processes, with their last runs.
        var processes: [Process] = []
        for run in try await store.lastRuns() {
            processes.append(
                Process(
                    process: run.process, lastRun: StatusCommand.time(run.finishedAt),
                    result: run.result,
                    written: run.written, unchanged: run.unchanged, notices: run.notices,
                    watermark: try await store.watermark(run.process)?.formatted(Date.ISO8601FormatStyle()),
                    error: run.error))
        }
        func lines(_ items: [WriteBack]) -> [WriteBackLine] {
            items.map {
                WriteBackLine(
                    id: $0.id, operation: $0.operation.rawValue, target: $0.target, value: $0.value,
                    state: $0.state.rawValue, attempts: $0.attempts, lastError: $0.lastError,
                    nextAttempt: $0.state == .pending ? StatusCommand.time($0.nextAttemptAt) : nil, source: $0.source)
            }
        }
        let failedFolder = folders.inbox + "/failed"
        let failedNames = ((try? FileManager.default.contentsOfDirectory(atPath: failedFolder)) ?? [])
            .filter { !$0.hasSuffix(".error.txt") }.sorted()
        let failed = failedNames.map { name in
            let reason =
                (try? String(contentsOfFile: failedFolder + "/" + name + ".error.txt", encoding: .utf8))
                ?? "no reason recorded"
            return FailedFile(name: name, reason: reason.split(separator: "\n").first.map(String.init) ?? reason)
        }
        let partial = try await store.pickedLines().filter { line in
            guard let ordered = Decimal(string: line.ordered ?? ""), let picked = Decimal(string: line.picked) else {
                return false
            }
            return picked < ordered
        }.map {
            PartialLine(
                order: $0.orderNumber, line: $0.lineCode, ordered: $0.ordered, picked: $0.picked,
                status: $0.statusNumber)
        }
        let archive = try ArchiveVerifier.verify(root: folders.archive)
        let account = RequestBudget.account(endpoint: configuration.erp.endpoint, username: configuration.erp.username)
        let health = try await accounts.erpHealth(account: account)
        let erp = ERP(
            endpoint: configuration.erp.endpoint, reachable: health?.isReachable,
            lastAnswer: health?.lastAnswerAt.map(StatusCommand.time),
            lastFailure: health?.lastFailureAt.map(StatusCommand.time),
            lastError: health?.lastError)
        let imports = try await store.importFailures().map {
            ImportFailure(
                order: $0.orderNumber, message: $0.message, source: $0.source,
                reported: StatusCommand.time($0.reportedAt))
        }
        let pending = try await store.writeBacks(in: [.pending]).sorted { $0.nextAttemptAt < $1.nextAttemptAt }
        return StatusReport(
            processes: processes, erp: erp, pendingWriteBacks: lines(pending),
            refusedWriteBacks: lines(try await store.writeBacks(in: [.refused], limit: 50)), failedFiles: failed,
            importFailures: imports,
            partialShipments: partial, archiveRecords: archive.records,
            archiveBytes: StatusCommand.size(of: folders.archive),
            archiveIntact: archive.isIntact, archiveProblems: archive.problems)
    }
}
