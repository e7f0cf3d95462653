import NIOCore
public import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// Where blocking work runs: file writes and flushes, gzip, hashing, and parsing large files, off Swift
/// concurrency's cooperative threads, on NIO thread pools (as Hummingbird's file I/O does).
///
/// Two pools: one for work that waits for the disk or is on a serial path (``run(_:)``: writing a batch's files, its
/// syncfs, its renames), and one with a thread per core for CPU work over a batch (``chunks(_:minimumChunk:_:)``:
/// mapping, hashing, rendering, compressing), whose threads run at a lower priority (nice 10 on Linux). A batch's
/// commit is one file at a time on one thread, and the next batches' CPU work fills the cores around it: at equal
/// priority the commit thread waited for a core behind the chunks (100 µs of wall time per file written, against
/// 30 µs of CPU), and with it every later batch.
///
/// ```swift
/// let digest = try await blocking.run { try hash(path) }
/// ```
public struct BlockingWork: Sendable {
    private let pool: NIOThreadPool
    private let computePool: NIOThreadPool
    /// How many chunks ``chunks(_:minimumChunk:_:)`` runs at once: the machine's cores.
    let cores: Int

    /// Work on the given pools.
    /// - Parameters:
    ///   - pool: the thread pool for blocking work.
    ///   - computePool: the thread pool for chunks of CPU work (`pool` when `nil`).
    ///   - cores: how many chunks of CPU work to run at once.
    public init(pool: NIOThreadPool, computePool: NIOThreadPool? = nil, cores: Int) {
        self.pool = pool
        self.computePool = computePool ?? pool
        self.cores = max(1, cores)
    }

    /// Work on the process's own pools: two threads per core (at least four) for blocking work, so that a thread
    /// is free while others wait for a flush or a file system's sync, and one per core for CPU work.
    public static let shared: BlockingWork = {
        let pool = NIOThreadPool(numberOfThreads: max(4, 2 * System.coreCount))
        pool.start()
        let computePool = NIOThreadPool(numberOfThreads: System.coreCount)
        computePool.start()
        return BlockingWork(pool: pool, computePool: computePool, cores: System.coreCount)
    }()

    /// Runs `body` on the pool for blocking work and returns its result.
    /// - Throws: what `body` throws, or when the pool is shut down.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }

    /// Runs `body` on the pool for CPU work, at its lower priority, and returns its result.
    /// - Throws: what `body` throws, or when the pool is shut down.
    func compute<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await computePool.runIfActive {
            Self.lowerThreadPriority()
            return try body()
        }
    }

    /// Lowers the calling thread's priority to nice 10, unless it is that low already (a bridge started with `nice`).
    ///
    /// Linux keeps a nice value per thread; elsewhere the nice value is the whole process's, so it is left alone.
    private static func lowerThreadPriority() {
        #if os(Linux)
            let which = __priority_which_t(PRIO_PROCESS.rawValue)
            if getpriority(which, 0) < 10 { _ = setpriority(which, 0, 10) }
        #endif
    }
}
