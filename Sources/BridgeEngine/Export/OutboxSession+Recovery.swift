import BridgeModel
import Foundation

extension OutboxSession {
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
        try await writeXML(try await renderer.render(rewrite, xml: true, csv: false).flatMap(\.files))
        try await store.finishExports(kind, finished)
        for key in unsentRows {
            guard let data = try await store.content(kind, key) else { continue }
            let record = try JSONDecoder().decode(OngoingRecord.self, from: data)
            try await appendCSV([try renderer.csvPart([record])], keys: [key], carried: true)
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

    /// Deletes hidden CSV files of runs that were killed, and their unfinished archive copies; their rows are still
    /// pending and go into this run's file.
    private func removeAbandonedCSV() async throws {
        try await archive.discardStaged(prefix: "\(kind.plural)-")
        let prefix = ".\(kind.plural)-"
        for name in files.contents(ofFolder: settings.outbox) where name.hasPrefix(prefix) && name.hasSuffix(".csv.tmp")
        {
            try files.remove(path(name))
        }
    }
}
