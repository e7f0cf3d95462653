/// What one exporter run did, for the log, the run summary and `status`.
public struct ExportSummary: Sendable, Equatable {
    /// `articles`, `orders` or `suppliers`.
    public var process: String
    /// The XML files written (in a dry run: that would be written): every name in a dry run, the first thousand
    /// otherwise, so a sync of any size keeps its summary in bounded memory.
    public var written: [String]
    /// How many XML files were written (or would be).
    public var writtenCount: Int
    /// Objects seen whose mapped content had not changed since they were last written.
    public var unchanged: Int
    /// Problems reported, not fatal (unknown countries, rows that are not order lines, ...): the first
    /// ``listedNotices``, so that a sync of any size keeps its summary in bounded memory; every one is logged.
    public var notices: [String]
    /// How many problems were reported.
    public var noticeCount: Int
    /// The run's CSV file, if one was written.
    public var csvFile: String?
    /// Interrupted writes of an earlier run that this run completed.
    public var recovered: Int

    /// Creates a summary.
    public init(
        process: String, written: [String] = [], unchanged: Int = 0, notices: [String] = [], csvFile: String? = nil,
        recovered: Int = 0
    ) {
        self.process = process
        self.written = written
        self.writtenCount = written.count
        self.unchanged = unchanged
        self.notices = notices
        self.noticeCount = notices.count
        self.csvFile = csvFile
        self.recovered = recovered
    }

    /// The most notices a summary lists.
    public static let listedNotices = 1000

    /// Counts reported problems, listing them while fewer than ``listedNotices`` are listed.
    public mutating func report(_ more: [String]) {
        noticeCount += more.count
        notices += more.prefix(max(Self.listedNotices - notices.count, 0))
    }
}
