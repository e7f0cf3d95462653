import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One bridge process per state folder.
///
/// An exclusive `flock` on `<state>/sevenbridge.lock`, held for the life of the process (the kernel releases it when
/// the process ends, even on a crash). The file records the holder's process id so a second instance can say who
/// holds it. Commands that change state while a daemon may run take it too, or hand their work to the daemon.
public final class StateLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Takes the lock.
    /// - Throws: `BridgeError` naming the process that holds it, or why the lock file cannot be opened.
    public convenience init(folder: String) throws {
        guard let descriptor = try Self.lock(folder: folder) else {
            throw BridgeError(
                .configuration,
                "another sevenbridge (process \(Self.holder(folder: folder) ?? "?")) is using the state folder \(folder); "
                    + "stop it first, or give this one its own folders.state")
        }
        self.init(descriptor: descriptor)
    }

    /// Takes the lock if no other process holds it.
    /// - Returns: the lock, or `nil` when another process holds it.
    /// - Throws: `BridgeError` when the lock file cannot be opened.
    public static func attempt(folder: String) throws -> StateLock? {
        try lock(folder: folder).map(StateLock.init(descriptor:))
    }

    /// Locks the lock file; the descriptor, or `nil` when another process holds the lock.
    private static func lock(folder: String) throws -> Int32? {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/sevenbridge.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw BridgeError(.fileSystem, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return fd
    }

    /// The process id of the bridge that holds the lock now, or `nil` when none does.
    ///
    /// It only asks: a shared lock is tried and let go at once, so it never takes the folder from a bridge.
    public static func runningHolder(folder: String) -> String? {
        let fd = open(folder + "/sevenbridge.lock", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard flock(fd, LOCK_SH | LOCK_NB) != 0 else {
            flock(fd, LOCK_UN)
            return nil
        }
        return holder(folder: folder) ?? "?"
    }

    /// The process id recorded by the holder of the lock, if the file names one.
    public static func holder(folder: String) -> String? {
        guard let text = try? String(contentsOfFile: folder + "/sevenbridge.lock", encoding: .utf8) else { return nil }
        let pid = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return pid.isEmpty ? nil : pid
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
