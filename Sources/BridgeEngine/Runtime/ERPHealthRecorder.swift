import Foundation
public import TwentyFourSeven

/// Keeps how 24SevenOffice answers in the state store, for `status` and the readiness check: every failure, and an
/// answer when it follows a failure or at most once a minute, so the state is not written for every request.
public actor ERPHealthRecorder {
    private let database: StateDatabase
    private let account: String
    private var lastAnswered: Bool?
    private var lastWrite: Date = .distantPast

    /// A recorder for an account.
    public init(database: StateDatabase, account: String) {
        self.database = database
        self.account = account
    }

    /// Records how a request ended.
    public func record(_ event: ERPCallEvent) async {
        // A fault is an answer: the service is reachable even when it refuses a request.
        let answered = event.outcome == .ok || event.outcome == .fault
        guard !answered || lastAnswered != true || event.endedAt.timeIntervalSince(lastWrite) >= 60 else { return }
        lastAnswered = answered
        lastWrite = event.endedAt
        try? await database.recordERP(
            account: account, answered: answered, at: event.endedAt, error: answered ? nil : event.error)
    }
}
