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
            let (path, keysPath) = (folder + "/" + name + ".gz", folder + "/" + name + ".keys")
            return ArchiveStagedFile(
                name: name, path: path, handle: try files.create(path), keysPath: keysPath,
                keysHandle: try files.create(keysPath))
        }
    }

    /// Records a finished staged copy: flushed, moved to its place under `YYYY/MM/DD/` (its folder flushed) and
    /// appended to the manifest with one flush, as ``storeFile(at:name:direction:kind:keys:)`` would have; the keys it
    /// collected become its line of the key index.
    /// - Throws: when the copy cannot be flushed, moved or recorded.
    @discardableResult
    public func commit(_ staged: ArchiveStagedFile, direction: String, kind: String, keys: [String: String])
        async throws -> ArchiveRecord
    {
        try await blocking.run { [self] in
            let record = try appendFile(name: staged.name, direction: direction, kind: kind, keys: keys) { target in
                let sha256 = try staged.seal()
                try files.commit(staged.path, to: target)
                return (staged.size, sha256)
            }
            try withChainLock { try indexStagedKeys(of: staged, seq: record.seq) }
            return record
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

    /// Abandons a staged copy: closed and removed, with its keys.
    public func discard(_ staged: ArchiveStagedFile) {
        staged.close()
        try? files.remove(staged.path)
        try? files.remove(staged.keysPath)
    }
}
