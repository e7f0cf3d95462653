import BridgeEngine
import Foundation

/// The state-changing operations of the commands, over a runtime: the same code whether the command runs them itself
/// under the state lock or the daemon runs them for it.
///
/// They go through the runtime's one archive writer and one state store per goods owner, so no second writer ever
/// exists. A request that names no owner acts on the one that has the file (release, replay) or on every owner
/// (prune); when the runtime serves several owners, each line starts with the owner's code.
enum ControlOperations {
    /// Carries out a request for the goods owner it names, or as above when it names none.
    static func perform(_ request: ControlRequest, on runtime: BridgeRuntime) async -> ControlAnswer {
        let owners: [OwnerRuntime]
        if let code = request.owner {
            guard let owner = runtime.owner(code) else {
                let served = runtime.owners.map(\.settings.goodsOwnerCode).joined(separator: ", ")
                return .refused(
                    "the running sevenbridge does not serve goods owner \(code) (it serves \(served)); restart it "
                        + "after a change of goodsOwners")
            }
            owners = [owner]
        } else {
            owners = runtime.owners
        }
        guard !owners.isEmpty else { return .refused("no goods owner is configured") }
        let several = request.owner == nil && runtime.owners.count > 1
        func labelled(_ answer: ControlAnswer, _ owner: OwnerRuntime) -> ControlAnswer {
            guard several else { return answer }
            return ControlAnswer(
                ok: answer.ok, lines: answer.lines.map { "\(owner.settings.goodsOwnerCode): \($0)" })
        }
        do {
            switch request {
            case .release(let file, _):
                let holders = owners.filter { $0.files.exists(heldPath(file, $0)) }
                guard let owner = try one(of: holders, all: owners, file: file, place: "inbox/failed") else {
                    return .refused("\(FileSystemPaths.name(of: file)) is not a held file in \(failedFolders(owners))")
                }
                return labelled(try await release(file, owner), owner)
            case .prune(let seconds, let dryRun, _):
                var lines: [String] = []
                for owner in owners {
                    lines += labelled(try await prune(seconds, dryRun: dryRun, owner), owner).lines
                }
                return ControlAnswer(ok: true, lines: lines)
            case .replay(let file, _):
                var holders: [OwnerRuntime] = []
                for owner in owners where (try? await record(file, owner)) != nil { holders.append(owner) }
                guard let owner = try one(of: holders, all: owners, file: file, place: "archive") else {
                    // The only owner's own error names the reason, such as a sequence number out of range.
                    if owners.count == 1, let only = owners.first { return try await replay(file, only) }
                    return .refused("no archive of \(codes(owners)) has \(file)")
                }
                return labelled(try await replay(file, owner), owner)
            }
        } catch {
            return .refused("\(error)")
        }
    }

    /// The one owner of `holders`, `nil` when there is none.
    /// - Throws: `CommandFailure` when several owners have the file, asking for `--owner`.
    private static func one(
        of holders: [OwnerRuntime], all: [OwnerRuntime], file: String, place: String
    ) throws -> OwnerRuntime? {
        guard holders.count > 1 else { return holders.first }
        throw CommandFailure(
            "\(file) is in the \(place) of several goods owners (\(codes(holders))); say which with --owner CODE")
    }

    private static func codes(_ owners: [OwnerRuntime]) -> String {
        owners.map(\.settings.goodsOwnerCode).joined(separator: ", ")
    }

    private static func heldPath(_ file: String, _ owner: OwnerRuntime) -> String {
        owner.settings.inbox.inbox + "/failed/" + FileSystemPaths.name(of: file)
    }

    private static func failedFolders(_ owners: [OwnerRuntime]) -> String {
        owners.map { $0.settings.inbox.inbox + "/failed" }.joined(separator: " or ")
    }

    private static func record(_ reference: String, _ owner: OwnerRuntime) async throws -> ArchiveRecord {
        let root = owner.archive.root
        return try await owner.blocking.run { try ArchiveCatalog.record(root: root, reference) }
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
