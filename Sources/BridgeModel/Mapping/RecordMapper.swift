public import Foundation

/// Maps 24SevenOffice objects to Ongoing records by walking a ``MappingTable``, then applies the rules of
/// the interface specification that a table cannot express: phone, e-mail and delivery-date fallbacks,
/// country codes, which rows are order lines, suppliers by type, and variants.
///
/// Pure: no I/O, no clock (the export time is passed in), so every rule is testable on its own.
public struct RecordMapper: Sendable {
    /// The table the mapper walks.
    public let table: MappingTable
    /// The variant pattern on `Product.No` with named groups `base`, `color` and `size`, when variants are on.
    public let variantPattern: String?
    /// The table's rows of each kind with their sources resolved once, so mapping an object reads fields without
    /// matching paths.
    private let articleRows: [Compiled<Product>]
    private let orderRows: [Compiled<InvoiceOrder>]
    private let lineRows: [Compiled<InvoiceRow>]
    private let supplierRows: [Compiled<Company>]
    /// The table's shape of each kind's records, whose slots the rows fill.
    private let articleShape: RecordShape
    private let orderShape: RecordShape
    private let lineShape: RecordShape
    private let supplierShape: RecordShape

    /// A mapping row with its source resolved: a constant, or a reader of the 24SevenOffice field.
    private struct Compiled<Source>: Sendable {
        /// The row's slot in its kind's shape.
        let slot: Int
        let constant: String?
        let read: @Sendable (Source) -> String?
        let isCountry: Bool
        /// Order-line rows that read the order rather than the row.
        let readsOrder: (@Sendable (InvoiceOrder) -> String?)?
        /// The rule of the specification the row's Ongoing path takes part in, matched once here rather than for
        /// every object.
        let rule: Rule

        init(_ row: MappingRow, _ read: @escaping @Sendable (Source) -> String?, shape: RecordShape) {
            // The table makes each kind's shape of its rows' paths, so every row has a slot.
            guard let slot = shape.slot(row.ongoing) else {
                preconditionFailure("the shape of \(row.kind.rawValue) records has no slot for \(row.ongoing)")
            }
            self.slot = slot
            constant = row.constant
            self.read = read
            isCountry = row.ongoing.hasSuffix("CountryCode")
            readsOrder = row.erp.hasPrefix("InvoiceOrder.") ? ERPFieldReader.orderField(row.erp) : nil
            rule = Rule(path: row.ongoing)
        }
    }

    /// The Ongoing paths whose values follow a rule beyond the table's field.
    private enum Rule: Sendable {
        case mobilePhone, telePhone, email, deliveryDate, articleNumber, articleIdentification, supplierCity, none

        init(path: String) {
            self =
                switch path {
                case "Customer.MobilePhone": .mobilePhone
                case "Customer.TelePhone": .telePhone
                case "Customer.Email": .email
                case "OrderInfo.DeliveryDate": .deliveryDate
                case "CustomerOrderLine.ArticleNumber": .articleNumber
                case "CustomerOrderLine.ArticleIdentification": .articleIdentification
                case "Address.City": .supplierCity
                default: .none
                }
        }
    }

    /// Creates a mapper.
    /// - Throws: when `variantPattern` is not a valid regular expression.
    public init(table: MappingTable, variantPattern: String? = nil) throws {
        self.table = table
        self.variantPattern = variantPattern
        if let variantPattern { _ = try Regex(variantPattern) }
        (articleShape, orderShape) = (table.shape(for: .article), table.shape(for: .order))
        (lineShape, supplierShape) = (table.shape(for: .orderLine), table.shape(for: .supplier))
        articleRows = table.rows(for: .article).filter { !table.isVariantRow($0) }.map { [articleShape] in
            Compiled($0, ERPFieldReader.productField($0.erp), shape: articleShape)
        }
        orderRows = table.rows(for: .order).map { [orderShape] in
            Compiled($0, ERPFieldReader.orderField($0.erp), shape: orderShape)
        }
        lineRows = table.rows(for: .orderLine).map { [lineShape] in
            Compiled($0, ERPFieldReader.rowField($0.erp), shape: lineShape)
        }
        supplierRows = table.rows(for: .supplier).map { [supplierShape] in
            Compiled($0, ERPFieldReader.companyField($0.erp), shape: supplierShape)
        }
    }

    /// What an order needs beyond the order itself.
    public struct OrderContext: Sendable {
        /// The phone and e-mail fallbacks of customer companies, by company id.
        public var customers: [Int: CustomerContact]
        /// Article numbers by 24SevenOffice product id, from the article registry.
        public var articleNumbers: [Int: String]
        /// The time of the export, the last fallback for the delivery date.
        public var exportTime: Date
        /// Delivery dates orders were given from the export time when they were first exported, by OrderId: an
        /// order keeps that date, so that it is not rewritten merely because time has passed.
        public var pinnedDeliveryDates: [Int: String]

        /// Creates a context.
        public init(
            customers: [Int: CustomerContact] = [:], articleNumbers: [Int: String] = [:], exportTime: Date,
            pinnedDeliveryDates: [Int: String] = [:]
        ) {
            self.customers = customers
            self.articleNumbers = articleNumbers
            self.exportTime = exportTime
            self.pinnedDeliveryDates = pinnedDeliveryDates
        }

        /// Creates a context whose fallbacks are those of whole companies.
        public init(
            companies: [Int: Company], articleNumbers: [Int: String] = [:], exportTime: Date,
            pinnedDeliveryDates: [Int: String] = [:]
        ) {
            self.init(
                customers: companies.mapValues(CustomerContact.init), articleNumbers: articleNumbers,
                exportTime: exportTime, pinnedDeliveryDates: pinnedDeliveryDates)
        }
    }

    /// Maps a product to an article.
    public func article(_ product: Product) -> Mapped {
        var record = OngoingRecord(kind: .article, key: product.number ?? String(product.id), shape: articleShape)
        var notices: [String] = []
        for row in articleRows {
            record[slot: row.slot] = row.constant ?? row.read(product)
        }
        if let variantPattern, let number = product.number, let regex = try? Regex(variantPattern) {
            if let match = try? regex.wholeMatch(in: number) {
                if let color = match.output["color"]?.substring, !color.isEmpty {
                    record["ArticleColor.ColorCode"] = String(color)
                    record["ArticleColor.ArticleColorOperation"] = "FindOrCreate"
                }
                if let size = match.output["size"]?.substring, !size.isEmpty {
                    record["ArticleSize.SizeCode"] = String(size)
                    record["ArticleSize.ArticleSizeOperation"] = "FindOrCreate"
                }
            } else {
                notices.append("product number \(number) does not match the variant pattern")
            }
        }
        if product.number == nil { notices.append("product \(product.id) has no number; its id is used as the key") }
        return Mapped(record: record, notices: notices)
    }

    /// Maps a company to a supplier, or returns `nil` when the company is not a supplier.
    public func supplier(_ company: Company) -> Mapped? {
        guard company.type == .supplier else { return nil }
        var record = OngoingRecord(kind: .supplier, key: String(company.id), shape: supplierShape)
        var notices: [String] = []
        for row in supplierRows {
            var value = row.constant ?? row.read(company)
            if row.rule == .supplierCity && value == nil { value = company.addresses?.post?.postalArea }
            record[slot: row.slot] = normalised(row.isCountry, value, &notices)
        }
        return Mapped(record: record, notices: notices)
    }

    /// Maps an order and its rows, or returns `nil` (with the reason in the notices) when no row is an order line.
    public func order(_ order: InvoiceOrder, context: OrderContext) -> Mapped {
        var record = OngoingRecord(kind: .order, key: String(order.orderId), shape: orderShape)
        var notices: [String] = []
        var pinned: String?
        let customer = order.customerId.flatMap { context.customers[$0] }
        for row in orderRows {
            var value = row.constant ?? row.read(order)
            switch row.rule {
            case .mobilePhone where value == nil:
                value = customer?.mobilePhone
            case .telePhone where value == nil:
                value = customer?.telephone
            case .email where value == nil:
                value = customer?.email
            case .deliveryDate where value == nil:
                if let ordered = order.dateOrdered {
                    value = ERPFieldReader.format(ordered)
                } else {
                    pinned =
                        context.pinnedDeliveryDates[order.orderId] ?? ERPFieldReader.format(context.exportTime)
                    value = pinned
                }
            default:
                break
            }
            record[slot: row.slot] = normalised(row.isCountry, value, &notices)
        }
        var lines: [OngoingRecord] = []
        for row in order.rows ?? [] {
            if row.type == .text || row.type == .textBold || row.productId == nil { continue }
            guard (row.quantity ?? 0) > 0 else {
                notices.append(
                    "order \(order.orderId) row \(row.rowId.map(String.init) ?? "?"): quantity "
                        + "\(row.quantity.map { "\($0)" } ?? "missing") is not an order line")
                continue
            }
            lines.append(line(row, order: order, context: context))
        }
        guard !lines.isEmpty else {
            notices.append("order \(order.orderId) has no order lines and is not exported")
            return Mapped(record: nil, notices: notices)
        }
        record.lists["CustomerOrderLines"] = lines
        return Mapped(record: record, notices: notices, pinnedDeliveryDate: pinned)
    }

    private func line(_ row: InvoiceRow, order: InvoiceOrder, context: OrderContext) -> OngoingRecord {
        var line = OngoingRecord(kind: .orderLine, key: row.rowId.map(String.init) ?? "", shape: lineShape)
        let registered = row.productId.flatMap { context.articleNumbers[$0] }
        for mapping in lineRows {
            var value = mapping.constant ?? mapping.read(row)
            if mapping.rule == .articleNumber { value = registered ?? row.productNo }
            if mapping.rule == .articleIdentification && registered == nil {
                value = "ProductCode"
            }
            if let readsOrder = mapping.readsOrder { value = readsOrder(order) }
            line[slot: mapping.slot] = value
        }
        return line
    }

    private func normalised(_ isCountry: Bool, _ value: String?, _ notices: inout [String]) -> String? {
        guard let value, isCountry else { return value }
        let country = CountryCode.normalise(value)
        if !country.recognised { notices.append("country \"\(value)\" is not a known country; passed through") }
        return country.value
    }

    /// A mapped record with what the mapper noticed on the way (reported, not fatal).
    public struct Mapped: Sendable {
        /// The record, or `nil` when the object is not exported.
        public var record: OngoingRecord?
        /// Problems worth reporting.
        public var notices: [String]
        /// The delivery date taken from the export time, when the order had neither its own nor a DateOrdered: to be
        /// kept for the order's later exports.
        public var pinnedDeliveryDate: String?

        /// Creates a mapped record.
        public init(record: OngoingRecord?, notices: [String], pinnedDeliveryDate: String? = nil) {
            self.record = record
            self.notices = notices
            self.pinnedDeliveryDate = pinnedDeliveryDate
        }
    }
}

extension MappingTable {
    /// Whether the row is one of the variant rows, which the mapper fills from the pattern.
    func isVariantRow(_ row: MappingRow) -> Bool {
        Self.variantRows.contains(row)
    }
}
