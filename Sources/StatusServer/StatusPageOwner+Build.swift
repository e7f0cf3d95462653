import BridgeEngine
import Foundation

extension StatusPageOwner {
    /// The section of one goods owner's status, its times relative to `now`.
    init(_ owner: OwnerStatus, now: Date) {
        let anchor = "owner-" + StatusPageText.anchor(owner.goodsOwner)
        let alerts = owner.alerts.map { Self.line($0, goodsOwner: owner.goodsOwner, anchor: anchor, now: now) }
        let processes = owner.processes.map { process in
            ProcessRow(
                name: process.process,
                result: process.result == "ok"
                    ? StatusPageChip("OK", .ok) : StatusPageChip(process.result.uppercased(), .bad),
                lastRun: StatusPageTime(process.lastRun, now: now),
                counts: "\(StatusPageText.count(process.written)) written, "
                    + "\(StatusPageText.count(process.unchanged)) unchanged, "
                    + StatusPageText.count(process.notices, "notice"),
                watermark: process.watermark.map { StatusPageTime($0, now: now) },
                nextRun: process.nextRun.map { StatusPageTime($0, now: now) }, error: process.error)
        }
        let counts = owner.writeBacks
        let held = owner.heldFiles.map {
            FileRow(name: $0.name, reason: $0.reason, heldAt: StatusPageTime($0.heldAt, now: now))
        }
        let failed = owner.failedFiles.map { FileRow(name: $0.name, reason: $0.reason, heldAt: nil) }
        var inbox: [String] = []
        if !held.isEmpty { inbox.append("\(held.count) held") }
        if owner.failedFileCount > 0 { inbox.append("\(StatusPageText.count(owner.failedFileCount)) failed") }
        let failedNotListed =
            owner.failedFileCount > failed.count
            ? "The newest \(failed.count) of \(StatusPageText.count(owner.failedFileCount)) files are listed; "
                + "every one is in inbox/failed with its .error.txt." : nil

        self.init(
            code: owner.goodsOwner, anchor: anchor, chip: .overall(.ok), tone: .ok, alerts: alerts,
            hasAlerts: !alerts.isEmpty, alertCount: StatusPageText.count(alerts.count, "alert"),
            processes: processes, hasProcesses: !processes.isEmpty,
            processSummary: "\(processes.filter { $0.result.tone == "ok" }.count) of \(processes.count) OK",
            erp: Self.erp(owner.erp, now: now),
            writeBackCounts: [
                StatusPageChip("\(StatusPageText.count(counts.pending)) PENDING", .neutral),
                StatusPageChip("\(StatusPageText.count(counts.failed)) FAILING", counts.failed > 0 ? .warn : .neutral),
                StatusPageChip(
                    "\(StatusPageText.count(counts.refused)) REFUSED", counts.refused > 0 ? .bad : .neutral),
            ],
            pending: owner.pendingWriteBacks.map { Self.row($0, now: now) },
            hasPending: !owner.pendingWriteBacks.isEmpty,
            refused: owner.refusedWriteBacks.map { Self.row($0, now: now) },
            hasRefused: !owner.refusedWriteBacks.isEmpty, held: held, hasHeld: !held.isEmpty, failedFiles: failed,
            hasFailedFiles: !failed.isEmpty, failedNotListed: failedNotListed,
            inboxClear: held.isEmpty && owner.failedFileCount == 0,
            inboxSummary: inbox.isEmpty ? "clear" : inbox.joined(separator: ", "),
            importFailures: owner.importFailures.map {
                ImportFailureRow(
                    order: $0.order, message: $0.message, source: $0.source,
                    reported: StatusPageTime($0.reported, now: now))
            },
            hasImportFailures: !owner.importFailures.isEmpty,
            partial: owner.partialShipments.map {
                PartialRow(
                    order: $0.order, line: $0.line, ordered: $0.ordered ?? "?", picked: $0.picked,
                    status: String($0.status))
            },
            hasPartial: !owner.partialShipments.isEmpty,
            archive: ArchiveView(
                records: StatusPageText.count(owner.archiveRecords), size: StatusPageText.bytes(owner.archiveBytes),
                exactSize: StatusPageText.count(owner.archiveBytes, "byte"),
                chip: owner.archiveIntact ? StatusPageChip("INTACT", .ok) : StatusPageChip("BROKEN", .bad),
                verified: StatusPageTime(owner.archiveVerified, now: now), problems: owner.archiveProblems,
                hasProblems: !owner.archiveProblems.isEmpty))
        tone = Self.tone(of: owner)
        chip = .overall(tone)
    }

    /// How much the owner's state asks of a person: the worst of its alerts and of what the page shows.
    static func tone(of owner: OwnerStatus) -> StatusPageChip.Tone {
        var tones = owner.alerts.map { tone(of: $0.kind) }
        if owner.processes.contains(where: { $0.result != "ok" }) { tones.append(.bad) }
        if owner.erp.reachable == false { tones.append(.bad) }
        if !owner.importFailures.isEmpty || !owner.archiveIntact { tones.append(.bad) }
        if owner.writeBacks.failed > 0 || !owner.refusedWriteBacks.isEmpty { tones.append(.warn) }
        if owner.failedFileCount > 0 || !owner.heldFiles.isEmpty { tones.append(.warn) }
        return tones.max() ?? .ok
    }

    /// How bad an alert of a kind is: red when work stops or is lost, amber when a person should look.
    static func tone(of kind: Alert.Kind) -> StatusPageChip.Tone {
        switch kind {
        case .exportOverdue, .writeBackFailing, .wmsImportFailed: .bad
        case .stockFileHeld, .inboxSilent: .warn
        }
    }

    private static func line(_ alert: Alert, goodsOwner: String, anchor: String, now: Date) -> AlertLine {
        let tone = tone(of: alert.kind)
        return AlertLine(
            goodsOwner: goodsOwner, anchor: anchor, kind: alert.kind.rawValue, meaning: alert.kind.meaning,
            message: alert.message, since: alert.since.map { StatusPageTime($0, now: now) },
            chip: StatusPageChip(tone == .bad ? "ALERT" : "WARNING", tone))
    }

    private static func erp(_ erp: OwnerStatus.ERP, now: Date) -> ERPView {
        let chip: StatusPageChip =
            switch erp.reachable {
            case true?: StatusPageChip("REACHABLE", .ok)
            case false?: StatusPageChip("UNREACHABLE", .bad)
            case nil: StatusPageChip("NOT YET ASKED", .neutral)
            }
        return ERPView(
            endpoint: erp.endpoint, chip: chip, lastAnswer: erp.lastAnswer.map { StatusPageTime($0, now: now) },
            lastFailure: erp.lastFailure.map { StatusPageTime($0, now: now) }, lastError: erp.lastError,
            budgetRemaining: erp.budgetRemaining.map { StatusPageText.count($0, "request") })
    }

    private static func row(_ line: OwnerStatus.WriteBackLine, now: Date) -> WriteBackRow {
        let chip: StatusPageChip =
            switch line.state {
            case "pending":
                line.lastError == nil ? StatusPageChip("PENDING", .neutral) : StatusPageChip("RETRYING", .warn)
            case "refused": StatusPageChip("REFUSED", .bad)
            default: StatusPageChip(line.state.uppercased(), .neutral)
            }
        return WriteBackRow(
            id: String(line.id), operation: line.operation, target: String(line.target), value: line.value,
            chip: chip, attempts: String(line.attempts), lastError: line.lastError,
            nextAttempt: line.nextAttempt.map { StatusPageTime($0, now: now) }, source: line.source)
    }
}
