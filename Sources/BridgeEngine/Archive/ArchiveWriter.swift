import Crypto
public import Foundation
import Gzip
import Synchronization

/// The compliance archive's only writer: every exchanged file, gzip-compressed under `YYYY/MM/DD/`, with an
/// append-only, hash-chained manifest (`manifest.jsonl`) so that ``ArchiveVerifier`` detects any changed, removed
/// or reordered file or record.
///
/// A process has one writer per archive folder, and other processes reach the archive only through that process or
/// under the state lock; so the chain it holds in memory is always the manifest's end. Appends are serialized by a
/// lock and run on the thread pool (compression, hashing, flushes never block the cooperative pool). When opened it
/// reads the manifest's end and repairs a last line torn by a crash, keeping the torn bytes and recording the repair
/// in the chain.
///
/// Secrets never reach the archive: it stores only the files exchanged with the WMS, which hold none.
public final class ArchiveWriter: Sendable {
    /// The archive folder.
    public let root: String
    private let fileSystem: any FileSystem
    /// Where the writer's file work runs.
    let blocking: BlockingWork
    private let now: @Sendable () -> Date
    private let chain: Mutex<ArchiveChain>

    /// The manifest's path.
    public var manifestPath: String { root + "/manifest.jsonl" }

    private init(
        root: String, chain: ArchiveChain, fileSystem: any FileSystem, blocking: BlockingWork,
        now: @escaping @Sendable () -> Date
    ) {
        self.root = root
        self.fileSystem = fileSystem
        self.blocking = blocking
        self.now = now
        self.chain = Mutex(chain)
    }

    /// Opens the archive in `root` (created with the first file), repairing a torn last manifest line.
    /// - Parameters:
    ///   - root: the archive folder.
    ///   - fileSystem: the file system.
    ///   - blocking: where file work runs.
    ///   - readOnly: repair nothing (a dry run, which never writes the archive).
    ///   - now: the clock of the records' time stamps.
    /// - Throws: `BridgeError` when the manifest cannot be read or repaired.
    public static func open(
        root: String, fileSystem: any FileSystem = LocalFileSystem(), blocking: BlockingWork = .shared,
        readOnly: Bool = false, now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> ArchiveWriter {
        let chain = try await blocking.run {
            try ArchiveRepair.openChain(root: root, fileSystem: fileSystem, repair: !readOnly, now: now)
        }
        return ArchiveWriter(root: root, chain: chain, fileSystem: fileSystem, blocking: blocking, now: now)
    }

    /// How many records the manifest holds.
    public var records: Int { chain.withLock { $0.seq } }

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

    /// Archives several files as one segment: each file one gzip member of `YYYY/MM/DD/<first>-<last>.gz` (a single
    /// file keeps a file of its own, `<seq>-<name>.gz`), with its offset and length in its manifest record; `zcat` of a
    /// segment gives the files one after the other.
    ///
    /// Durability is grouped: the segment is written without a flush of its own, then one `syncfs` per file system
    /// makes it durable together with everything written under `syncing` (the batch's hidden outbox files), then the
    /// segment is renamed into place, its folder flushed, and the records appended to the manifest with one flush. A
    /// record never points at bytes that are not on disk.
    /// - Parameters:
    ///   - items: the files.
    ///   - syncing: other folders whose unflushed writes must be durable when this returns.
    @discardableResult
    public func storeBatch(_ items: [Item], syncing: [String] = []) async throws -> [ArchiveRecord] {
        guard !items.isEmpty else { return [] }
        return try await blocking.run { [self] in try append(try Self.prepare(items[...]), syncing: syncing) }
    }

    /// Archives files already compressed and hashed by ``prepare(_:)`` as one segment, as ``storeBatch(_:syncing:)``
    /// does.
    /// - Parameters:
    ///   - items: the prepared files.
    ///   - syncing: other folders whose unflushed writes must be durable when this returns.
    @discardableResult
    public func storeBatch(prepared items: [PreparedItem], syncing: [String] = []) async throws -> [ArchiveRecord] {
        guard !items.isEmpty else { return [] }
        return try await blocking.run { [self] in try append(items, syncing: syncing) }
    }

    /// Writes a segment of prepared files and appends their records, holding the chain's lock.
    private func append(_ items: [PreparedItem], syncing: [String]) throws -> [ArchiveRecord] {
        try chain.withLock { chain in
            var next = chain
            let first = next.seq + 1
            let time = now()
            let day = ArchiveFormat.dayFolder(time)
            // One time stamp for the segment's records: formatting a date costs more than the rest of a record.
            let stamp = ArchiveFormat.timestamp(time)
            try fileSystem.createFolder(root + "/" + day)
            let name =
                items.count == 1
                ? "\(Self.sequenceText(first))-\(items[0].name).gz"
                : "\(Self.sequenceText(first))-\(Self.sequenceText(first + items.count - 1)).gz"
            let path = day + "/" + name
            var segment: [UInt8] = []
            segment.reserveCapacity(items.reduce(0) { $0 + $1.member.count })
            var drafts: [ArchiveRecord] = []
            for item in items {
                drafts.append(
                    draft(
                        time: stamp, name: item.name, direction: item.direction, kind: item.kind, keys: item.keys,
                        size: item.size, sha256: item.sha256, path: path,
                        offset: items.count == 1 ? nil : segment.count,
                        length: items.count == 1 ? nil : item.member.count))
                segment += item.member
            }
            let target = root + "/" + path
            if syncing.isEmpty {
                let temporary = FileSystemPaths.temporary(besides: target)
                try fileSystem.write(segment, to: temporary, durable: true)
                try fileSystem.commit(temporary, to: target)
            } else {
                // Under its own name at once: no record points at it until the syncfs below has made its bytes
                // and its name durable, together with the batch's hidden outbox files.
                try fileSystem.write(segment, to: target, durable: false)
                try fileSystem.syncFileSystems(containing: [root] + syncing)
            }
            var records: [ArchiveRecord] = []
            var lines: [UInt8] = []
            for draft in drafts {
                let (record, line) = next.sealLine(draft)
                lines += line
                records.append(record)
            }
            try fileSystem.append(lines, to: manifestPath)
            chain = next
            return records
        }
    }

    /// Archives one file's bytes.
    @discardableResult
    public func store(_ bytes: [UInt8], name: String, direction: String, kind: String, keys: [String: String])
        async throws -> ArchiveRecord
    {
        let records = try await storeBatch([
            Item(bytes: bytes, name: name, direction: direction, kind: kind, keys: keys)
        ])
        guard let record = records.first else { throw BridgeError(.archive, "nothing was archived for \(name)") }
        return record
    }

    /// Archives a file from disk, streaming it through the compressor and the hash, so that large files are archived
    /// in bounded memory.
    @discardableResult
    public func storeFile(at source: String, name: String, direction: String, kind: String, keys: [String: String])
        async throws -> ArchiveRecord
    {
        try await blocking.run { [self] in
            let input = try fileSystem.open(source)
            defer { input.close() }
            return try appendFile(name: name, direction: direction, kind: kind, keys: keys) { target in
                let temporary = FileSystemPaths.temporary(besides: target)
                let output = try fileSystem.create(temporary)
                let compressor = try GzipCompressor(level: ArchiveFormat.compressionLevel)
                var hasher = SHA256()
                var size = 0
                while true {
                    let chunk = try input.read(upTo: 1 << 20)
                    if chunk.isEmpty { break }
                    hasher.update(data: chunk)
                    size += chunk.count
                    try output.write(try compressor.compress(chunk))
                }
                try output.write(try compressor.finish())
                try output.sync()
                try output.close()
                try fileSystem.commit(temporary, to: target)
                return (size, ArchiveFormat.hex(hasher.finalize()))
            }
        }
    }

    /// Appends the record of one file of its own, holding the chain's lock: `place` puts the compressed file at the
    /// target path it is given (durably) and returns the size and SHA-256 of its uncompressed bytes.
    func appendFile(
        name: String, direction: String, kind: String, keys: [String: String],
        place: (_ target: String) throws -> (size: Int, sha256: String)
    ) throws -> ArchiveRecord {
        try chain.withLock { chain in
            var next = chain
            let (path, time) = try slot(seq: next.seq + 1, name: name)
            let (size, sha256) = try place(root + "/" + path)
            let (record, line) = next.sealLine(
                draft(
                    time: ArchiveFormat.timestamp(time), name: name, direction: direction, kind: kind, keys: keys,
                    size: size, sha256: sha256, path: path))
            try fileSystem.append(line, to: manifestPath)
            chain = next
            return record
        }
    }

    /// Runs `body` holding the chain's lock, on the calling thread: for derived files beside the chain (the key
    /// index), whose appends must not interleave with each other.
    func withChainLock<T>(_ body: () throws -> T) rethrows -> T {
        try chain.withLock { _ in try body() }
    }

    /// Records an event of the archive itself (a pruning, a repair) in the chain; no file goes with it.
    @discardableResult
    func recordInternal(kind: String, keys: [String: String]) async throws -> ArchiveRecord {
        try await blocking.run { [self] in
            try chain.withLock { chain in try appendInternal(kind: kind, keys: keys, to: &chain) }
        }
    }

    /// Which of these names were archived: one pass over the manifest, for recovery.
    public func archivedNames(among names: Set<String>) async throws -> Set<String> {
        guard !names.isEmpty else { return [] }
        return try await blocking.run { [self] in
            try chain.withLock { _ in
                var found: Set<String> = []
                try ManifestLines.forEach(path: manifestPath, fileSystem: fileSystem) { _, line in
                    guard let record = try? ArchiveFormat.decode(line), names.contains(record.name) else { return }
                    found.insert(record.name)
                }
                return found
            }
        }
    }

    /// Runs `body` with the chain locked, on the thread pool: for pruning, which must not interleave with appends.
    func withChain<T: Sendable>(_ body: @escaping @Sendable (inout ArchiveChain, ArchiveWriter) throws -> T)
        async throws -> T
    {
        try await blocking.run { [self] in
            try chain.withLock { chain in try body(&chain, self) }
        }
    }

    /// Appends an internal record while the chain is locked.
    func appendInternal(kind: String, keys: [String: String], to chain: inout ArchiveChain) throws -> ArchiveRecord {
        var next = chain
        let (record, line) = next.sealLine(
            draft(
                time: ArchiveFormat.timestamp(now()), name: kind, direction: "internal", kind: kind, keys: keys,
                size: 0, sha256: ArchiveFormat.sha256([]), path: ""))
        try fileSystem.append(line, to: manifestPath)
        chain = next
        return record
    }

    /// The file system the writer uses.
    var files: any FileSystem { fileSystem }

    /// Where the file of record `seq` goes: its path under the day folder (which is created) and its time.
    private func slot(seq: Int, name: String) throws -> (path: String, time: Date) {
        let time = now()
        let day = ArchiveFormat.dayFolder(time)
        try fileSystem.createFolder(root + "/" + day)
        return ("\(day)/\(Self.sequenceText(seq))-\(name).gz", time)
    }

    private static func sequenceText(_ seq: Int) -> String {
        let digits = String(seq)
        return digits.count >= 6 ? digits : String(repeating: "0", count: 6 - digits.count) + digits
    }

    private func draft(
        time: String, name: String, direction: String, kind: String, keys: [String: String], size: Int,
        sha256: String, path: String, offset: Int? = nil, length: Int? = nil
    ) -> ArchiveRecord {
        ArchiveRecord(
            seq: 0, time: time, name: name, direction: direction, kind: kind, keys: keys,
            size: size, sha256: sha256, path: path, offset: offset, length: length, prev: "", hash: "")
    }
}
