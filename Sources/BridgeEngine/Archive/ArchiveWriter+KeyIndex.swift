extension ArchiveWriter {
    /// The index of business keys (`keys.txt`): for files that name many objects (a CSV of orders, a WMS file), which
    /// keys each archived file names, so that `archive list --key` finds every file that names a key.
    public var keyIndexPath: String { root + "/keys.txt" }

    /// Adds business keys a file names to the key index: one line, `<seq>` then a tab and the keys separated by commas.
    ///
    /// The index is derived data beside the chain, written without a flush of its own.
    public func index(_ keys: [String], for seq: Int) async throws {
        guard !keys.isEmpty else { return }
        let list = Array(keys.map(ArchiveFormat.indexKey).joined(separator: ",").utf8)
        try await blocking.run { [self] in
            try withChainLock { try appendIndexLine(seq: seq) { write in try write(list) } }
        }
    }

    /// Adds the keys collected beside a staged copy (``ArchiveStagedFile/addKeys(_:)``) to the key index as the line
    /// of record `seq`, and removes them.
    ///
    /// The keys are read in pieces: a first sync's CSV file names 100,000 objects. Call it holding the chain's lock.
    func indexStagedKeys(of staged: ArchiveStagedFile, seq: Int) throws {
        if staged.keyCount > 0 {
            let input = try files.open(staged.keysPath)
            defer { input.close() }
            try appendIndexLine(seq: seq) { write in
                while true {
                    let chunk = try input.read(upTo: 1 << 18)
                    if chunk.isEmpty { break }
                    try write(chunk)
                }
            }
        }
        try files.remove(staged.keysPath)
    }

    /// Appends one line to the key index: `<seq>`, a tab, what `keys` writes (in as many pieces as it likes), and a
    /// line break.
    ///
    /// It is appended in pieces of a few hundred kilobytes. The line starts on a line of its own when a crash left the
    /// last one without its line break, so that a torn line never swallows the next one.
    private func appendIndexLine(seq: Int, keys: ((_ bytes: [UInt8]) throws -> Void) throws -> Void) throws {
        var pending: [UInt8] = []
        if let size = files.attributes(keyIndexPath)?.size, size > 0,
            try files.read(keyIndexPath, from: size - 1, count: 1) != [0x0A]
        {
            pending.append(0x0A)
        }
        pending += "\(seq)\t".utf8
        try keys { bytes in
            pending += bytes
            if pending.count >= 1 << 18 {
                try files.append(pending, to: keyIndexPath, durable: false)
                pending.removeAll(keepingCapacity: true)
            }
        }
        pending.append(0x0A)
        try files.append(pending, to: keyIndexPath, durable: false)
    }
}
