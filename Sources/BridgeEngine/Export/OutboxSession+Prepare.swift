import BridgeModel
import Crypto
import Foundation
import Gzip
import OngoingFiles

/// Preparing a unit: which objects changed, and their files rendered, before anything is written.
extension OutboxSession {
    /// A batch decided and rendered, ready to commit.
    struct PreparedBatch: Sendable {
        var outcomes: [Outcome]
        var planned: [StateStore.PlannedExport]
        /// Unchanged objects whose CSV rows are owed (``StateStore/ExportEntry/isCSVOwed``): only their rows are in
        /// the parts.
        var owed: [String]
        var parts: [OutboxRenderer.Part]
    }

    /// Decides which objects changed and renders their files.
    ///
    /// Writes nothing. Hashing, deciding and rendering are one pass over chunks of the batch, two per core, so that no
    /// core waits at a barrier between them.
    nonisolated func prepare(_ items: consuming [Item]) async throws -> PreparedBatch {
        let known = try await store.exports(kind, items.map(\.record.key))
        let owner = Array(settings.goodsOwnerCode.utf8)
        let stamp = OutboxFileName.stamp(now())
        let (renderer, dryRun) = (self.renderer, settings.dryRun)
        let (writesXML, writesCSV) = (settings.formats.contains(.xml), settings.formats.contains(.csv))
        let chunks = try await blocking.eachChunk(consume items) { slice -> ([Decision], OutboxRenderer.Part?) in
            let compressor = try GzipMembers(level: ArchiveFormat.compressionLevel)
            var decisions: [Decision] = []
            // Each changed object is rendered as soon as it is hashed, while its values are in the cache.
            var part = OutboxRenderer.PartBuilder(renderer, xml: writesXML, csv: writesCSV, compressor: compressor)
            decisions.reserveCapacity(slice.count)
            for item in slice {
                let record = item.record
                let content = record.canonicalJSON
                var hasher = SHA256()
                hasher.update(data: content)
                hasher.update(data: owner)
                let hash = ArchiveFormat.hex(hasher.finalize())
                if let entry = known[record.key], entry.contentHash == hash, entry.isWritten {
                    // Its XML file was written; an interrupted run may still owe its CSV rows.
                    guard writesCSV, entry.isCSVOwed else {
                        decisions.append(.unchanged)
                        continue
                    }
                    decisions.append(.owed(record.key))
                    if !dryRun { part.addRows(record) }
                    continue
                }
                let name = OutboxFileName.xml(record, stamp: stamp)
                decisions.append(
                    .changed(
                        StateStore.PlannedExport(
                            key: record.key, contentHash: hash, fileName: name,
                            pinnedDeliveryDate: item.pinnedDeliveryDate)))
                if !dryRun { try part.add(record, name: name) }
            }
            guard part.count > 0 else { return (decisions, nil) }
            return (decisions, try part.finish())
        }
        var outcomes: [Outcome] = []
        var planned: [StateStore.PlannedExport] = []
        var owed: [String] = []
        for (decisions, _) in chunks {
            for decision in decisions {
                switch decision {
                case .unchanged:
                    outcomes.append(.unchanged)
                case .owed(let key):
                    outcomes.append(.unchanged)
                    owed.append(key)
                case .changed(let export):
                    outcomes.append(dryRun ? .wouldWrite(export.fileName) : .written(export.fileName))
                    planned.append(export)
                }
            }
        }
        guard !dryRun, !planned.isEmpty || !owed.isEmpty else {
            return PreparedBatch(outcomes: outcomes, planned: [], owed: [], parts: [])
        }
        return PreparedBatch(outcomes: outcomes, planned: planned, owed: owed, parts: chunks.compactMap(\.1))
    }

    /// What ``prepare(_:)`` decided for one object.
    fileprivate enum Decision: Sendable {
        case unchanged
        /// Unchanged, with its CSV rows owed: only they are written.
        case owed(String)
        case changed(StateStore.PlannedExport)
    }
}
