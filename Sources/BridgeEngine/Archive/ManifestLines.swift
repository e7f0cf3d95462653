import Foundation

/// Reads the manifest line by line without loading it whole, so the archive scales to millions of files.
enum ManifestLines {
    /// Calls `body` with each line (1-based number, text without the line break); nothing when there is no manifest.
    static func forEach(
        path: String, fileSystem: any FileSystem = LocalFileSystem(), _ body: (Int, String) throws -> Void
    ) throws {
        guard fileSystem.exists(path) else { return }
        let file = try fileSystem.open(path)
        defer { file.close() }
        var buffer: [UInt8] = []
        var number = 0
        while true {
            let chunk = try file.read(upTo: 1 << 16)
            if chunk.isEmpty { break }
            buffer += chunk
            var start = 0
            while let end = buffer[start...].firstIndex(of: 0x0A) {
                number += 1
                try body(number, String(decoding: buffer[start..<end], as: UTF8.self))
                start = end + 1
            }
            buffer.removeFirst(start)
        }
        if !buffer.isEmpty {
            number += 1
            try body(number, String(decoding: buffer, as: UTF8.self))
        }
    }

    /// The end of the manifest: the bytes of its last complete line and of a torn fragment after it, read from the
    /// end of the file.
    static func end(path: String, fileSystem: any FileSystem) throws -> (size: UInt64, last: [UInt8]?, torn: [UInt8]) {
        guard let size = fileSystem.attributes(path)?.size, size > 0 else { return (0, nil, []) }
        var window: UInt64 = 4096
        while true {
            let start = size > window ? size - window : 0
            let bytes = try fileSystem.read(path, from: start, count: Int(size - start))
            let (complete, torn) = ArchiveChain.tail(bytes)
            let lines = bytes[..<complete].split(separator: 0x0A, omittingEmptySubsequences: true)
            if let last = lines.last, lines.count > 1 || start == 0 { return (size, Array(last), torn) }
            if start == 0 { return (size, nil, torn) }
            window *= 4
        }
    }
}
