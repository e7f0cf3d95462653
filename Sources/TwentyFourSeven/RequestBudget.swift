public import Foundation

/// The hourly request budget of one 24SevenOffice account, shared by every client that logs in with that user.
///
/// It counts requests in fixed one-hour windows (24SevenOffice allows 7200 an hour per account) and remembers an
/// announced quarantine. Every change is handed to `persist`, so the count survives a restart; the bridge keeps it
/// in its state store.
public actor RequestBudget {
    /// The account this budget belongs to: the endpoint and user name, lower-cased.
    public nonisolated let account: String
    /// Requests allowed per hour.
    public nonisolated let limit: Int
    private var window: RequestWindow
    private let persist: (@Sendable (RequestWindow) async -> Void)?

    /// Creates a budget.
    /// - Parameters:
    ///   - account: the account's key, such as ``account(endpoint:username:)``.
    ///   - limit: requests allowed per hour.
    ///   - restoring: the window as it was persisted, if any.
    ///   - persist: called with the window after every change.
    public init(
        account: String, limit: Int, restoring: RequestWindow? = nil,
        persist: (@Sendable (RequestWindow) async -> Void)? = nil
    ) {
        self.account = account
        self.limit = max(1, limit)
        self.window = restoring ?? RequestWindow()
        self.persist = persist
    }

    /// The key of an account: the endpoint and the user name, lower-cased.
    public static func account(endpoint: String, username: String) -> String {
        "\(endpoint.lowercased())|\(username.lowercased())"
    }

    /// Takes one request; returns how long to wait before it may be sent (zero when it was taken).
    func take(now: Date) async -> TimeInterval {
        let wait = window.take(now: now, limit: limit)
        if wait == 0 { await persist?(window) }
        return wait
    }

    /// Records a quarantine the service announced.
    func block(until date: Date) async {
        window.block(until: date)
        await persist?(window)
    }

    /// Requests still allowed in the current window.
    public func remaining(now: Date) -> Int {
        window.remaining(now: now, limit: limit)
    }

    /// The end of the quarantine in force at `now`, if any.
    public func quarantine(now: Date) -> Date? {
        window.blockedUntil.flatMap { $0 > now ? $0 : nil }
    }
}
