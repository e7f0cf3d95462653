import Foundation

/// Counts requests in fixed one-hour windows so the client never exceeds 24SevenOffice's hourly budget,
/// and remembers a quarantine the service announced.
struct RequestBudget {
    private let limit: Int
    private var windowStart: Date?
    private var used = 0
    private var blockedUntil: Date?

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Takes one request from the budget; returns how long to wait first (zero when none).
    mutating func take(now: Date) -> TimeInterval {
        if let blocked = blockedUntil {
            if blocked > now { return blocked.timeIntervalSince(now) }
            blockedUntil = nil
            windowStart = nil
        }
        if let start = windowStart, now.timeIntervalSince(start) >= 3600 { windowStart = nil }
        if windowStart == nil {
            windowStart = now
            used = 0
        }
        guard let start = windowStart else { return 0 }
        if used >= limit { return start.addingTimeInterval(3600).timeIntervalSince(now) }
        used += 1
        return 0
    }

    /// Records a quarantine announced by the service.
    mutating func block(until date: Date) {
        blockedUntil = date
    }
}
