public import Foundation

/// The file operations the engine uses, so that its crash windows can be tested by a file system that fails at a
/// chosen step, without killing a process.
///
/// Every call blocks; the engine makes them on its thread pool (``BlockingWork``), never on Swift concurrency's
/// cooperative threads. Writes are durable when they return: ``write(_:to:)`` and ``append(_:to:)`` flush the file,
/// ``syncFolder(_:)`` flushes a folder's entries (renames, creations) so they survive a crash.
public protocol FileSystem: Sendable {
    /// Creates or truncates a file and writes `bytes`; flushes it to disk when `durable` (else a later
    /// ``syncFileSystem(containing:)`` makes it durable, together with others).
    func write(_ bytes: [UInt8], to path: String, durable: Bool) throws
    /// Flushes everything written to the file system that holds `path` (Linux `syncfs`): what grouped durability uses
    /// to make a batch of files durable with one call instead of one flush per file.
    func syncFileSystem(containing path: String) throws
    /// Appends `bytes` to a file (creating it) in one write, and flushes it when `durable`.
    func append(_ bytes: [UInt8], to path: String, durable: Bool) throws
    /// Opens a file for streaming writes (created or truncated).
    func create(_ path: String) throws -> any WritableFile
    /// Renames a file, replacing a file of the target name; not durable until the folder is synced.
    func rename(_ source: String, to target: String) throws
    /// Flushes a folder's entries to disk.
    func syncFolder(_ folder: String) throws
    /// Removes a file or an empty folder.
    func remove(_ path: String) throws
    /// Whether something exists at `path`.
    func exists(_ path: String) -> Bool
    /// What is at `path`, if anything.
    func attributes(_ path: String) -> FileAttributes?
    /// The names in a folder (empty when it does not exist).
    func contents(ofFolder folder: String) -> [String]
    /// Creates a folder and its parents.
    func createFolder(_ path: String) throws
    /// The whole content of a file.
    func read(_ path: String) throws -> [UInt8]
    /// Up to `count` bytes of a file from `offset`.
    func read(_ path: String, from offset: UInt64, count: Int) throws -> [UInt8]
    /// Opens a file for streaming reads.
    func open(_ path: String) throws -> any ReadableFile
    /// Cuts a file to `size` bytes and flushes it.
    func truncate(_ path: String, to size: UInt64) throws
}

/// What is at a path.
public struct FileAttributes: Sendable, Equatable {
    /// Size in bytes.
    public var size: UInt64
    /// Last modification.
    public var modified: Date
    /// Whether it is a regular file.
    public var isFile: Bool
    /// Whether it is a folder.
    public var isFolder: Bool
    /// The file system it is on, where known.
    public var device: UInt64?

    /// Creates attributes.
    public init(size: UInt64, modified: Date, isFile: Bool, isFolder: Bool, device: UInt64? = nil) {
        self.size = size
        self.modified = modified
        self.isFile = isFile
        self.isFolder = isFolder
        self.device = device
    }
}

/// A file open for streaming writes.
public protocol WritableFile: AnyObject, Sendable {
    /// Writes bytes at the end.
    func write(_ bytes: [UInt8]) throws
    /// Flushes what was written to disk.
    func sync() throws
    /// Closes the file.
    func close() throws
}

/// A file open for streaming reads.
public protocol ReadableFile: AnyObject, Sendable {
    /// Reads up to `count` bytes; an empty answer means the end.
    func read(upTo count: Int) throws -> [UInt8]
    /// Closes the file.
    func close()
}

/// Path rules every writer shares.
public enum FileSystemPaths {
    /// The hidden temporary name every write uses beside its final name: `.<name>.tmp` in the same folder.
    public static func temporary(besides path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." + path + ".tmp" }
        return String(path[...slash]) + "." + path[path.index(after: slash)...] + ".tmp"
    }

    /// The folder part of a path.
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last part of a path.
    public static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

extension FileSystem {
    /// Creates or truncates a file, writes `bytes` and flushes it to disk.
    public func write(_ bytes: [UInt8], to path: String) throws {
        try write(bytes, to: path, durable: true)
    }

    /// Appends `bytes` to a file (creating it) and flushes it.
    public func append(_ bytes: [UInt8], to path: String) throws {
        try append(bytes, to: path, durable: true)
    }

    /// Writes a file so that it is either absent or complete under its name: a flushed temporary file beside it,
    /// renamed into place, the folder flushed.
    public func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temporary = FileSystemPaths.temporary(besides: path)
        try write(bytes, to: temporary)
        try commit(temporary, to: path)
    }

    /// Renames a flushed file into place and flushes the folder, so the rename survives a crash.
    public func commit(_ temporary: String, to path: String) throws {
        try rename(temporary, to: path)
        try syncFolder(FileSystemPaths.folder(of: path))
    }
}
