/// One row of the field mapping: where a 24SevenOffice value goes in the Ongoing object.
public struct MappingRow: Sendable, Hashable, Codable {
    /// Which object the row belongs to.
    public var kind: ObjectKind
    /// The Ongoing field, as the seed writes it (`OrderInfo ⇒ GoodsOwnerOrderNumber`), as a dotted path relative to the object (`OrderInfo.GoodsOwnerOrderNumber`).
    ///
    /// Order-line paths start with `CustomerOrderLine.`.
    public var ongoing: String
    /// The 24SevenOffice source, as a dotted path (`InvoiceOrder.DeliveryMethod.Description`), or a constant
    /// written as `= value`.
    public var erp: String
    /// A note on the rule behind the row (fallbacks, normalisation), or empty.
    public var note: String
    /// Whether the row comes from the seed's table (as opposed to an interface rule or configuration).
    public var origin: Origin

    /// Where a row comes from.
    public enum Origin: String, Sendable, Hashable, Codable {
        /// The warehouse's field-mapping table.
        case seed
        /// A rule of the interface specification (identification enums, required elements).
        case rule
        /// A configured extra field.
        case configured
    }

    /// Creates a row.
    public init(_ kind: ObjectKind, _ ongoing: String, _ erp: String, note: String = "", origin: Origin = .seed) {
        self.kind = kind
        self.ongoing = ongoing
        self.erp = erp
        self.note = note
        self.origin = origin
    }

    /// Whether the source is a constant rather than a 24SevenOffice field.
    public var isConstant: Bool { erp.hasPrefix("= ") }

    /// The constant's value, for constant rows.
    public var constant: String? { isConstant ? String(erp.dropFirst(2)) : nil }
}
