import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One bridge process per state folder.
///
/// an exclusive `flock` on `<state>/sevenbridge.lock`, held for the life of the process (the kernel releases
/// it when the process ends, even on a crash). The file records the holder's process id so a second instance
/// can say who holds it.
public final class StateLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock.
    /// - Throws: `BridgeError` naming the process that holds it, or why the lock file cannot be opened.
    public init(folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/sevenbridge.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw BridgeError(.fileSystem, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = read(fd, &buffer, buffer.count)
            close(fd)
            let holder =
                count > 0
                ? String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                : "?"
            throw BridgeError(
                .configuration,
                "another sevenbridge (process \(holder)) is using the state folder \(folder); stop it first, or give this one its own folders.state"
            )
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
