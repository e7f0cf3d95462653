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
    /// Problems reported, not fatal (unknown countries, rows that are not order lines, ...).
    public var notices: [String]
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
        self.csvFile = csvFile
        self.recovered = recovered
    }
}
