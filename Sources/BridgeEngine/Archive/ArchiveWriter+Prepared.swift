import Gzip

extension ArchiveWriter {
    /// A file compressed and hashed for ``ArchiveWriter/storeBatch(prepared:syncing:)``: the CPU work of archiving,
    /// done before and outside the chain's lock, so that a batch's files can be prepared on every core at once.
    public struct PreparedItem: Sendable {
        /// Its name as exchanged.
        public var name: String
        /// `outbound` or `inbound`.
        public var direction: String
        /// Its kind.
        public var kind: String
        /// Its business keys.
        public var keys: [String: String]
        /// Its size before compression.
        public var size: Int
        /// The SHA-256 of its bytes before compression, as hex.
        public var sha256: String
        /// Its bytes as one gzip member.
        public var member: [UInt8]
    }

    /// Compresses (zlib's fastest level: an archive copy should cost no more than the file it keeps) and hashes files
    /// for a segment, with one compressor for all of them.
    /// - Throws: `GzipError` when zlib fails.
    public static func prepare(_ items: ArraySlice<Item>) throws -> [PreparedItem] {
        let compressor = try GzipCompressor(level: 1)
        return try items.map { item in
            PreparedItem(
                name: item.name, direction: item.direction, kind: item.kind, keys: item.keys, size: item.bytes.count,
                sha256: ArchiveFormat.sha256(item.bytes), member: try compressor.member(item.bytes))
        }
    }
}

extension ArchiveWriter {
    /// The folder of copies being built (``ArchiveStagedFile``).
    var stagingFolder: String { root + "/.staging" }

    /// Starts the archive copy of a file that is written in parts.
    /// - Parameter name: the file's name as exchanged.
    /// - Throws: when the copy cannot be created.
    public func stage(_ name: String) async throws -> ArchiveStagedFile {
        let (files, folder, blocking) = (files, stagingFolder, blocking)
        return try await blocking.run {
            try files.createFolder(folder)
            let path = folder + "/" + name + ".gz"
            return ArchiveStagedFile(path: path, handle: try files.create(path))
        }
    }

    /// Records a finished staged copy: flushed, moved to its place under `YYYY/MM/DD/` (its folder flushed) and
    /// appended to the manifest with one flush, as ``storeFile(at:name:direction:kind:keys:)`` would have.
    /// - Throws: when the copy cannot be flushed, moved or recorded.
    @discardableResult
    public func commit(_ staged: ArchiveStagedFile, direction: String, kind: String, keys: [String: String])
        async throws -> ArchiveRecord
    {
        try await blocking.run { [self] in
            let name = String(FileSystemPaths.name(of: staged.path).dropLast(3))
            return try appendFile(name: name, direction: direction, kind: kind, keys: keys) { target in
                let sha256 = try staged.seal()
                try files.commit(staged.path, to: target)
                return (staged.size, sha256)
            }
        }
    }

    /// Removes staged copies whose name starts with `prefix`, left by a run that died before its file was committed.
    public func discardStaged(prefix: String) async throws {
        let (files, folder, blocking) = (files, stagingFolder, blocking)
        try await blocking.run {
            for name in files.contents(ofFolder: folder) where name.hasPrefix(prefix) {
                try files.remove(folder + "/" + name)
            }
        }
    }

    /// Abandons a staged copy: closed and removed.
    public func discard(_ staged: ArchiveStagedFile) {
        staged.close()
        try? files.remove(staged.path)
    }
}
