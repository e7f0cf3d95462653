import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// File events of one folder from Linux inotify, as wake-ups.
///
/// something was created, written, closed or moved in. Where inotify is not available (other systems, some
/// network shares) it reports nothing and the watcher's timer rescan does the work.
final class DirectoryEvents: Sendable {
    private let descriptor: Int32

    /// Starts watching `path`; `nil` when inotify cannot watch it.
    init?(path: String) {
        #if canImport(Glibc)
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard fd >= 0 else { return nil }
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ATTRIB | IN_MODIFY)
            guard inotify_add_watch(fd, path, mask) >= 0 else {
                close(fd)
                return nil
            }
            descriptor = fd
        #else
            return nil
        #endif
    }

    deinit { close(descriptor) }

    /// Whether events arrived since the last call (without waiting); drains them.
    func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var any = false
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 { any = true }
        return any
    }
}
