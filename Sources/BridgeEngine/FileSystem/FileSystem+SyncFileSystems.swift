extension FileSystem {
    /// Makes the unflushed writes of every file system holding one of `folders` durable, syncing each file system
    /// once: folders on the same device (as the archive and the outbox usually are) share one syncfs.
    ///
    /// A folder whose device is unknown is synced on its own.
    public func syncFileSystems(containing folders: [String]) throws {
        var synced: Set<UInt64> = []
        for folder in folders {
            if let device = attributes(folder)?.device {
                guard synced.insert(device).inserted else { continue }
            }
            try syncFileSystem(containing: folder)
        }
    }
}
