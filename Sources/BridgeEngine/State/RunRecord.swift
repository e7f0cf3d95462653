public import Foundation

/// One finished run of a process.
public struct RunRecord: Sendable, Equatable {
    /// `articles`, `orders` or `suppliers`.
    public var process: String
    /// When it started.
    public var startedAt: Date
    /// When it finished.
    public var finishedAt: Date
    /// `ok`, `dry-run` or `failed`.
    public var result: String
    /// Objects written.
    public var written: Int
    /// Objects seen whose content had not changed.
    public var unchanged: Int
    /// Problems reported (not fatal).
    public var notices: Int
    /// The error that stopped the run, if any.
    public var error: String?

    /// Creates a record.
    public init(
        process: String, startedAt: Date, finishedAt: Date, result: String, written: Int, unchanged: Int, notices: Int,
        error: String?
    ) {
        self.process = process
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.result = result
        self.written = written
        self.unchanged = unchanged
        self.notices = notices
        self.error = error
    }
}
