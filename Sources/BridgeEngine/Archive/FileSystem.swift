import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Durable file operations: every write is flushed to disk before it becomes visible under its final name.
enum FileSystem {
    /// Writes `bytes` to a hidden temporary file beside `path` and flushes it; returns the temporary path.
    static func writeTemporary(_ bytes: [UInt8], besides path: String) throws -> String {
        let temporary = temporaryPath(besides: path)
        try write(bytes, to: temporary)
        return temporary
    }

    /// The hidden temporary name every write uses beside its final name: `.<name>.tmp` in the same folder.
    static func temporaryPath(besides path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp").path
    }

    /// Writes and flushes a file (no rename).
    static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw failure("cannot create", path) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { throw failure("cannot write", path) }
            offset += written
        }
        guard fsync(fd) == 0 else { throw failure("cannot flush", path) }
    }

    /// Renames a flushed temporary file to its final name and flushes the folder, so the rename survives a crash.
    static func commit(_ temporary: String, to path: String) throws {
        guard Glibc.rename(temporary, path) == 0 else { throw failure("cannot rename to", path) }
        syncDirectory(of: path)
    }

    /// Renames without flushing the folder; the caller flushes it once for a batch.
    static func rename(_ temporary: String, to path: String) throws {
        guard Glibc.rename(temporary, path) == 0 else { throw failure("cannot rename to", path) }
    }

    /// Writes a file atomically: temporary, flush, rename.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        try commit(try writeTemporary(bytes, besides: path), to: path)
    }

    /// Appends a line to a file and flushes it.
    static func append(_ line: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { throw failure("cannot open", path) }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else { throw failure("cannot append to", path) }
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    static func syncDirectory(of path: String) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = open(folder, O_RDONLY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    private static func failure(_ action: String, _ path: String) -> BridgeError {
        BridgeError(.fileSystem, "\(action) \(path): \(String(cString: strerror(errno)))")
    }
}
