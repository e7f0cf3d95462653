import ArgumentParser
import BridgeEngine
import Foundation
import TwentyFourSeven

/// `sevenbridge status`: what the bridge did and what is stuck, from the state store, the inbox and the archive.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show per process the last run and watermark, pending and refused write-backs, failed inbox files, "
            + "partial shipments, and the archive.",
        discussion: """
            With several goods owners, each owner's status, every line starting with its code, and a total; \
            --json writes {"goodsOwners": {CODE: status, ...}, "total": {...}}.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    /// Whether a daemon serves the state folders.
    struct Daemon: Codable {
        /// Whether one runs.
        var running: Bool
        /// The process ids of the daemons holding the state folders, by folder.
        var pids: [String: String]
    }

    /// What every goods owner's status adds up to.
    struct Total: Codable {
        /// How many goods owners the status covers.
        var goodsOwners: Int
        /// Processes whose last run failed.
        var failedProcesses: Int
        /// Write-backs waiting for a retry.
        var pendingWriteBacks: Int
        /// Write-backs 24SevenOffice refused (the latest of each owner).
        var refusedWriteBacks: Int
        /// Files in the owners' `inbox/failed`, apart from held stock files.
        var failedFiles: Int
        /// Stock files held for a person.
        var heldFiles: Int
        /// Orders the WMS could not import.
        var importFailures: Int
        /// Files in the owners' archives.
        var archiveRecords: Int
        /// Whether every owner's archive chain verifies.
        var archivesIntact: Bool
        /// The owners whose 24SevenOffice could not be reached last time.
        var unreachable: [String]
        /// The owners with something that needs a person.
        var needAttention: [String]
        /// The alerts that hold, over every owner.
        var alerts: Int
    }

    /// The status as printed with --json: each goods owner's under its code, and the total.
    struct Document: Codable {
        /// The daemon, if one runs.
        var daemon: Daemon
        /// Each goods owner's status, by its code.
        var goodsOwners: [String: OwnerStatus]
        /// What they add up to.
        var total: Total
    }

    func run() async throws {
        let selection = try global.selection()
        let stateFolders = Array(Set(selection.owners.map(\.folders.state)))
        guard stateFolders.contains(where: { FileManager.default.fileExists(atPath: $0 + "/sevenbridge.sqlite") })
        else {
            let folders = stateFolders.sorted().joined(separator: ", ")
            throw CommandFailure(
                "there is no state in \(folders) (folders.state): no run has used this folder yet; "
                    + "check the configuration, or run `sevenbridge run --once`")
        }
        var databases: [String: StateDatabase] = [:]
        func database(_ folder: String) throws -> StateDatabase {
            if let open = databases[folder] { return open }
            let opened = try StateDatabase(readingFolder: folder)
            databases[folder] = opened
            return opened
        }
        let accounts = try database(selection.site.stateFolder)
        var pids: [String: String] = [:]
        for folder in stateFolders { pids[folder] = StateLock.runningHolder(folder: folder) }
        var reports: [(code: String, report: OwnerStatus)] = []
        for owner in selection.owners {
            let report = try await OwnerStatus.collect(
                settings: RuntimeBuilder.settings(owner, dryRun: true),
                store: try database(owner.folders.state).store(goodsOwner: owner.goodsOwnerCode), accounts: accounts,
                archive: try OwnerStatus.verifyArchive(root: owner.folders.archive),
                daemonRunning: pids[owner.folders.state] != nil)
            reports.append((owner.goodsOwnerCode, report))
        }
        let total = Self.total(reports)
        let daemon = Daemon(running: !pids.isEmpty, pids: pids)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            let document = Document(
                daemon: daemon,
                goodsOwners: Dictionary(uniqueKeysWithValues: reports.map { ($0.code, $0.report) }), total: total)
            print(String(decoding: try encoder.encode(document), as: UTF8.self))
            return
        }
        print(Self.text(daemon, folders: stateFolders))
        for (code, report) in reports {
            if selection.coversSeveral { print("Goods owner \(code):") }
            print(selection.prefixed(code, Self.text(report)))
        }
        if selection.coversSeveral { print(Self.text(total)) }
    }

    /// What the owners' reports add up to.
    static func total(_ reports: [(code: String, report: OwnerStatus)]) -> Total {
        let all = reports.map(\.report)
        return Total(
            goodsOwners: reports.count,
            failedProcesses: all.reduce(0) { $0 + $1.processes.filter { $0.result != "ok" }.count },
            pendingWriteBacks: all.reduce(0) { $0 + $1.pendingWriteBacks.count },
            refusedWriteBacks: all.reduce(0) { $0 + $1.refusedWriteBacks.count },
            failedFiles: all.reduce(0) { $0 + $1.failedFileCount },
            heldFiles: all.reduce(0) { $0 + $1.heldFiles.count },
            importFailures: all.reduce(0) { $0 + $1.importFailures.count },
            archiveRecords: all.reduce(0) { $0 + $1.archiveRecords }, archivesIntact: all.allSatisfy(\.archiveIntact),
            unreachable: reports.filter { $0.report.erp.reachable == false }.map(\.code),
            needAttention: reports.filter(\.report.needsAttention).map(\.code),
            alerts: all.reduce(0) { $0 + $1.alerts.count })
    }

    /// Whether a daemon runs, as text.
    static func text(_ daemon: Daemon, folders: [String]) -> String {
        guard daemon.running else {
            return "Daemon: not running (no sevenbridge holds \(folders.sorted().joined(separator: ", ")))"
        }
        let pids = Set(daemon.pids.values).sorted()
        return "Daemon: running, process \(pids.joined(separator: ", "))"
    }

    /// The total as text.
    static func text(_ total: Total) -> String {
        var line =
            "Total, \(total.goodsOwners) goods owners: \(total.failedProcesses) processes failed, "
            + "\(total.pendingWriteBacks) write-backs waiting for a retry, \(total.refusedWriteBacks) refused, "
            + "\(total.failedFiles) inbox files in failed/, \(total.heldFiles) stock files held, \(total.importFailures) orders the WMS could not import, "
            + "\(total.archiveRecords) archived files, chains \(total.archivesIntact ? "intact" : "BROKEN"), "
            + "\(total.alerts) alert\(total.alerts == 1 ? "" : "s")"
        if !total.unreachable.isEmpty {
            line += "\n  24SevenOffice could not be reached for: \(total.unreachable.joined(separator: ", "))"
        }
        if !total.needAttention.isEmpty {
            line += "\n  needing attention: \(total.needAttention.joined(separator: ", "))"
        }
        return line
    }

    /// One goods owner's status as text.
    static func text(_ report: OwnerStatus) -> String {
        var lines = [report.alerts.isEmpty ? "Alerts: none" : "Alerts: \(report.alerts.count)"]
        for alert in report.alerts { lines.append("  ALERT \(alert.kind.rawValue): \(alert.message)") }
        lines.append("Processes:")
        if report.processes.isEmpty { lines.append("  no run yet") }
        for process in report.processes {
            lines.append(
                "  \(process.process.padded(10)) last run \(process.lastRun) \(process.result): \(process.written) written, "
                    + "\(process.unchanged) unchanged, \(process.notices) notices; watermark \(process.watermark ?? "none"); "
                    + "next run \(process.nextRun ?? "when a daemon runs")"
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
        lines.append("Stock files held for a person: \(report.heldFiles.count)")
        for file in report.heldFiles { lines.append("  \(file.name) (since \(file.heldAt)): \(file.reason)") }
        lines.append("Inbox files in failed/: \(report.failedFileCount)")
        for file in report.failedFiles.prefix(20) { lines.append("  \(file.name): \(file.reason)") }
        if report.failedFileCount > min(report.failedFiles.count, 20) {
            lines.append("  ... the newest 20 listed; all are in failed/, each with its .error.txt")
        }
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
}
