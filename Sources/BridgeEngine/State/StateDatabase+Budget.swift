import Foundation
import GRDB
public import TwentyFourSeven

extension StateDatabase {
    /// The persisted request window of a 24SevenOffice account, if any.
    public func requestWindow(account: String) throws -> RequestWindow? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM erpBudget WHERE account = ?", arguments: [account]).map {
                RequestWindow(windowStart: $0["windowStart"], used: $0["used"], blockedUntil: $0["blockedUntil"])
            }
        }
    }

    /// Persists the request window of an account, so a restart continues its hourly count.
    public func saveRequestWindow(_ window: RequestWindow, account: String) async throws {
        guard path != nil else { return }
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO erpBudget (account, windowStart, used, blockedUntil) VALUES (?, ?, ?, ?)
                    ON CONFLICT (account) DO UPDATE SET windowStart = excluded.windowStart, used = excluded.used,
                        blockedUntil = excluded.blockedUntil
                    """, arguments: [account, window.windowStart, window.used, window.blockedUntil])
        }
    }

    /// A budget for an account that continues from its persisted window and persists every change here.
    public func requestBudget(account: String, limit: Int) throws -> RequestBudget {
        let restored = try requestWindow(account: account)
        return RequestBudget(account: account, limit: limit, restoring: restored) { [self] window in
            try? await self.saveRequestWindow(window, account: account)
        }
    }
}
