import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// File events of folders from Linux inotify, as an async sequence of wake-ups: something was created, written,
/// closed or moved in (and, where asked for, removed or moved out).
///
/// The inotify descriptor is watched by a Dispatch read source (epoll underneath), so no thread waits on it. Where
/// inotify cannot watch the folder (other systems, some network shares) there is no sequence, and the services'
/// rescan tick does the work.
enum DirectoryEvents {
    /// The events of `path`, and the removals from `departures` (the outbox, whose files the importer takes), or
    /// `nil` when the folder cannot be watched.
    static func stream(path: String, departures: String? = nil) -> AsyncStream<Void>? {
        #if canImport(Glibc)
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard fd >= 0 else { return nil }
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ATTRIB | IN_MODIFY)
            guard inotify_add_watch(fd, path, mask) >= 0 else {
                close(fd)
                return nil
            }
            if let departures { _ = inotify_add_watch(fd, departures, UInt32(IN_DELETE | IN_MOVED_FROM)) }
            let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            let source = Source(DispatchSource.makeReadSource(fileDescriptor: fd, queue: .global()))
            source.value.setEventHandler {
                var buffer = [UInt8](repeating: 0, count: 16 * 1024)
                while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 {}
                continuation.yield(())
            }
            source.value.setCancelHandler { close(fd) }
            continuation.onTermination = { _ in source.value.cancel() }
            source.value.resume()
            return stream
        #else
            return nil
        #endif
    }

    /// A Dispatch source, which is safe to cancel from any thread.
    private final class Source: @unchecked Sendable {
        let value: any DispatchSourceRead
        init(_ value: any DispatchSourceRead) { self.value = value }
    }
}
