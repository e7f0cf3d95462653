public import NIOPosix

/// Where blocking work runs: file writes and flushes, gzip, hashing, and parsing large files, off Swift
/// concurrency's cooperative threads, on a NIO thread pool (as Hummingbird's file I/O does).
///
/// ```swift
/// let digest = try await blocking.run { try hash(path) }
/// ```
public struct BlockingWork: Sendable {
    private let pool: NIOThreadPool

    /// Work on the given pool.
    public init(pool: NIOThreadPool) {
        self.pool = pool
    }

    /// Work on NIO's process-wide thread pool.
    public static let shared = BlockingWork(pool: .singleton)

    /// Runs `body` on the pool and returns its result.
    /// - Throws: what `body` throws, or when the pool is shut down.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }
}
