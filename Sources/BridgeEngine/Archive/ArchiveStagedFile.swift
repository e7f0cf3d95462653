import Crypto
import Gzip

/// The archive copy of a file that is written in parts (a run's CSV file), built while the file is written: each part
/// arrives with its gzip member, compressed beforehand on any core, and the copy keeps the running SHA-256 and size
/// of the file's bytes, so that archiving the finished file costs a flush and a rename, not a second pass over it.
///
/// The copy lives under the archive's hidden `.staging/` folder until ``ArchiveWriter/commit(_:direction:kind:keys:)``
/// moves it to its place and records it; a copy left by a run that died is removed by
/// ``ArchiveWriter/discardStaged(prefix:)``, since the file it copies never became visible. The business keys the
/// file names are collected beside it (`<name>.keys`) for the key index, not in memory.
public final class ArchiveStagedFile: @unchecked Sendable {
    // Mutated only by the one session that writes the file, one call at a time.
    /// The name of the file it copies, as exchanged.
    let name: String
    /// Where the copy is built.
    let path: String
    /// Where the keys of the file's objects are collected for the key index: comma-separated, encoded as the index
    /// encodes them.
    let keysPath: String
    private let handle: any WritableFile
    private let keysHandle: any WritableFile
    private var hasher = SHA256()
    private(set) var size = 0
    /// How many keys ``addKeys(_:)`` collected.
    private(set) var keyCount = 0

    init(name: String, path: String, handle: any WritableFile, keysPath: String, keysHandle: any WritableFile) {
        self.name = name
        self.path = path
        self.handle = handle
        self.keysPath = keysPath
        self.keysHandle = keysHandle
    }

    /// Compresses a part of the file into one gzip member, at the archive's level: CPU work, to be done before
    /// ``append(_:member:)`` and on any thread.
    /// - Throws: `GzipError` when the compressor fails.
    public static func member(_ bytes: [UInt8]) throws -> [UInt8] {
        try GzipMembers(level: ArchiveFormat.compressionLevel).member(bytes)
    }

    /// Adds the next part of the file, with its member from ``member(_:)``.
    /// - Throws: when the copy cannot be written.
    public func append(_ bytes: [UInt8], member: [UInt8]) throws {
        hasher.update(data: bytes)
        size += bytes.count
        try handle.write(member)
    }

    /// Adds the business keys of the objects the next part names, for the key index: written beside the copy, not
    /// held in memory (a first sync's CSV file names 100,000 objects).
    /// - Throws: when they cannot be written.
    public func addKeys(_ keys: [String]) throws {
        guard !keys.isEmpty else { return }
        var bytes: [UInt8] = []
        for key in keys {
            if keyCount > 0 || !bytes.isEmpty { bytes.append(0x2C) }
            bytes += ArchiveFormat.indexKey(key).utf8
        }
        keyCount += keys.count
        try keysHandle.write(bytes)
    }

    /// Flushes and closes the copy (the keys are derived data, closed without a flush); returns the SHA-256 of the
    /// file's bytes, as hex.
    func seal() throws -> String {
        try handle.sync()
        try handle.close()
        try keysHandle.close()
        return ArchiveFormat.hex(hasher.finalize())
    }

    /// Closes the copy and its keys without flushing them (the file it copies is abandoned).
    func close() {
        try? handle.close()
        try? keysHandle.close()
    }
}
