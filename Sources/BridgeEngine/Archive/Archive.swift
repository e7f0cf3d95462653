import Crypto
public import Foundation
import Gzip

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The compliance archive: every exchanged file, gzip-compressed under `YYYY/MM/DD/`, with an append-only,
/// hash-chained manifest (`manifest.jsonl`) so that ``ArchiveVerifier`` detects any changed, removed or
/// reordered file or record.
///
/// Secrets never reach the archive: it stores only the files exchanged with the WMS, which hold none.
public actor Archive {
    /// The archive folder.
    public let root: String
    private let now: @Sendable () -> Date
    private var last: (seq: Int, hash: String)?

    /// The hash the first record chains to.
    public static let genesis = String(repeating: "0", count: 64)

    /// Opens the archive in `root`; the folder is created with the first file.
    public init(root: String, now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.root = root
        self.now = now
    }

    /// The manifest's path.
    public var manifestPath: String { root + "/manifest.jsonl" }

    /// One file to archive with ``storeBatch(_:)``.
    public struct Item: Sendable {
        /// The file's content.
        public var bytes: [UInt8]
        /// Its name as exchanged.
        public var name: String
        /// `outbound` or `inbound`.
        public var direction: String
        /// Its kind.
        public var kind: String
        /// Its business keys.
        public var keys: [String: String]

        /// Creates an item.
        public init(bytes: [UInt8], name: String, direction: String, kind: String, keys: [String: String]) {
            self.bytes = bytes
            self.name = name
            self.direction = direction
            self.kind = kind
            self.keys = keys
        }
    }

    /// Archives several files.
    ///
    /// Each compressed copy is flushed, then all their records are appended to the manifest with one flush.
    /// Either way a record never points at a file that is not on disk.
    @discardableResult
    public func storeBatch(_ items: [Item]) throws -> [ArchiveRecord] {
        guard !items.isEmpty else { return [] }
        var previous = try lastRecord()
        var records: [ArchiveRecord] = []
        var lines = ""
        var folders: Set<String> = []
        for item in items {
            let slot = try nextSlot(after: previous.seq, name: item.name)
            let target = root + "/" + slot.relative
            folders.insert(target)
            let temporary = try FileSystem.writeTemporary(try GzipCompressor.compress(item.bytes), besides: target)
            try FileSystem.rename(temporary, to: target)
            let record = try Self.sealed(
                slot, name: item.name, direction: item.direction, kind: item.kind, keys: item.keys,
                size: item.bytes.count, sha256: Self.sha256(item.bytes), previous: previous.hash)
            lines += try Self.line(record)
            records.append(record)
            previous = (record.seq, record.hash)
        }
        // One flush per day folder for all the renames in it.
        for file in Set(folders.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }) {
            FileSystem.syncDirectory(of: file + "/x")
        }
        try FileSystem.append(lines, to: manifestPath)
        last = previous
        return records
    }

    /// Which of these names were archived: one pass over the manifest, for recovery.
    public func archivedNames(among names: Set<String>) throws -> Set<String> {
        guard !names.isEmpty else { return [] }
        var found: Set<String> = []
        try ManifestLines.forEach(path: manifestPath) { _, line in
            guard let record = try? Self.decode(line), names.contains(record.name) else { return }
            found.insert(record.name)
        }
        return found
    }

    /// Archives one file: compresses it to a flushed file, then appends its record to the manifest.
    /// - Parameters:
    ///   - bytes: the file's content.
    ///   - name: the file's name as exchanged.
    ///   - direction: `outbound` or `inbound`.
    ///   - kind: the file's kind.
    ///   - keys: its business keys.
    /// - Returns: the manifest record.
    @discardableResult
    public func store(_ bytes: [UInt8], name: String, direction: String, kind: String, keys: [String: String])
        throws -> ArchiveRecord
    {
        let records = try storeBatch([Item(bytes: bytes, name: name, direction: direction, kind: kind, keys: keys)])
        guard let record = records.first else { throw BridgeError(.archive, "nothing was archived for \(name)") }
        return record
    }

    /// Archives a file from disk, streaming it through the compressor and the hash, so that large CSV files
    /// are archived in bounded memory.
    @discardableResult
    public func storeFile(at source: String, name: String, direction: String, kind: String, keys: [String: String])
        throws -> ArchiveRecord
    {
        guard let input = FileHandle(forReadingAtPath: source) else {
            throw BridgeError(.archive, "cannot read \(source) to archive it")
        }
        defer { try? input.close() }
        let previous = try lastRecord()
        let slot = try nextSlot(after: previous.seq, name: name)
        let target = root + "/" + slot.relative
        let temporary = FileSystem.temporaryPath(besides: target)
        try FileSystem.write([], to: temporary)
        guard let output = FileHandle(forWritingAtPath: temporary) else {
            throw BridgeError(.archive, "cannot create \(temporary)")
        }
        let compressor = try GzipCompressor()
        var hasher = SHA256()
        var size = 0
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += chunk.count
            try output.write(contentsOf: try compressor.compress(Array(chunk)))
        }
        try output.write(contentsOf: try compressor.finish())
        try output.synchronize()
        try output.close()
        try FileSystem.commit(temporary, to: target)
        let record = try Self.sealed(
            slot, name: name, direction: direction, kind: kind, keys: keys, size: size,
            sha256: Self.hex(hasher.finalize()), previous: previous.hash)
        try FileSystem.append(try Self.line(record), to: manifestPath)
        last = (record.seq, record.hash)
        return record
    }

    /// Where the next file goes: its sequence number, its time, and its compressed copy's path under the day
    /// folder (which is created).
    private func nextSlot(after previous: Int, name: String) throws -> (seq: Int, time: Date, relative: String) {
        let seq = previous + 1
        let time = now()
        let day = Self.dayFolder(time)
        try FileManager.default.createDirectory(atPath: root + "/" + day, withIntermediateDirectories: true)
        return (seq, time, "\(day)/\(String(format: "%06d", seq))-\(name).gz")
    }

    /// The manifest record of a file stored at `slot`, chained to `previous` and sealed with its own hash.
    private static func sealed(
        _ slot: (seq: Int, time: Date, relative: String), name: String, direction: String, kind: String,
        keys: [String: String], size: Int, sha256: String, previous: String
    ) throws -> ArchiveRecord {
        var record = ArchiveRecord(
            seq: slot.seq, time: timestamp(slot.time), name: name, direction: direction, kind: kind, keys: keys,
            size: size, sha256: sha256, path: slot.relative, prev: previous, hash: "")
        record.hash = try hash(of: record)
        return record
    }

    private func lastRecord() throws -> (seq: Int, hash: String) {
        if let last { return last }
        let found = try ManifestLines.last(path: manifestPath).map { try Self.decode($0) }
        let result = found.map { ($0.seq, $0.hash) } ?? (0, Self.genesis)
        last = result
        return result
    }

    // MARK: - Encoding shared with the verifier

    static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// A digest as lower-case hex, the form every hash in the state and the manifest takes.
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    static func hash(of record: ArchiveRecord) throws -> String {
        var unsigned = record
        unsigned.hash = ""
        return sha256(Array(try encoder.encode(unsigned)))
    }

    static func line(_ record: ArchiveRecord) throws -> String {
        String(decoding: try encoder.encode(record), as: UTF8.self) + "\n"
    }

    static func decode(_ line: String) throws -> ArchiveRecord {
        try JSONDecoder().decode(ArchiveRecord.self, from: Data(line.utf8))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func dayFolder(_ time: Date) -> String {
        let stamp = timestamp(time)
        return "\(stamp.prefix(4))/\(stamp.dropFirst(5).prefix(2))/\(stamp.dropFirst(8).prefix(2))"
    }

    static func timestamp(_ time: Date) -> String {
        time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
