import BridgeModel
import Foundation

extension OutboxSession {
    /// Completes the writes an earlier run left pending, or rolls back those that cannot have become visible (their
    /// objects are written again by their next export), and marks the CSV rows an interrupted run never committed
    /// as owed (written with their objects' next export).
    ///
    /// Returns how many pending writes it found.
    func recover() async throws -> Int {
        guard !settings.dryRun else { return 0 }
        try await store.oweCSV(kind, keys: try await recoverCSV())
        try await removeAbandonedCSV()
        let pending = try await store.pendingExports().filter { $0.kind == kind }
        guard !pending.isEmpty else { return 0 }
        var finished: [String] = []
        let archived = try await archive.archivedNames(among: Set(pending.map(\.fileName)))
        for entry in pending {
            let final = path(entry.fileName)
            let temporary = FileSystemPaths.temporary(besides: final)
            let evidence = OutboxWrite.Evidence(
                writesXML: settings.formats.contains(.xml), visible: files.exists(final),
                archived: archived.contains(entry.fileName), hidden: files.exists(temporary))
            switch OutboxWrite.recovery(evidence) {
            case .done:
                finished.append(entry.key)
            case .finishRename:
                try await blocking.run { [files] in try files.commit(temporary, to: final) }
                finished.append(entry.key)
            case .rollBack:
                if evidence.hidden { try files.remove(temporary) }
            }
        }
        try await store.finishExports(kind, finished)
        return pending.count
    }

    /// Settles CSV rows an interrupted run left pending: rows whose file was archived are in a committed file
    /// (finishing its rename if the crash came just before it); the others are returned, to be owed.
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
            case nil, .rollBack:
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

    /// Deletes hidden CSV files of runs that were killed, and their unfinished archive copies; their rows are owed
    /// and go into a later file.
    private func removeAbandonedCSV() async throws {
        try await archive.discardStaged(prefix: "\(kind.plural)-")
        let prefix = ".\(kind.plural)-"
        for name in files.contents(ofFolder: settings.outbox) where name.hasPrefix(prefix) && name.hasSuffix(".csv.tmp")
        {
            try files.remove(path(name))
        }
    }
}
