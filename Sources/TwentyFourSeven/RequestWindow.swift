public import Foundation

/// The rule of 24SevenOffice's hourly request budget as a value: requests counted in fixed one-hour windows, and a
/// quarantine the service announced.
///
/// Pure (no clock, no I/O), so ``RequestBudget`` can persist it and tests can drive it by hand.
public struct RequestWindow: Sendable, Equatable, Codable {
    /// When the current one-hour window began; `nil` before the first request.
    public var windowStart: Date?
    /// Requests taken in the current window.
    public var used: Int
    /// The end of an announced quarantine, if one is in force.
    public var blockedUntil: Date?

    /// An unused budget.
    public init(windowStart: Date? = nil, used: Int = 0, blockedUntil: Date? = nil) {
        self.windowStart = windowStart
        self.used = used
        self.blockedUntil = blockedUntil
    }

    /// Takes one request within `limit` per hour; returns how long to wait first (zero when the request may go now,
    /// in which case it is counted).
    public mutating func take(now: Date, limit: Int) -> TimeInterval {
        if let blocked = blockedUntil {
            if blocked > now { return blocked.timeIntervalSince(now) }
            blockedUntil = nil
            windowStart = nil
        }
        if let start = windowStart, now.timeIntervalSince(start) >= 3600 || now < start { windowStart = nil }
        guard let start = windowStart else {
            windowStart = now
            used = 1
            return 0
        }
        if used >= max(1, limit) { return start.addingTimeInterval(3600).timeIntervalSince(now) }
        used += 1
        return 0
    }

    /// Requests still allowed in the current window at `now`.
    public func remaining(now: Date, limit: Int) -> Int {
        if let blocked = blockedUntil, blocked > now { return 0 }
        guard let start = windowStart, now.timeIntervalSince(start) < 3600, now >= start else { return limit }
        return max(0, limit - used)
    }

    /// When the window in force at `now` began; `nil` when none is (before the first request, or an hour after).
    public func activeStart(now: Date) -> Date? {
        guard let start = windowStart, now.timeIntervalSince(start) < 3600, now >= start else { return nil }
        return start
    }

    /// Records a quarantine announced by the service.
    public mutating func block(until date: Date) {
        blockedUntil = max(blockedUntil ?? date, date)
    }
}
