import ArgumentParser
import BridgeEngine
import Foundation
import TwentyFourSeven

/// `sevenbridge status`: what the bridge did and what is stuck, from the state store, the inbox and the archive.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show per process the last run and watermark, pending and refused write-backs, failed inbox files, "
            + "partial shipments, and the archive.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    /// The status, as printed with --json.
    struct Report: Codable {
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

        struct FailedFile: Codable {
            var name: String
            var reason: String
        }

        struct ERP: Codable {
            var endpoint: String
            var reachable: Bool?
            var lastAnswer: String?
            var lastFailure: String?
            var lastError: String?
        }

        struct ImportFailure: Codable {
            var order: String
            var message: String
            var source: String
            var reported: String
        }

        struct PartialLine: Codable {
            var order: String
            var line: String
            var ordered: String?
            var picked: String
            var status: Int
        }

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
    }

    func run() async throws {
        let configuration = try global.configuration()
        let folders = configuration.folders
        guard FileManager.default.fileExists(atPath: folders.state + "/sevenbridge.sqlite") else {
            throw CommandFailure(
                "there is no state in \(folders.state) (folders.state): no run has used this folder yet; "
                    + "check the configuration, or run `sevenbridge run --once`")
        }
        let database = try StateDatabase(folder: folders.state, dryRun: true)
        let store = database.store(goodsOwner: configuration.goodsOwnerCode)
        var processes: [Report.Process] = []
        for run in try await store.lastRuns() {
            processes.append(
                Report.Process(
                    process: run.process, lastRun: Self.time(run.finishedAt),
                    result: run.result,
                    written: run.written, unchanged: run.unchanged, notices: run.notices,
                    watermark: try await store.watermark(run.process)?.formatted(Date.ISO8601FormatStyle()),
                    error: run.error))
        }
        func lines(_ items: [WriteBack]) -> [Report.WriteBackLine] {
            items.map {
                Report.WriteBackLine(
                    id: $0.id, operation: $0.operation.rawValue, target: $0.target, value: $0.value,
                    state: $0.state.rawValue, attempts: $0.attempts, lastError: $0.lastError,
                    nextAttempt: $0.state == .pending ? Self.time($0.nextAttemptAt) : nil, source: $0.source)
            }
        }
        let failedFolder = folders.inbox + "/failed"
        let failedNames = ((try? FileManager.default.contentsOfDirectory(atPath: failedFolder)) ?? [])
            .filter { !$0.hasSuffix(".error.txt") }.sorted()
        let failed = failedNames.map { name in
            let reason =
                (try? String(contentsOfFile: failedFolder + "/" + name + ".error.txt", encoding: .utf8))
                ?? "no reason recorded"
            return Report.FailedFile(name: name, reason: reason.split(separator: "\n").first.map(String.init) ?? reason)
        }
        let partial = try await store.pickedLines().filter { line in
            guard let ordered = Decimal(string: line.ordered ?? ""), let picked = Decimal(string: line.picked) else {
                return false
            }
            return picked < ordered
        }.map {
            Report.PartialLine(
                order: $0.orderNumber, line: $0.lineCode, ordered: $0.ordered, picked: $0.picked,
                status: $0.statusNumber)
        }
        let archive = try ArchiveVerifier.verify(root: folders.archive)
        let account = RequestBudget.account(endpoint: configuration.erp.endpoint, username: configuration.erp.username)
        let health = try await database.erpHealth(account: account)
        let erp = Report.ERP(
            endpoint: configuration.erp.endpoint, reachable: health?.isReachable,
            lastAnswer: health?.lastAnswerAt.map(Self.time), lastFailure: health?.lastFailureAt.map(Self.time),
            lastError: health?.lastError)
        let imports = try await store.importFailures().map {
            Report.ImportFailure(
                order: $0.orderNumber, message: $0.message, source: $0.source, reported: Self.time($0.reportedAt))
        }
        let pending = try await store.writeBacks(in: [.pending]).sorted { $0.nextAttemptAt < $1.nextAttemptAt }
        let report = Report(
            processes: processes, erp: erp, pendingWriteBacks: lines(pending),
            refusedWriteBacks: lines(try await store.writeBacks(in: [.refused], limit: 50)), failedFiles: failed,
            importFailures: imports,
            partialShipments: partial, archiveRecords: archive.records, archiveBytes: Self.size(of: folders.archive),
            archiveIntact: archive.isIntact, archiveProblems: archive.problems)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(Self.text(report))
        }
    }

    static func text(_ report: Report) -> String {
        var lines = ["Processes:"]
        if report.processes.isEmpty { lines.append("  no run yet") }
        for process in report.processes {
            lines.append(
                "  \(process.process.padded(10)) last run \(process.lastRun) \(process.result): \(process.written) written, "
                    + "\(process.unchanged) unchanged, \(process.notices) notices; watermark \(process.watermark ?? "none")"
                    + (process.error.map { "\n    error: \($0)" } ?? ""))
        }
        let erp = report.erp
        switch erp.reachable {
        case nil:
            lines.append("24SevenOffice \(erp.endpoint): not asked yet")
        case true?:
            lines.append("24SevenOffice \(erp.endpoint): answering, last answer \(erp.lastAnswer ?? "?")")
        case false?:
            lines.append(
                "24SevenOffice \(erp.endpoint): COULD NOT BE REACHED at \(erp.lastFailure ?? "?") "
                    + "(last answer \(erp.lastAnswer ?? "never")): \(erp.lastError ?? "no reason recorded")")
        }
        lines.append(
            "Write-backs waiting for a retry: \(report.pendingWriteBacks.count)"
                + (report.pendingWriteBacks.first?.nextAttempt.map { ", next attempt \($0)" } ?? ""))
        for item in report.pendingWriteBacks.prefix(20) {
            lines.append(
                "  #\(item.id) \(item.operation) \(item.target) = \(item.value), \(item.attempts) attempts, "
                    + "next attempt \(item.nextAttempt ?? "?"), last error: \(item.lastError ?? "none")")
        }
        lines.append("Write-backs refused (latest): \(report.refusedWriteBacks.count)")
        for item in report.refusedWriteBacks.prefix(20) {
            lines.append("  #\(item.id) \(item.source): \(item.lastError ?? "")")
        }
        lines.append("Orders the WMS could not import: \(report.importFailures.count)")
        for failure in report.importFailures.prefix(20) {
            lines.append("  order \(failure.order) (\(failure.source), \(failure.reported)): \(failure.message)")
        }
        lines.append("Inbox files in failed/: \(report.failedFiles.count)")
        for file in report.failedFiles.prefix(20) { lines.append("  \(file.name): \(file.reason)") }
        lines.append("Partial shipments (picked less than ordered): \(report.partialShipments.count) lines")
        for line in report.partialShipments.prefix(20) {
            lines.append(
                "  order \(line.order) line \(line.line): picked \(line.picked) of \(line.ordered ?? "?") (WMS status \(line.status))"
            )
        }
        lines.append(
            "Archive: \(report.archiveRecords) files, \(report.archiveBytes) bytes, chain "
                + (report.archiveIntact ? "intact" : "BROKEN: " + report.archiveProblems.joined(separator: "; ")))
        return lines.joined(separator: "\n")
    }

    static func time(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    static func size(of folder: String) -> Int {
        guard let files = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var total = 0
        while let file = files.nextObject() as? String {
            total += ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + file))?[.size] as? Int) ?? 0
        }
        return total
    }
}
