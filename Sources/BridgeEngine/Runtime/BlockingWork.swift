import NIOCore
public import NIOPosix

/// Where blocking work runs: file writes and flushes, gzip, hashing, and parsing large files, off Swift
/// concurrency's cooperative threads, on a NIO thread pool (as Hummingbird's file I/O does).
///
/// ```swift
/// let digest = try await blocking.run { try hash(path) }
/// ```
public struct BlockingWork: Sendable {
    private let pool: NIOThreadPool
    /// How many threads the pool runs: how many chunks ``chunks(_:minimumChunk:_:)`` runs at once.
    let threads: Int

    /// Work on the given pool.
    /// - Parameters:
    ///   - pool: the thread pool.
    ///   - threads: how many threads it runs.
    public init(pool: NIOThreadPool, threads: Int) {
        self.pool = pool
        self.threads = max(1, threads)
    }

    /// Work on NIO's process-wide thread pool.
    public static let shared = BlockingWork(
        pool: .singleton, threads: NIOSingletons.blockingPoolThreadCountSuggestion)

    /// Runs `body` on the pool and returns its result.
    /// - Throws: what `body` throws, or when the pool is shut down.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }
}
