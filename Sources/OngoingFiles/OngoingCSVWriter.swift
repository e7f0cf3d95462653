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
        var head = ""
        for (index, column) in columns.enumerated() {
            if index > 0 { head += ";" }
            Self.append(record.values[column], to: &head)
        }
        guard kind == .order else { return head + "\r\n" }
        let lines = record.lists["CustomerOrderLines"] ?? []
        var text = ""
        text.reserveCapacity((head.utf8.count + 64) * lines.count)
        for line in lines {
            text += head
            for column in lineColumns {
                text += ";"
                Self.append(line.values[column], to: &text)
            }
            text += "\r\n"
        }
        return text
    }

    /// A field, quoted when it holds the separator, a quote or a line break.
    static func field(_ value: String) -> String {
        var text = ""
        append(value, to: &text)
        return text
    }

    /// Appends a field (nothing for `nil`), quoted when it holds the separator, a quote or a line break.
    private static func append(_ value: String?, to text: inout String) {
        guard let value else { return }
        guard value.utf8.contains(where: { $0 == 0x3B || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            text += value
            return
        }
        text += "\"" + value.replacingAll("\"", with: "\"\"") + "\""
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
