import BridgeModel
import Foundation
import OngoingFiles
import Testing
import XMLStream

/// For every row of the warehouse's mapping tables: a distinctive 24SevenOffice value arrives in the right
/// Ongoing element of the XML file and in the right column of the CSV file.
@Suite struct SeedMappingTests {
    // swift-format-ignore: NeverUseForceTry
    // A fixture that cannot load is a broken checkout; failing at load names it.
    static let schema = try! OngoingSchema.bundled()
    static let table = MappingTable.standard()
    // swift-format-ignore: NeverUseForceTry
    static let mapper = try! RecordMapper(table: table)
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let marker = "Mk7Q"

    /// A value for the row's source field: distinctive, and of the field's type.
    static func value(for row: MappingRow) -> String {
        switch row.erp {
        case "Product.Id", "InvoiceOrder.OrderId", "InvoiceOrder.CustomerId", "InvoiceOrder.DeliveryMethod.Id",
            "InvoiceRow.ProductId", "InvoiceRow.RowId", "Company.Id":
            "7341"
        case "Product.Weight", "InvoiceRow.Quantity": "12.75"
        case "InvoiceOrder.DeliveryDate": "2026-12-24T00:00:00Z"
        case let path where path.hasSuffix(".Country"): "SE"
        default: marker + row.ongoing.replacingOccurrences(of: ".", with: "")
        }
    }

    /// An object of the row's kind whose source field holds `value`, all else empty.
    static func mapped(_ row: MappingRow, _ value: String) throws -> OngoingRecord {
        let decimal = Decimal(string: value)
        let number = Int(value)
        switch row.kind {
        case .article:
            var product = Product(id: 1, number: "N-1")
            switch row.erp {
            case "Product.Id": product.id = number ?? 0
            case "Product.No": product.number = value
            case "Product.Name": product.name = value
            case "Product.Description": product.description = value
            case "Product.EAN1": product.ean = value
            case "Product.Weight": product.weight = decimal
            default: Issue.record("no setter for \(row.erp)")
            }
            return try #require(mapper.article(product).record)
        case .supplier:
            var company = Company(id: 1, type: .supplier)
            var post = Address()
            switch row.erp {
            case "Company.Id": company.id = number ?? 0
            case "Company.Name": company.name = value
            case "Company.Addresses.Post.Street": post.street = value
            case "Company.Addresses.Post.PostalCode": post.postalCode = value
            case "Company.Addresses.Post.City": post.city = value
            case "Company.Addresses.Post.Country": post.country = value
            default: Issue.record("no setter for \(row.erp)")
            }
            company.addresses = Addresses(post: post)
            return try #require(mapper.supplier(company)?.record)
        case .order, .orderLine:
            var order = InvoiceOrder(
                orderId: 1, rows: [InvoiceRow(productId: 1, rowId: 1, quantity: 1, type: .normal)],
                deliveryDate: now)
            var delivery = Address()
            var invoice = Address()
            switch row.erp {
            case "InvoiceOrder.OrderId": order.orderId = number ?? 0
            case "InvoiceOrder.DeliveryDate": order.deliveryDate = XSDDateTime.parse(value)
            case "InvoiceOrder.ReferenceNumber": order.referenceNumber = value
            case "InvoiceOrder.YourReference": order.yourReference = value
            case "InvoiceOrder.DeliveryMethod.Description": order.deliveryMethod = DeliveryMethod(description: value)
            case "InvoiceOrder.DeliveryMethod.Id": order.deliveryMethod = DeliveryMethod(id: number)
            case "InvoiceOrder.InvoiceTitle": order.invoiceTitle = value
            case "InvoiceOrder.CustomerId": order.customerId = number
            case "InvoiceOrder.CustomerDeliveryName": order.customerDeliveryName = value
            case "InvoiceOrder.CustomerDeliveryPhone": order.customerDeliveryPhone = value
            case "InvoiceOrder.InvoiceEmailAddress": order.invoiceEmailAddress = value
            case "InvoiceOrder.CustomerName": order.customerName = value
            case "deliveryAddress.Street": delivery.street = value
            case "deliveryAddress.PostalCode": delivery.postalCode = value
            case "deliveryAddress.PostalArea": delivery.postalArea = value
            case "deliveryAddress.Country": delivery.country = value
            case "deliveryAddress.State": delivery.state = value
            case "invoiceAddress.Street": invoice.street = value
            case "invoiceAddress.PostalCode": invoice.postalCode = value
            case "invoiceAddress.PostalArea": invoice.postalArea = value
            case "invoiceAddress.Country": invoice.country = value
            case "invoiceAddress.State": invoice.state = value
            case "InvoiceRow.ProductId":
                order.rows = [InvoiceRow(productId: number, rowId: 1, quantity: 1, type: .normal)]
            case "InvoiceRow.RowId": order.rows = [InvoiceRow(productId: 1, rowId: number, quantity: 1, type: .normal)]
            case "InvoiceRow.Quantity":
                order.rows = [InvoiceRow(productId: 1, rowId: 1, quantity: decimal, type: .normal)]
            default: Issue.record("no setter for \(row.erp)")
            }
            order.addresses = Addresses(delivery: delivery, invoice: invoice)
            return try #require(mapper.order(order, context: RecordMapper.OrderContext(exportTime: now)).record)
        }
    }

    @Test(arguments: MappingTable.seed)
    func seedRowArrivesInItsElementAndColumn(_ row: MappingRow) throws {
        let value = Self.value(for: row)
        let record = try Self.mapped(row, value)
        let bytes = try OngoingXMLWriter(schema: Self.schema).document(for: record, goodsOwnerCode: "ACME")
        var node = try XMLElement.parse(bytes, document: row.ongoing)
        switch row.kind {
        case .article: node = try #require(node.child("art"))
        case .order: node = try #require(node.child("co"))
        case .orderLine: node = try #require(node.child("co")?.child("CustomerOrderLines"))
        case .supplier: break
        }
        for step in row.ongoing.split(separator: ".") {
            node = try #require(node.child(String(step)), "\(row.ongoing)")
        }
        #expect(node.trimmedText == value, "\(row.erp) -> \(row.ongoing)")

        let csvKind: ObjectKind = row.kind == .orderLine ? .order : row.kind
        let writer = OngoingCSVWriter(kind: csvKind, table: Self.table)
        let header = writer.header().dropLast(2).split(separator: ";").map(String.init)
        let cells = writer.rows(for: record).dropLast(2).split(separator: ";", omittingEmptySubsequences: false)
            .map(String.init)
        let column = try #require(header.firstIndex(of: row.ongoing), "no CSV column \(row.ongoing)")
        #expect(cells[column] == value, "CSV column \(row.ongoing)")
    }

    @Test func countryNamesBecomeCodes() {
        for (name, code) in [("Norge", "NO"), ("Norway", "NO"), ("Sverige", "SE"), ("Danmark", "DK"), ("se", "SE")] {
            #expect(CountryCode.normalise(name) == .init(value: code, recognised: true))
        }
        #expect(CountryCode.normalise("Atlantis") == .init(value: "Atlantis", recognised: false))
    }

    @Test func phoneAndEmailFallBackInTheDocumentedOrder() throws {
        func customer(_ phones: [String: String], _ emails: [String: String]) throws -> OngoingRecord {
            let order = InvoiceOrder(
                orderId: 1, customerId: 9, rows: [InvoiceRow(productId: 1, rowId: 1, quantity: 1, type: .normal)],
                deliveryDate: Self.now)
            let company = Company(id: 9, phoneNumbers: phones, emailAddresses: emails)
            let context = RecordMapper.OrderContext(companies: [9: company], exportTime: Self.now)
            return try #require(Self.mapper.order(order, context: context).record)
        }
        let all = try customer(
            ["Mobile": "m", "Primary": "p", "Work": "w"], ["Invoice": "i", "Primary": "p", "Work": "w"])
        #expect(all["Customer.MobilePhone"] == "m" && all["Customer.TelePhone"] == "w" && all["Customer.Email"] == "i")
        let primary = try customer(["Primary": "p", "Work": "w"], ["Primary": "p", "Work": "w"])
        #expect(primary["Customer.MobilePhone"] == "p" && primary["Customer.TelePhone"] == "w")
        #expect(primary["Customer.Email"] == "p")
        let last = try customer(["Mobile": "m"], ["Work": "w"])
        #expect(
            last["Customer.MobilePhone"] == "m" && last["Customer.TelePhone"] == "m" && last["Customer.Email"] == "w")
        let none = try customer([:], [:])
        #expect(none["Customer.MobilePhone"] == nil && none["Customer.Email"] == nil)
    }

    @Test func deliveryDateFallsBackToDateOrderedThenExportTime() throws {
        let ordered = Date(timeIntervalSince1970: 1_790_000_000)
        let line = [InvoiceRow(productId: 1, rowId: 1, quantity: 1, type: .normal)]
        let context = RecordMapper.OrderContext(exportTime: Self.now)
        let withOrdered = Self.mapper.order(
            InvoiceOrder(orderId: 1, dateOrdered: ordered, rows: line), context: context)
        #expect(withOrdered.record?["OrderInfo.DeliveryDate"] == "2026-09-21T14:13:20Z")
        let bare = Self.mapper.order(InvoiceOrder(orderId: 1, rows: line), context: context)
        #expect(bare.record?["OrderInfo.DeliveryDate"] == "2026-11-18T11:06:40Z")
    }

    @Test func onlyRealRowsBecomeLinesAndTheSameArticleTwiceStaysTwoLines() throws {
        let rows = [
            InvoiceRow(productId: 5, rowId: 1, quantity: 2, type: .normal),
            InvoiceRow(rowId: 2, name: "tekst", type: .text),
            InvoiceRow(productId: 6, rowId: 3, name: "bold", quantity: 1, type: .textBold),
            InvoiceRow(rowId: 4, name: "no product", quantity: 1, type: .normal),
            InvoiceRow(productId: 5, rowId: 5, quantity: 3, type: .normal),
            InvoiceRow(productId: 7, rowId: 6, quantity: -1, type: .normal),
        ]
        let mapped = Self.mapper.order(
            InvoiceOrder(orderId: 1, rows: rows),
            context: RecordMapper.OrderContext(articleNumbers: [5: "A-5"], exportTime: Self.now))
        let lines = mapped.record?.lists["CustomerOrderLines"] ?? []
        #expect(lines.map { $0["CustomerOrderLine.ExternalOrderLineCode"] } == ["1", "5"])
        #expect(lines.allSatisfy { $0["CustomerOrderLine.ArticleNumber"] == "A-5" })
        #expect(mapped.notices.count == 1 && mapped.notices[0].contains("row 6"))
        let unknown = Self.mapper.order(
            InvoiceOrder(orderId: 2, rows: [InvoiceRow(productId: 9, rowId: 1, quantity: 1, type: .normal)]),
            context: RecordMapper.OrderContext(exportTime: Self.now))
        #expect(
            unknown.record?.lists["CustomerOrderLines"]?.first?["CustomerOrderLine.ArticleIdentification"]
                == "ProductCode")
    }

    @Test func variantsFillColourAndSizeAndKeepTheFullNumber() throws {
        let mapper = try RecordMapper(
            table: .standard(variants: true),
            variantPattern: "(?<base>[A-Z]+-[0-9]+)-(?<color>[A-Z]+)-(?<size>[A-Z0-9]+)")
        let record = try #require(mapper.article(Product(id: 1, number: "JAKKE-200-RED-M")).record)
        #expect(record["ArticleNumber"] == "JAKKE-200-RED-M")
        #expect(record["ArticleColor.ColorCode"] == "RED" && record["ArticleSize.SizeCode"] == "M")
        let bytes = try OngoingXMLWriter(schema: Self.schema).document(for: record, goodsOwnerCode: "ACME")
        let validator = try XMLSchemaValidator(wsdl: Self.schema.wsdl, targetNamespace: OngoingSchema.namespace)
        #expect(validator.validate(bytes, document: "variant").isEmpty)
    }
}
