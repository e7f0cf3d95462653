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
    /// Runs with the chain locked: no append interleaves with it. Files already missing are not claimed as pruned.
    /// - Parameter dryRun: only say what would be removed.
    public func prune(before cutoff: Date, dryRun: Bool = false) async throws -> PruneResult {
        try await withChain { chain, writer in
            let files = writer.files
            var victims: [ArchiveRecord] = []
            try ManifestLines.forEach(path: writer.manifestPath, fileSystem: files) { _, line in
                guard let record = try? ArchiveFormat.decode(line), record.direction != "internal",
                    let time = ArchiveFormat.time(record.time), time < cutoff,
                    files.exists(writer.root + "/" + record.path)
                else { return }
                victims.append(record)
            }
            guard !victims.isEmpty, !dryRun else { return PruneResult(removed: victims, record: nil) }
            let record = try writer.appendInternal(
                kind: "prune",
                keys: [
                    "removed": ArchiveFormat.ranges(victims.map(\.seq)),
                    "before": cutoff.formatted(Date.ISO8601FormatStyle()), "files": String(victims.count),
                ], to: &chain)
            for victim in victims { try files.remove(writer.root + "/" + victim.path) }
            return PruneResult(removed: victims, record: record)
        }
    }
}
