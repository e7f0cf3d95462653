/// The field mapping from 24SevenOffice to Ongoing, held as data that the mapper walks.
///
/// The seed rows are the warehouse's three tables exactly (with `⇒` written as `.`); the rule rows are the
/// identification enums and required elements of the interface specification; configured rows are extra
/// fields from the configuration. `sevenbridge mapping` prints this table.
public struct MappingTable: Sendable, Hashable {
    /// Every row, in the order they apply.
    public var rows: [MappingRow] {
        didSet { shapes = Self.shapes(rows) }
    }
    /// The shape of each kind's records: the paths its rows fill.
    private var shapes: [ObjectKind: RecordShape]

    /// Creates a table.
    public init(rows: [MappingRow]) {
        self.rows = rows
        self.shapes = Self.shapes(rows)
    }

    /// The shape of the records of a kind that this table fills: the Ongoing paths of its rows (with, for articles
    /// of a table with variants, the operations the mapper sets beside a variant's codes), one object for the table's
    /// life, shared by the mapper and the writers.
    public func shape(for kind: ObjectKind) -> RecordShape {
        shapes[kind] ?? .none
    }

    private static func shapes(_ rows: [MappingRow]) -> [ObjectKind: RecordShape] {
        var shapes: [ObjectKind: RecordShape] = [:]
        for kind in ObjectKind.allCases {
            var paths = rows.filter { $0.kind == kind }.map(\.ongoing)
            if kind == .article && rows.contains(where: variantRows.contains) {
                paths += ["ArticleColor.ArticleColorOperation", "ArticleSize.ArticleSizeOperation"]
            }
            shapes[kind] = RecordShape(paths: paths)
        }
        return shapes
    }

    /// Tables are equal when their rows are (their shapes follow from the rows).
    public static func == (lhs: MappingTable, rhs: MappingTable) -> Bool {
        lhs.rows == rhs.rows
    }

    /// Hashes the rows.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rows)
    }

    /// The rows of one kind of object.
    public func rows(for kind: ObjectKind) -> [MappingRow] {
        rows.filter { $0.kind == kind }
    }

    /// The standard table with configured extra rows appended.
    public static func standard(extra: [MappingRow] = [], variants: Bool = false) -> MappingTable {
        var rows = seed + rules
        if variants { rows += variantRows }
        return MappingTable(rows: rows + extra)
    }

    /// The warehouse's three mapping tables, exactly.
    public static let seed: [MappingRow] = [
        MappingRow(.article, "ProductCode", "Product.Id"),
        MappingRow(.article, "ArticleNumber", "Product.No"),
        MappingRow(.article, "ArticleName", "Product.Name"),
        MappingRow(.article, "ArticleDescription", "Product.Description"),
        MappingRow(.article, "BarCode", "Product.EAN1"),
        MappingRow(.article, "Weight", "Product.Weight"),

        MappingRow(.order, "OrderInfo.GoodsOwnerOrderNumber", "InvoiceOrder.OrderId"),
        MappingRow(
            .order, "OrderInfo.DeliveryDate", "InvoiceOrder.DeliveryDate",
            note: "absent or 0001-01-01: the order's DateOrdered, else the export time"),
        MappingRow(.order, "OrderInfo.ReferenceNumber", "InvoiceOrder.ReferenceNumber"),
        MappingRow(.order, "OrderInfo.SalesCode", "InvoiceOrder.YourReference"),
        MappingRow(.order, "OrderInfo.WayOfDelivery", "InvoiceOrder.DeliveryMethod.Description"),
        MappingRow(.order, "OrderInfo.WayOfDeliveryType.Code", "InvoiceOrder.DeliveryMethod.Id"),
        MappingRow(.order, "OrderInfo.WayOfDeliveryType.Name", "InvoiceOrder.DeliveryMethod.Description"),
        MappingRow(.order, "OrderInfo.OrderRemark", "InvoiceOrder.InvoiceTitle"),
        MappingRow(.order, "Customer.CustomerNumber", "InvoiceOrder.CustomerId"),
        MappingRow(.order, "Customer.Name", "InvoiceOrder.CustomerDeliveryName"),
        MappingRow(.order, "Customer.Address", "deliveryAddress.Street"),
        MappingRow(.order, "Customer.PostCode", "deliveryAddress.PostalCode"),
        MappingRow(.order, "Customer.City", "deliveryAddress.PostalArea"),
        MappingRow(.order, "Customer.CountryCode", "deliveryAddress.Country", note: "country names become ISO codes"),
        MappingRow(.order, "Customer.CountryStateCode", "deliveryAddress.State"),
        MappingRow(
            .order, "Customer.MobilePhone", "InvoiceOrder.CustomerDeliveryPhone",
            note: "* empty: the customer company's Mobile, else Primary, else Work phone"),
        MappingRow(
            .order, "Customer.TelePhone", "InvoiceOrder.CustomerDeliveryPhone",
            note: "* empty: the customer company's Work, else Primary, else Mobile phone"),
        MappingRow(
            .order, "Customer.Email", "InvoiceOrder.InvoiceEmailAddress",
            note: "** empty: the customer company's Invoice, else Primary, else Work e-mail"),
        MappingRow(.order, "Customer.InvoiceAddress.Name", "InvoiceOrder.CustomerName"),
        MappingRow(.order, "Customer.InvoiceAddress.Address", "invoiceAddress.Street"),
        MappingRow(.order, "Customer.InvoiceAddress.PostCode", "invoiceAddress.PostalCode"),
        MappingRow(.order, "Customer.InvoiceAddress.City", "invoiceAddress.PostalArea"),
        MappingRow(
            .order, "Customer.InvoiceAddress.CountryCode", "invoiceAddress.Country",
            note: "country names become ISO codes"),
        MappingRow(.order, "Customer.InvoiceAddress.CountryStateCode", "invoiceAddress.State"),
        MappingRow(.orderLine, "CustomerOrderLine.ProductCode", "InvoiceRow.ProductId"),
        MappingRow(.orderLine, "CustomerOrderLine.ExternalOrderLineCode", "InvoiceRow.RowId"),
        MappingRow(
            .orderLine, "CustomerOrderLine.NumberOfItems", "InvoiceRow.Quantity",
            note: "rows of Type Text, without ProductId, or with quantity <= 0 are not order lines"),

        MappingRow(.supplier, "SupplierNumber", "Company.Id", note: "companies whose Type is Supplier"),
        MappingRow(.supplier, "SupplierName", "Company.Name"),
        MappingRow(.supplier, "Address.Address", "Company.Addresses.Post.Street"),
        MappingRow(.supplier, "Address.PostCode", "Company.Addresses.Post.PostalCode"),
        MappingRow(.supplier, "Address.City", "Company.Addresses.Post.City", note: "empty: PostalArea"),
        MappingRow(
            .supplier, "Address.CountryCode", "Company.Addresses.Post.Country", note: "country names become ISO codes"),
    ]

    /// The identification enums and required values of the interface specification (section 5).
    public static let rules: [MappingRow] = [
        MappingRow(.article, "ArticleOperation", "= CreateOrUpdate", origin: .rule),
        MappingRow(.article, "ArticleIdentification", "= ArticleNumber", origin: .rule),
        MappingRow(.order, "OrderInfo.OrderIdentification", "= GoodsOwnerOrderNumber", origin: .rule),
        MappingRow(.order, "OrderInfo.OrderOperation", "= CreateOrUpdate", origin: .rule),
        MappingRow(.order, "OrderInfo.WayOfDeliveryType.WayOfDeliveryTypeOperation", "= CreateOrFind", origin: .rule),
        MappingRow(.order, "OrderInfo.WayOfDeliveryType.WayOfDeliveryTypeIdentification", "= Code", origin: .rule),
        MappingRow(.order, "Customer.CustomerOperation", "= CreateOrUpdate", origin: .rule),
        MappingRow(.order, "Customer.CustomerIdentification", "= CustomerNumber", origin: .rule),
        MappingRow(.order, "Customer.IsVisible", "= true", origin: .rule),
        MappingRow(.order, "Customer.InvoiceAddress.IsVisible", "= true", origin: .rule),
        MappingRow(.orderLine, "CustomerOrderLine.OrderLineIdentification", "= ExternalOrderLineCode", origin: .rule),
        MappingRow(
            .orderLine, "CustomerOrderLine.ArticleIdentification", "= ArticleNumber",
            note: "ProductCode when the product's number is not known", origin: .rule),
        MappingRow(
            .orderLine, "CustomerOrderLine.ArticleNumber", "InvoiceRow.ProductNo",
            note: "the number from the article registry", origin: .rule),
        MappingRow(.supplier, "SupplierIdentificationType", "= SupplierNumber", origin: .rule),
        MappingRow(.supplier, "SupplierOperation", "= CreateOrUpdate", origin: .rule),
    ]

    /// The rows variants add (interface section 5): colour and size from the product number's pattern.
    public static let variantRows: [MappingRow] = [
        MappingRow(
            .article, "ArticleColor.ColorCode", "Product.No", note: "the pattern's group `color`", origin: .rule),
        MappingRow(.article, "ArticleSize.SizeCode", "Product.No", note: "the pattern's group `size`", origin: .rule),
    ]
}
