public import BridgeModel

/// Writes records as the outbox CSV: `;` separated, RFC 4180 quoting, UTF-8 without BOM, CRLF, a header of
/// dotted paths; orders get one row per order line with the order's fields repeated.
public struct OngoingCSVWriter: Sendable {
    /// The columns, in order.
    public let columns: [String]
    private let lineColumns: [String]
    private let kind: ObjectKind

    /// Creates a writer whose columns are the table's Ongoing paths for `kind` (and its order lines).
    public init(kind: ObjectKind, table: MappingTable) {
        self.kind = kind
        var seen: Set<String> = []
        self.columns = table.rows(for: kind).map(\.ongoing).filter { seen.insert($0).inserted }
        self.lineColumns =
            kind == .order ? table.rows(for: .orderLine).map(\.ongoing).filter { seen.insert($0).inserted } : []
    }

    /// The header row.
    public func header() -> String {
        (columns + lineColumns).map(Self.field).joined(separator: ";") + "\r\n"
    }

    /// The rows of one record: one, or one per order line.
    public func rows(for record: OngoingRecord) -> String {
        let head = columns.map { Self.field(record.values[$0] ?? "") }
        guard kind == .order else { return head.joined(separator: ";") + "\r\n" }
        var text = ""
        for line in record.lists["CustomerOrderLines"] ?? [] {
            let tail = lineColumns.map { Self.field(line.values[$0] ?? "") }
            text += (head + tail).joined(separator: ";") + "\r\n"
        }
        return text
    }

    /// A field, quoted when it holds the separator, a quote or a line break.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// The string with every occurrence of `target` replaced.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
