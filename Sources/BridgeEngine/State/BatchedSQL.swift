import GRDB

/// Statements over many keys at once: one statement per chunk of keys, with the keys in an `IN` list or the rows in
/// one `VALUES` list, instead of one statement per key.
///
/// An execution costs GRDB and SQLite more than the row it finds or writes: on 100,000 orders the per-key statements
/// of an export (its lookup, its pending record, its completion) were 6 % of the process's CPU time.
enum BatchedSQL {
    /// The most keys (or rows) one statement holds: its variables stay far below SQLite's limit of 32,766.
    static let chunkSize = 250

    /// Calls `body` with each chunk of at most `size` values and the statement to use for it.
    ///
    /// A full chunk's statement is cached by its SQL (the same text every time); a shorter last chunk's is made for
    /// it alone, so that a long-running process does not cache a statement for every chunk length it ever met.
    /// - Parameters:
    ///   - sql: the statement's SQL for a chunk of a given length.
    static func eachChunk<Value>(
        _ values: [Value], size: Int = chunkSize, in db: Database, sql: (Int) -> String,
        _ body: (ArraySlice<Value>, Statement) throws -> Void
    ) throws {
        var start = values.startIndex
        while start < values.endIndex {
            let end = min(start + size, values.endIndex)
            let chunk = values[start..<end]
            let text = sql(chunk.count)
            let statement = chunk.count == size ? try db.cachedStatement(sql: text) : try db.makeStatement(sql: text)
            try body(chunk, statement)
            start = end
        }
    }

    /// Calls `body` with each row a query over chunks of `values` finds.
    /// - Parameters:
    ///   - arguments: the values of the placeholders before the chunk's.
    ///   - sql: the query for a chunk of a given length; its last placeholders take the chunk's values.
    static func eachRow<Value: DatabaseValueConvertible>(
        _ values: [Value], in db: Database, arguments: StatementArguments, sql: (Int) -> String,
        _ body: (Row) throws -> Void
    ) throws {
        try eachChunk(values, in: db, sql: sql) { chunk, statement in
            let rows = try Row.fetchCursor(statement, arguments: arguments + StatementArguments(chunk))
            while let row = try rows.next() { try body(row) }
        }
    }

    /// Runs a statement over chunks of `values`.
    /// - Parameters:
    ///   - arguments: the values of the placeholders before the chunk's.
    ///   - sql: the statement for a chunk of a given length; its last placeholders take the chunk's values.
    static func execute<Value: DatabaseValueConvertible>(
        _ values: [Value], in db: Database, arguments: StatementArguments, sql: (Int) -> String
    ) throws {
        try eachChunk(values, in: db, sql: sql) { chunk, statement in
            try statement.execute(arguments: arguments + StatementArguments(chunk))
        }
    }

    /// `?, ?, ?`: the placeholders of an `IN` list of `count` values.
    static func placeholders(_ count: Int) -> String {
        repeated("?", count)
    }

    /// `count` copies of `row` separated by commas: the rows of a `VALUES` list.
    static func repeated(_ row: String, _ count: Int) -> String {
        Array(repeating: row, count: count).joined(separator: ", ")
    }
}
