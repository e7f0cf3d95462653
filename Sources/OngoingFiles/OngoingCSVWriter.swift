public import BridgeModel

/// Writes records as the outbox CSV: `;` separated, RFC 4180 quoting, UTF-8 without BOM, CRLF, a header of
/// dotted paths; orders get one row per order line with the order's fields repeated.
public struct OngoingCSVWriter: Sendable {
    /// The columns, in order.
    public let columns: [String]
    private let lineColumns: [String]
    private let kind: ObjectKind
    /// The columns and the order lines' columns resolved to the slots of the table's shapes, which the writer keeps:
    /// records of those shapes are read by slot.
    private let columnKeys: [RecordShape.Key]
    private let lineKeys: [RecordShape.Key]
    private let shapes: [RecordShape]

    /// Creates a writer whose columns are the table's Ongoing paths for `kind` (and its order lines).
    public init(kind: ObjectKind, table: MappingTable) {
        self.kind = kind
        var seen: Set<String> = []
        self.columns = table.rows(for: kind).map(\.ongoing).filter { seen.insert($0).inserted }
        self.lineColumns =
            kind == .order ? table.rows(for: .orderLine).map(\.ongoing).filter { seen.insert($0).inserted } : []
        let (shape, lineShape) = (table.shape(for: kind), table.shape(for: .orderLine))
        self.columnKeys = columns.map(shape.key)
        self.lineKeys = lineColumns.map(lineShape.key)
        self.shapes = [shape, lineShape]
    }

    /// The header row.
    public func header() -> String {
        (columns + lineColumns).map(Self.field).joined(separator: ";") + "\r\n"
    }

    /// The rows of one record: one, or one per order line.
    public func rows(for record: OngoingRecord) -> String {
        var bytes: [UInt8] = []
        appendRows(for: record, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the rows of one record, as UTF-8, to a batch's bytes.
    public func appendRows(for record: OngoingRecord, to bytes: inout [UInt8]) {
        let headStart = bytes.count
        for (index, column) in columnKeys.enumerated() {
            if index > 0 { bytes.append(0x3B) }
            Self.append(record.values[column], to: &bytes)
        }
        guard kind == .order else {
            bytes += [0x0D, 0x0A]
            return
        }
        let lines = record.lists["CustomerOrderLines"] ?? []
        guard !lines.isEmpty else {
            bytes.removeSubrange(headStart...)
            return
        }
        // The order's fields, repeated at the start of each line's row (copied out first: appending a slice of the
        // array being appended to would copy the whole array each time).
        let head = Array(bytes[headStart...])
        for (position, line) in lines.enumerated() {
            if position > 0 { bytes += head }
            for column in lineKeys {
                bytes.append(0x3B)
                Self.append(line.values[column], to: &bytes)
            }
            bytes += [0x0D, 0x0A]
        }
    }

    /// A field, quoted when it holds the separator, a quote or a line break.
    static func field(_ value: String) -> String {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends a field (nothing for `nil`), quoted when it holds the separator, a quote or a line break.
    private static func append(_ value: String?, to bytes: inout [UInt8]) {
        // Scanned and copied as one buffer of UTF-8 (a native string's own storage, read in place), not byte by byte
        // through its view.
        value?.withUTF8Bytes { append(field: $0, to: &bytes) }
    }

    /// Appends a field's UTF-8, quoted when it holds the separator, a quote or a line break.
    private static func append(field utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        guard utf8.contains(where: { $0 == 0x3B || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(0x22)
        for byte in utf8 {
            if byte == 0x22 { bytes.append(0x22) }
            bytes.append(byte)
        }
        bytes.append(0x22)
    }
}
