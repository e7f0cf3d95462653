import BridgeModel
import Foundation
import OngoingFiles

extension OutboxSession {
    /// A batch's XML files written under hidden names, waiting to be archived and renamed into view.
    struct Written: Sendable {
        /// The batch's keys, recorded as written once its files are in view.
        var keys: [String]
        /// The files compressed and hashed for the archive.
        var archived: [ArchiveWriter.PreparedItem]
        /// Each file's hidden name and the name it takes in view.
        var renames: [(hidden: String, final: String)]
    }

    /// Writes rendered XML files under hidden names, not flushed one by one: the archive makes the whole batch
    /// durable with one syncfs when it is published.
    ///
    /// The documents are let go of once written.
    func writeHidden(_ items: consuming [OutboxRenderer.File], keys: [String]) async throws -> Written {
        let (files, outbox) = (files, settings.outbox)
        let archived = items.map(\.archived)
        let written = items
        items = []
        // One thread creates the files: creating files in one folder from several threads contends in the kernel.
        let renames = try await blocking.run {
            try written.map { item -> (hidden: String, final: String) in
                let final = outbox + "/" + item.name
                let temporary = FileSystemPaths.temporary(besides: final)
                try files.write(item.xml, to: temporary, durable: false)
                return (hidden: temporary, final: final)
            }
        }
        return Written(keys: keys, archived: archived, renames: renames)
    }

    /// Archives written files as one segment (whose syncfs makes them durable too, and the renames before it) and
    /// renames them into view; the folder is not flushed here (the next unit's syncfs or the end of the run does).
    /// - Parameter synced: called once the syncfs has made everything written before it durable.
    func publishHidden(_ written: Written, synced: () -> Void = {}) async throws {
        guard !written.renames.isEmpty else { return }
        let (files, outbox) = (files, settings.outbox)
        try await archive.storeBatch(prepared: written.archived, syncing: [outbox])
        synced()
        try await blocking.run {
            for (hidden, final) in written.renames { try files.rename(hidden, to: final) }
        }
    }

    /// The parts' XML files, taken out of them.
    static func takeFiles(from parts: inout [OutboxRenderer.Part]) -> [OutboxRenderer.File] {
        var files: [OutboxRenderer.File] = []
        for index in parts.indices {
            files += parts[index].files
            parts[index].files = []
        }
        return files
    }

    /// Appends rendered rows to the run's CSV file and its archive copy, creating both with the header first.
    ///
    /// The rows' objects were named with this run's file by ``StateStore/beginExports(_:_:csvFile:finishing:owed:)``.
    func appendCSV(_ parts: [OutboxRenderer.Part], keys: [String]) async throws {
        guard !keys.isEmpty else { return }
        if csvFile == nil {
            let name = runCSVName()
            let temporary = FileSystemPaths.temporary(besides: path(name))
            let header = Array(renderer.csv.header().utf8)
            let copy = try await archive.stage(name)
            let handle = try await blocking.run { [files] in
                let handle = try files.create(temporary)
                try handle.write(header)
                try copy.append(header, member: try ArchiveStagedFile.member(header))
                return handle
            }
            csvFile = CSVFile(temporary: temporary, name: name, handle: handle, copy: copy)
        }
        guard let file = csvFile else { return }
        try await blocking.run {
            for part in parts {
                try file.handle.write(part.csv)
                try file.copy.append(part.csv, member: part.csvMember)
            }
            try file.copy.addKeys(keys)
        }
    }
}
