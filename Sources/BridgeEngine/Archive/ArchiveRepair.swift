import Foundation

/// Opens the archive's chain at the manifest's end, repairing a last line torn by a crash.
///
/// A torn fragment that is a whole record chaining on (only its line break was lost) is completed. Any other
/// fragment is kept in `repairs/` and cut from the manifest, and a `repair` record in the chain says so: nothing is
/// lost, and `archive verify` passes again.
enum ArchiveRepair {
    static func openChain(root: String, fileSystem: any FileSystem, repair: Bool, now: () -> Date) throws
        -> ArchiveChain
    {
        let manifest = root + "/manifest.jsonl"
        let (size, last, torn) = try ManifestLines.end(path: manifest, fileSystem: fileSystem)
        var chain = ArchiveChain()
        if let last {
            guard let record = try? ArchiveFormat.decode(String(decoding: last, as: UTF8.self)) else {
                throw BridgeError(
                    .archive,
                    "the last record of \(manifest) cannot be read; run `sevenbridge archive verify` and restore the "
                        + "manifest from a backup")
            }
            chain = ArchiveChain(endingWith: record)
        }
        guard !torn.isEmpty, repair else { return chain }
        if let record = try? ArchiveFormat.decode(String(decoding: torn, as: UTF8.self)) {
            var probe = chain
            if probe.check(record).isEmpty {
                try fileSystem.append([0x0A], to: manifest)
                return probe
            }
        }
        try fileSystem.createFolder(root + "/repairs")
        let stamp = ArchiveFormat.timestamp(now()).replacingOccurrences(of: ":", with: "")
        let saved = "repairs/manifest-torn-\(stamp).bin"
        try fileSystem.writeAtomically(torn, to: root + "/" + saved)
        try fileSystem.truncate(manifest, to: size - UInt64(torn.count))
        var next = chain
        let (_, line) = next.sealLine(
            ArchiveRecord(
                seq: 0, time: ArchiveFormat.timestamp(now()), name: "repair", direction: "internal", kind: "repair",
                keys: ["tornBytes": String(torn.count), "savedAs": saved], size: 0, sha256: ArchiveFormat.sha256([]),
                path: "", prev: "", hash: ""))
        try fileSystem.append(line, to: manifest)
        return next
    }
}
