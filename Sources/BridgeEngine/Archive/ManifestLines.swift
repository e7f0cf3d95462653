import Foundation

/// Reads the manifest line by line without loading it whole, so the archive scales to millions of files.
enum ManifestLines {
    /// Calls `body` with each line (1-based number, text without the line break).
    static func forEach(path: String, _ body: (Int, String) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        var number = 0
        while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
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

    /// The last non-empty line, read from the end of the file.
    static func last(path: String) throws -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        var window: UInt64 = 4096
        while true {
            let start = size > window ? size - window : 0
            try handle.seek(toOffset: start)
            let bytes = Array(try handle.readToEnd() ?? Data())
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
            if let last = lines.last, lines.count > 1 || start == 0 {
                return String(decoding: last, as: UTF8.self)
            }
            if start == 0 { return nil }
            window *= 4
        }
    }
}
