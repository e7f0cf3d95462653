import Crypto
import Gzip

/// The archive copy of a file that is written in parts (a run's CSV file), built while the file is written: each part
/// arrives with its gzip member, compressed beforehand on any core, and the copy keeps the running SHA-256 and size
/// of the file's bytes, so that archiving the finished file costs a flush and a rename, not a second pass over it.
///
/// The copy lives under the archive's hidden `.staging/` folder until ``ArchiveWriter/commit(_:direction:kind:keys:)``
/// moves it to its place and records it; a copy left by a run that died is removed by
/// ``ArchiveWriter/discardStaged(prefix:)``, since the file it copies never became visible.
public final class ArchiveStagedFile: @unchecked Sendable {
    // Mutated only by the one session that writes the file, one call at a time.
    /// The name of the file it copies, as exchanged.
    let name: String
    /// Where the copy is built.
    let path: String
    private let handle: any WritableFile
    private var hasher = SHA256()
    private(set) var size = 0

    init(name: String, path: String, handle: any WritableFile) {
        self.name = name
        self.path = path
        self.handle = handle
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

    /// Flushes and closes the copy; returns the SHA-256 of the file's bytes, as hex.
    func seal() throws -> String {
        try handle.sync()
        try handle.close()
        return ArchiveFormat.hex(hasher.finalize())
    }

    /// Closes the copy without flushing it (the file it copies is abandoned).
    func close() {
        try? handle.close()
    }
}
