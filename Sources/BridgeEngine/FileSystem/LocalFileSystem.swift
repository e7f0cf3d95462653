import CSyncFS
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real file system, through POSIX calls: every write is flushed (`fsync`) before it returns.
public struct LocalFileSystem: FileSystem {
    /// Creates the file system.
    public init() {}

    /// Creates or truncates a file and writes `bytes`, flushing it when `durable`.
    public func write(_ bytes: [UInt8], to path: String, durable: Bool) throws {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.failure("cannot create", path) }
        defer { close(fd) }
        try Self.writeAll(fd, bytes, path)
        guard !durable || fsync(fd) == 0 else { throw Self.failure("cannot flush", path) }
    }

    /// Flushes the file system that holds `path` (`syncfs`).
    public func syncFileSystem(containing path: String) throws {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.failure("cannot open", path) }
        defer { close(fd) }
        guard sevenbridge_syncfs(fd) == 0 else { throw Self.failure("cannot flush the file system of", path) }
    }

    /// Appends `bytes` to a file, in one write, and flushes it when `durable`.
    public func append(_ bytes: [UInt8], to path: String, durable: Bool) throws {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.failure("cannot open", path) }
        defer { close(fd) }
        try Self.writeAll(fd, bytes, path)
        guard !durable || fsync(fd) == 0 else { throw Self.failure("cannot flush", path) }
    }

    /// Opens a file for streaming writes.
    public func create(_ path: String) throws -> any WritableFile {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.failure("cannot create", path) }
        return Writer(fd: fd, path: path)
    }

    /// Renames a file.
    public func rename(_ source: String, to target: String) throws {
        guard Glibc.rename(source, target) == 0 else { throw Self.failure("cannot rename \(source) to", target) }
    }

    /// Flushes a folder's entries.
    public func syncFolder(_ folder: String) throws {
        let fd = Glibc.open(folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.failure("cannot open the folder", folder) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Self.failure("cannot flush the folder", folder) }
    }

    /// Removes a file or an empty folder.
    public func remove(_ path: String) throws {
        guard unlink(path) == 0 || (errno == EISDIR && rmdir(path) == 0) else {
            throw Self.failure("cannot remove", path)
        }
    }

    /// Whether something exists at `path`.
    public func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// What is at `path`.
    public func attributes(_ path: String) -> FileAttributes? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        let type = info.st_mode & S_IFMT
        return FileAttributes(
            size: UInt64(info.st_size), modified: Date(timeIntervalSince1970: modified), isFile: type == S_IFREG,
            isFolder: type == S_IFDIR, device: UInt64(info.st_dev))
    }

    /// The names in a folder.
    public func contents(ofFolder folder: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }

    /// Creates a folder and its parents.
    public func createFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw BridgeError(.fileSystem, "cannot create the folder \(path): \(Self.reason(error))")
        }
    }

    /// The whole content of a file.
    public func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Self.failure("cannot read", path) }
        return Array(data)
    }

    /// Up to `count` bytes of a file from `offset`.
    public func read(_ path: String, from offset: UInt64, count: Int) throws -> [UInt8] {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.failure("cannot read", path) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = buffer[filled...].withUnsafeMutableBytes {
                pread(fd, $0.baseAddress, $0.count, off_t(offset) + off_t(filled))
            }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw Self.failure("cannot read", path) }
            if got == 0 { break }
            filled += got
        }
        buffer.removeLast(count - filled)
        return buffer
    }

    /// Opens a file for streaming reads.
    public func open(_ path: String) throws -> any ReadableFile {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.failure("cannot read", path) }
        return Reader(fd: fd, path: path)
    }

    /// Cuts a file to `size` bytes and flushes it.
    public func truncate(_ path: String, to size: UInt64) throws {
        let fd = Glibc.open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.failure("cannot open", path) }
        defer { close(fd) }
        guard ftruncate(fd, off_t(size)) == 0, fsync(fd) == 0 else { throw Self.failure("cannot truncate", path) }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw failure("cannot write", path) }
            offset += written
        }
    }

    static func failure(_ action: String, _ path: String) -> BridgeError {
        BridgeError(.fileSystem, "\(action) \(path): \(String(cString: strerror(errno)))")
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }

    /// A file open for writing.
    private final class Writer: WritableFile, @unchecked Sendable {
        private var fd: Int32
        private let path: String

        init(fd: Int32, path: String) {
            self.fd = fd
            self.path = path
        }

        deinit { if fd >= 0 { Glibc.close(fd) } }

        func write(_ bytes: [UInt8]) throws { try LocalFileSystem.writeAll(fd, bytes, path) }

        func sync() throws {
            guard fsync(fd) == 0 else { throw LocalFileSystem.failure("cannot flush", path) }
        }

        func close() throws {
            guard fd >= 0 else { return }
            let result = Glibc.close(fd)
            fd = -1
            guard result == 0 else { throw LocalFileSystem.failure("cannot close", path) }
        }
    }

    /// A file open for reading.
    private final class Reader: ReadableFile, @unchecked Sendable {
        private var fd: Int32
        private let path: String

        init(fd: Int32, path: String) {
            self.fd = fd
            self.path = path
        }

        deinit { if fd >= 0 { Glibc.close(fd) } }

        func read(upTo count: Int) throws -> [UInt8] {
            var buffer = [UInt8](repeating: 0, count: count)
            while true {
                let got = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, count) }
                if got < 0 && errno == EINTR { continue }
                guard got >= 0 else { throw LocalFileSystem.failure("cannot read", path) }
                buffer.removeLast(count - got)
                return buffer
            }
        }

        func close() {
            guard fd >= 0 else { return }
            Glibc.close(fd)
            fd = -1
        }
    }
}
