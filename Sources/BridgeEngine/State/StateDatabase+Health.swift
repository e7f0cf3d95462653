public import Foundation
import GRDB

extension StateDatabase {
    /// How 24SevenOffice last answered an account, as the state remembers it.
    public struct ERPHealth: Sendable, Equatable {
        /// When a request last got an answer.
        public var lastAnswerAt: Date?
        /// When a request last failed.
        public var lastFailureAt: Date?
        /// The last failure.
        public var lastError: String?
        /// Whether the last request got an answer.
        public var isReachable: Bool {
            guard let failure = lastFailureAt else { return lastAnswerAt != nil }
            return (lastAnswerAt ?? .distantPast) > failure
        }

        /// Creates a record.
        public init(lastAnswerAt: Date?, lastFailureAt: Date?, lastError: String?) {
            self.lastAnswerAt = lastAnswerAt
            self.lastFailureAt = lastFailureAt
            self.lastError = lastError
        }
    }

    /// How 24SevenOffice last answered an account, if it was ever asked.
    public func erpHealth(account: String) async throws -> ERPHealth? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM erpHealth WHERE account = ?", arguments: [account]).map {
                ERPHealth(
                    lastAnswerAt: $0["lastAnswerAt"], lastFailureAt: $0["lastFailureAt"], lastError: $0["lastError"])
            }
        }
    }

    /// Records how a request to an account ended.
    public func recordERP(account: String, answered: Bool, at time: Date, error: String?) async throws {
        try await writer.write { db in
            if answered {
                try db.execute(
                    sql: """
                        INSERT INTO erpHealth (account, lastAnswerAt) VALUES (?, ?)
                        ON CONFLICT (account) DO UPDATE SET lastAnswerAt = excluded.lastAnswerAt
                        """, arguments: [account, time])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO erpHealth (account, lastFailureAt, lastError) VALUES (?, ?, ?)
                        ON CONFLICT (account) DO UPDATE SET lastFailureAt = excluded.lastFailureAt,
                            lastError = excluded.lastError
                        """, arguments: [account, time, error])
            }
        }
    }
}
