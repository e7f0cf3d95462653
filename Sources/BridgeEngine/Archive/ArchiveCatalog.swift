public import Foundation
import Gzip

/// Finding, reading and pruning archived files.
public enum ArchiveCatalog {
    /// Which records to list.
    public struct Filter: Sendable {
        /// A business key value to match (an order number, an article number), in any key.
        public var key: String?
        /// The kind (`order`, `article`, `shipment`, `stock`, ...).
        public var kind: String?
        /// `inbound` or `outbound`.
        public var direction: String?
        /// Only records archived at or after this time.
        public var from: Date?
        /// Only records archived before this time.
        public var to: Date?

        /// Creates a filter; `nil` matches everything.
        public init(
            key: String? = nil, kind: String? = nil, direction: String? = nil, from: Date? = nil, to: Date? = nil
        ) {
            self.key = key
            self.kind = kind
            self.direction = direction
            self.from = from
            self.to = to
        }

        func matches(_ record: ArchiveRecord, indexed: Set<Int>) -> Bool {
            if let key, !record.keys.values.contains(key) && !record.name.contains(key) && !indexed.contains(record.seq)
            {
                return false
            }
            if let kind, record.kind != kind { return false }
            if let direction, record.direction != direction { return false }
            let time = ArchiveFormat.time(record.time) ?? .distantPast
            if let from, time < from { return false }
            if let to, time >= to { return false }
            return true
        }
    }

    /// The records that match, in manifest order: with a key, every file that names it (the object's own file by its
    /// record, a CSV holding its row and a WMS file mentioning it by the key index).
    public static func list(root: String, filter: Filter) throws -> [ArchiveRecord] {
        let indexed = try filter.key.map { try seqs(naming: $0, root: root) } ?? []
        var found: [ArchiveRecord] = []
        try ManifestLines.forEach(path: root + "/manifest.jsonl") { _, line in
            if let record = try? ArchiveFormat.decode(line), record.direction != "internal",
                filter.matches(record, indexed: indexed)
            {
                found.append(record)
            }
        }
        return found
    }

    /// The sequence numbers of the files the key index says name `key`.
    static func seqs(naming key: String, root: String) throws -> Set<Int> {
        let wanted = ArchiveFormat.indexKey(key)
        var found: Set<Int> = []
        try ManifestLines.forEach(path: root + "/keys.txt") { _, line in
            guard let tab = line.firstIndex(of: "\t"), let seq = Int(line[..<tab]), !found.contains(seq) else { return }
            if line[line.index(after: tab)...].split(separator: ",").contains(where: { $0 == wanted }) {
                found.insert(seq)
            }
        }
        return found
    }

    /// The record with this sequence number or file name (the latest of that name).
    public static func record(root: String, _ reference: String) throws -> ArchiveRecord {
        var found: ArchiveRecord?
        try ManifestLines.forEach(path: root + "/manifest.jsonl") { _, line in
            guard let record = try? ArchiveFormat.decode(line), record.direction != "internal" else { return }
            if String(record.seq) == reference || record.name == reference { found = record }
        }
        guard let found else { throw BridgeError(.archive, "no archived file \(reference)") }
        return found
    }

    /// The compressed bytes of an archived file: its own file, or its member of a segment.
    /// - Returns: `nil` when the file or segment is missing.
    static func compressed(root: String, _ record: ArchiveRecord, fileSystem: any FileSystem) -> [UInt8]? {
        let path = root + "/" + record.path
        if let offset = record.offset, let length = record.length {
            guard let bytes = try? fileSystem.read(path, from: UInt64(offset), count: length), bytes.count == length
            else { return fileSystem.exists(path) ? [] : nil }
            return bytes
        }
        return try? fileSystem.read(path)
    }

    /// The original bytes of an archived file, checked against its recorded SHA-256.
    public static func content(root: String, _ record: ArchiveRecord, fileSystem: any FileSystem = LocalFileSystem())
        throws -> [UInt8]
    {
        guard let data = compressed(root: root, record, fileSystem: fileSystem) else {
            throw BridgeError(.archive, "the archived file \(record.path) is missing (pruned or removed)")
        }
        let bytes = try GzipDecompressor.decompress(data, maxOutputBytes: record.size + 1)
        guard ArchiveFormat.sha256(bytes) == record.sha256 else {
            throw BridgeError(
                .archive, "the archived file \(record.path) does not match its record; run archive verify")
        }
        return bytes
    }
}
