import Testing

@testable import BridgeEngine

#if canImport(Glibc)
    import Glibc
#endif

/// The two pools of ``BlockingWork``: chunks of CPU work come back in order, on threads of lower priority than the
/// blocking work of a commit.
@Suite struct BlockingWorkTests {
    /// The calling thread's nice value.
    static func niceValue() -> Int32 {
        #if os(Linux)
            return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #else
            return 0
        #endif
    }

    @Test func chunksKeepTheOrderOfTheItems() async throws {
        let items = Array(0..<1000)
        let doubled = try await BlockingWork.shared.chunks(items) { slice in slice.map { $0 * 2 } }
        #expect(doubled == items.map { $0 * 2 })
        let parts = try await BlockingWork.shared.eachChunk(items) { slice in slice.count }
        #expect(
            parts.count == min(BlockingWork.chunksPerCore * BlockingWork.shared.cores, 1000 / 32)
                && parts.reduce(0, +) == 1000)
    }

    #if os(Linux)
        @Test func cpuWorkRunsAtALowerPriorityThanBlockingWork() async throws {
            // The process's own nice value, which the test runner may have raised.
            let base = Self.niceValue()
            let chunks = try await BlockingWork.shared.eachChunk(Array(0..<256)) { _ in Self.niceValue() }
            #expect(chunks.allSatisfy { $0 == max(base, 10) }, "\(chunks) from \(base)")
            for _ in 0..<8 {
                #expect(try await BlockingWork.shared.run { Self.niceValue() } == base)
            }
        }
    #endif
}
