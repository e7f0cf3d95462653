public import Foundation

/// How one account's hourly request budget is divided among the goods owners that log in with it: the fair-share
/// rule as a value, pure (no clock, no I/O) like ``RequestWindow``, so tests can drive it by hand.
///
/// A claimant (a goods owner) has work waiting while it asked for a request within the last ``idleAfter`` seconds,
/// or while it waits for the budget. Each claimant with work waiting is entitled to an equal share of the window,
/// `limit / claimants with work waiting`. A claimant below its share always gets a request (while any are left); one
/// at or above its share gets one only while more requests are left than the other waiting claimants are still
/// entitled to. So an owner alone uses the whole budget, and a heavy owner never takes what a light one still needs:
/// when the budget is scarce, each owner with work keeps its share of the hour.
///
/// ```swift
/// var shares = BudgetShares()
/// let wait = shares.wait(for: "ACME", remaining: 40, limit: 100, window: start, now: now)
/// if wait == 0 { shares.taken("ACME", window: start) }
/// ```
public struct BudgetShares: Sendable, Equatable {
    /// What is known of one claimant in the current window.
    struct Claimant: Sendable, Equatable {
        /// Requests it took in the current window.
        var used = 0
        /// When it last asked for a request.
        var lastAsked: Date
        /// Until when it waits for the budget, if it does.
        var waitingUntil: Date?

        /// When it stops counting as having work waiting, unless it asks again.
        func lapses(after idle: TimeInterval) -> Date {
            max(lastAsked, waitingUntil ?? lastAsked).addingTimeInterval(idle)
        }
    }

    /// How long a claimant that has not asked for a request still counts as having work waiting, in seconds.
    public let idleAfter: TimeInterval
    private var window: Date?
    private var claimants: [String: Claimant] = [:]

    /// Creates the shares of an account.
    /// - Parameter idleAfter: how long a claimant that stopped asking still has its share kept for it.
    public init(idleAfter: TimeInterval = 60) {
        self.idleAfter = max(1, idleAfter)
    }

    /// How long `name` should wait before it takes one of the `remaining` requests; zero when it may take one now.
    ///
    /// `window` is when the window in force began (`nil` when none is open). The question counts as work waiting.
    public mutating func wait(
        for name: String, remaining: Int, limit: Int, window: Date?, now: Date
    ) -> TimeInterval {
        sync(window)
        var me = claimants[name] ?? Claimant(lastAsked: now)
        me.lastAsked = now
        me.waitingUntil = nil
        claimants[name] = me
        let others = claimants.filter { $0.key != name && $0.value.lapses(after: idleAfter) > now }
        guard !others.isEmpty else { return 0 }
        let share = max(1, limit / (others.count + 1))
        let entitled = others.values.filter { $0.used < share }
        let reserved = entitled.reduce(0) { $0 + share - $1.used }
        if me.used < share || remaining > reserved { return 0 }
        // Nothing changes for this claimant until another one's entitlement lapses or the window ends.
        var until = entitled.map { $0.lapses(after: idleAfter) }.min() ?? now
        if let window { until = min(until, window.addingTimeInterval(3600)) }
        let wait = max(0.1, until.timeIntervalSince(now))
        claimants[name]?.waitingUntil = now.addingTimeInterval(wait)
        return wait
    }

    /// Records that `name` waits for the budget itself (used up, or the account quarantined) until `until`: it keeps
    /// its claim to a share of the next window.
    public mutating func waiting(_ name: String, until: Date, now: Date) {
        var me = claimants[name] ?? Claimant(lastAsked: now)
        me.lastAsked = now
        me.waitingUntil = until
        claimants[name] = me
    }

    /// Records that `name` took a request in the window that began at `window`.
    public mutating func taken(_ name: String, window: Date?) {
        sync(window)
        claimants[name, default: Claimant(lastAsked: Date.distantPast)].used += 1
    }

    /// Requests `name` took in the current window.
    public func used(by name: String) -> Int {
        claimants[name]?.used ?? 0
    }

    /// Starts counting afresh when the window is not the one counted so far.
    private mutating func sync(_ window: Date?) {
        guard window != self.window else { return }
        self.window = window
        for name in claimants.keys { claimants[name]?.used = 0 }
    }
}
