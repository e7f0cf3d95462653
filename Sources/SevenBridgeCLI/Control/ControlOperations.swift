import BridgeEngine
import Foundation

/// The state-changing operations of the commands, over a runtime: the same code whether the command runs them itself
/// under the state lock or the daemon runs them for it.
///
/// They go through the runtime's one archive writer and one state store, so no second writer ever exists.
enum ControlOperations {
    /// Carries out a request for the one goods owner of the runtime.
    static func perform(_ request: ControlRequest, on runtime: BridgeRuntime) async -> ControlAnswer {
        guard let owner = runtime.owners.first else { return .refused("no goods owner is configured") }
        do {
            switch request {
            case .release(let file): return try await release(file, owner)
            case .prune(let seconds, let dryRun): return try await prune(seconds, dryRun: dryRun, owner)
            case .replay(let file): return try await replay(file, owner)
            }
        } catch {
            return .refused("\(error)")
        }
    }

    /// Moves a held stock file from `inbox/failed` back into the inbox, marked as released.
    private static func release(_ file: String, _ owner: OwnerRuntime) async throws -> ControlAnswer {
        let inbox = owner.settings.inbox.inbox
        let name = FileSystemPaths.name(of: file)
        let held = inbox + "/failed/" + name
        guard owner.files.exists(held), try await owner.store.releaseInboxFile(name: name) else {
            return .refused("\(name) is not a held file in \(inbox)/failed")
        }
        let files = owner.files
        try await owner.blocking.run {
            try files.rename(held, to: inbox + "/" + name)
            try files.syncFolder(inbox)
            if files.exists(held + ".error.txt") { try files.remove(held + ".error.txt") }
        }
        return .done("released \(name): it is back in the inbox and will be taken on the next pass")
    }

    /// Applies the retention (or `olderThanSeconds`) to the archive.
    private static func prune(_ seconds: Int64?, dryRun: Bool, _ owner: OwnerRuntime) async throws -> ControlAnswer {
        guard let seconds = seconds ?? owner.settings.retention?.components.seconds else {
            return .done("archive.retention is not set: everything is kept")
        }
        let cutoff = Date().addingTimeInterval(-Double(seconds))
        let result = try await owner.archive.prune(before: cutoff, dryRun: dryRun)
        let when = cutoff.formatted(Date.ISO8601FormatStyle())
        if dryRun {
            return ControlAnswer(
                ok: true,
                lines: result.removed.map { "would prune \($0.seq) \($0.name)" }
                    + ["\(result.removed.count) files archived before \(when) would be pruned"])
        }
        let named = result.record.map { " (prune record \($0.seq))" } ?? ""
        return .done("pruned \(result.removed.count) files archived before \(when)\(named); the chain still verifies")
    }

    /// Feeds an archived file through again: an inbox file back into the inbox, an outbox file back into the outbox.
    private static func replay(_ reference: String, _ owner: OwnerRuntime) async throws -> ControlAnswer {
        let root = owner.archive.root
        let (record, bytes) = try await owner.blocking.run {
            let record = try ArchiveCatalog.record(root: root, reference)
            return (record, try ArchiveCatalog.content(root: root, record))
        }
        let files = owner.files
        if record.direction == "outbound" {
            let outbox = owner.settings.export.outbox
            let target = outbox + "/" + record.name
            if files.exists(target) { return .done("\(record.name) is already in the outbox; nothing to do") }
            let temporary = FileSystemPaths.temporary(besides: target)
            try await owner.blocking.run { try files.write(bytes, to: temporary) }
            var keys = record.keys
            keys["replayOf"] = String(record.seq)
            try await owner.archive.store(
                bytes, name: record.name, direction: "outbound", kind: record.kind, keys: keys)
            try await owner.blocking.run { try files.commit(temporary, to: target) }
            return .done("\(record.name) is back in the outbox")
        }
        let inbox = owner.settings.inbox.inbox
        let target = inbox + "/" + record.name
        if files.exists(target) { return .refused("\(record.name) is already in the inbox") }
        try await owner.store.allowReplay(sha256: record.sha256, name: record.name, now: Date())
        try await owner.blocking.run {
            try files.createFolder(inbox)
            try files.writeAtomically(bytes, to: target)
        }
        return .done("\(record.name) is back in the inbox and will be taken on the next pass")
    }
}
