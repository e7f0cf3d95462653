public import Foundation

/// The hourly request budget of one 24SevenOffice account, shared by every client that logs in with that user.
///
/// It counts requests in fixed one-hour windows (24SevenOffice allows 7200 an hour per account) and remembers an
/// announced quarantine. Every change is handed to `persist`, so the count survives a restart; the bridge keeps it
/// in its state store. When several goods owners log in with the account, each client takes in its owner's name, and
/// ``BudgetShares`` divides the hour fairly among the owners with work waiting. The owners' own counts are kept in
/// memory only: after a restart the account's count continues and the owners' shares start afresh.
public actor RequestBudget {
    /// The account this budget belongs to: the endpoint and user name, lower-cased.
    public nonisolated let account: String
    /// Requests allowed per hour.
    public nonisolated let limit: Int
    private var window: RequestWindow
    private var shares: BudgetShares
    private let persist: (@Sendable (RequestWindow) async -> Void)?

    /// Creates a budget.
    /// - Parameters:
    ///   - account: the account's key, such as ``account(endpoint:username:)``.
    ///   - limit: requests allowed per hour.
    ///   - restoring: the window as it was persisted, if any.
    ///   - idleAfter: how long an owner that stopped asking keeps its share (``BudgetShares/idleAfter``).
    ///   - persist: called with the window after every change.
    public init(
        account: String, limit: Int, restoring: RequestWindow? = nil, idleAfter: TimeInterval = 60,
        persist: (@Sendable (RequestWindow) async -> Void)? = nil
    ) {
        self.account = account
        self.limit = max(1, limit)
        self.window = restoring ?? RequestWindow()
        self.shares = BudgetShares(idleAfter: idleAfter)
        self.persist = persist
    }

    /// The key of an account: the endpoint and the user name, lower-cased.
    public static func account(endpoint: String, username: String) -> String {
        "\(endpoint.lowercased())|\(username.lowercased())"
    }

    /// Takes one request in the name of `claimant` (a goods owner); returns how long to wait before it may be sent
    /// (zero when it was taken).
    public func take(now: Date, claimant: String = "") async -> TimeInterval {
        let remaining = window.remaining(now: now, limit: limit)
        guard remaining > 0 else {
            let wait = window.take(now: now, limit: limit)
            shares.waiting(claimant, until: now.addingTimeInterval(wait), now: now)
            return wait
        }
        let fair = shares.wait(
            for: claimant, remaining: remaining, limit: limit, window: window.activeStart(now: now), now: now)
        guard fair == 0 else { return fair }
        let wait = window.take(now: now, limit: limit)
        guard wait == 0 else { return wait }
        shares.taken(claimant, window: window.windowStart)
        await persist?(window)
        return 0
    }

    /// Requests `claimant` took in the current window, as far as this process knows.
    public func used(by claimant: String, now: Date) -> Int {
        window.activeStart(now: now) == nil ? 0 : shares.used(by: claimant)
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
