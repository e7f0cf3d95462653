public import Foundation

extension ArchiveWriter {
    /// What a pruning removed (or, in a dry run, would remove).
    public struct PruneResult: Sendable, Equatable {
        /// The records whose files were (or would be) deleted.
        public var removed: [ArchiveRecord]
        /// The prune record written into the chain, `nil` in a dry run or when nothing was old enough.
        public var record: ArchiveRecord?
    }

    /// Deletes the compressed copies archived before `cutoff`, after recording in the chain exactly which ones
    /// (`removed: 1-40,42`), so that `verify` still passes and still reports any other missing file.
    ///
    /// A segment goes only when every file in it is old enough. Runs with the chain locked: no append interleaves with
    /// it. Files already missing are not claimed as pruned.
    /// - Parameter dryRun: only say what would be removed.
    public func prune(before cutoff: Date, dryRun: Bool = false) async throws -> PruneResult {
        try await withChain { chain, writer in
            let files = writer.files
            var byPath: [String: [ArchiveRecord]] = [:]
            var order: [String] = []
            var keep: Set<String> = []
            try ManifestLines.forEach(path: writer.manifestPath, fileSystem: files) { _, line in
                guard let record = try? ArchiveFormat.decode(line), record.direction != "internal" else { return }
                guard let time = ArchiveFormat.time(record.time), time < cutoff else {
                    keep.insert(record.path)
                    return
                }
                if byPath[record.path] == nil { order.append(record.path) }
                byPath[record.path, default: []].append(record)
            }
            let victims = order.filter { !keep.contains($0) && files.exists(writer.root + "/" + $0) }
                .flatMap { byPath[$0] ?? [] }
            guard !victims.isEmpty, !dryRun else { return PruneResult(removed: victims, record: nil) }
            let record = try writer.appendInternal(
                kind: "prune",
                keys: [
                    "removed": ArchiveFormat.ranges(victims.map(\.seq)),
                    "before": cutoff.formatted(Date.ISO8601FormatStyle()), "files": String(victims.count),
                ], to: &chain)
            for path in Set(victims.map(\.path)) { try files.remove(writer.root + "/" + path) }
            return PruneResult(removed: victims, record: record)
        }
    }
}
