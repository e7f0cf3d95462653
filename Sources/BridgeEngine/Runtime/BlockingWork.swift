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
    /// How many chunks ``chunks(_:minimumChunk:_:)`` runs at once: the machine's cores.
    let cores: Int

    /// Work on the given pool.
    /// - Parameters:
    ///   - pool: the thread pool.
    ///   - cores: how many chunks of CPU work to run at once.
    public init(pool: NIOThreadPool, cores: Int) {
        self.pool = pool
        self.cores = max(1, cores)
    }

    /// Work on the process's own pool, with two threads per core (at least four): CPU work split into one chunk per
    /// core still finds threads free while other threads wait for a flush or a file system's sync.
    public static let shared: BlockingWork = {
        let pool = NIOThreadPool(numberOfThreads: max(4, 2 * System.coreCount))
        pool.start()
        return BlockingWork(pool: pool, cores: System.coreCount)
    }()

    /// Runs `body` on the pool and returns its result.
    /// - Throws: what `body` throws, or when the pool is shut down.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }
}
