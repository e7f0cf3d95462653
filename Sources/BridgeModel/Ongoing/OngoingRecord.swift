/// A business object for the WMS, as values at dotted Ongoing paths, ready to be written as XML or CSV.
///
/// Paths are relative to the object (`OrderInfo.GoodsOwnerOrderNumber`, `Customer.InvoiceAddress.PostCode`,
/// `ArticleNumber`); repeated children (order lines) are records of their own under a list name
/// (`CustomerOrderLines`). Values are already in XML Schema lexical form. The writers put them in schema
/// order, so a record says only *what* goes where.
public struct OngoingRecord: Sendable, Hashable, Codable {
    /// Which kind of object this is.
    public var kind: ObjectKind
    /// The object's business key (article number, order number, supplier number).
    public var key: String
    /// Values by dotted path.
    public var values: RecordValues
    /// Repeated children by list name, such as `CustomerOrderLines`.
    public var lists: [String: [OngoingRecord]]

    /// Creates a record.
    public init(kind: ObjectKind, key: String, values: RecordValues = [:], lists: [String: [OngoingRecord]] = [:]) {
        self.kind = kind
        self.key = key
        self.values = values
        self.lists = lists
    }

    /// Creates a record without values whose values take the slots of `shape`.
    public init(kind: ObjectKind, key: String, shape: RecordShape) {
        self.init(kind: kind, key: key, values: RecordValues(shape: shape))
    }

    /// Reads or writes a value; setting `nil`, an empty string or only blanks removes it (empty fields are left out).
    public subscript(path: String) -> String? {
        get { values[path] }
        set { values[path] = newValue.flatMap { Self.isBlank($0) ? nil : $0 } }
    }

    /// Reads or writes the value in a slot of the values' shape, as ``subscript(_:)`` does by path.
    public subscript(slot slot: Int) -> String? {
        get { values[slot: slot] }
        set { values[slot: slot] = newValue.flatMap { Self.isBlank($0) ? nil : $0 } }
    }
}

extension OngoingRecord {
    /// Whether a value is empty or only whitespace (ASCII blanks checked byte by byte; any other character counts
    /// as content unless it is Unicode whitespace).
    static func isBlank(_ value: String) -> Bool {
        for byte in value.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            return byte < 0x80 ? false : !value.contains { !$0.isWhitespace }
        }
        return true
    }
}

/// The kinds of object the bridge exports.
public enum ObjectKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An article (ProcessArticle).
    case article
    /// A sales order (ProcessOrder).
    case order
    /// A supplier.
    case supplier
    /// An order line, inside an order.
    case orderLine

    /// The plural used in CSV file names and process names.
    public var plural: String {
        switch self {
        case .article: "articles"
        case .order: "orders"
        case .supplier: "suppliers"
        case .orderLine: "orderLines"
        }
    }
}
