import Synchronization

/// Which company each session id belongs to, so that a simulator serving several companies answers every call from
/// the company its session logged in to.
final class SessionRoutes: Sendable {
    private let routes = Mutex<[String: Int]>([:])

    /// Records that `sessionId` was issued by the company at `index`.
    func record(_ sessionId: String, company index: Int) {
        routes.withLock { $0[sessionId] = index }
    }

    /// The company that issued `sessionId`, if any did.
    func company(of sessionId: String?) -> Int? {
        guard let sessionId else { return nil }
        return routes.withLock { $0[sessionId] }
    }
}
