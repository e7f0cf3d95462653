/// The four 24SevenOffice SOAP services the bridge uses, with their standard paths.
public enum TwentyFourSevenService: String, Sendable, CaseIterable {
    /// Login, HasSession.
    case authenticate = "/authenticate/v001/authenticate.asmx"
    /// GetProducts, SetStockQuantity.
    case product = "/Logistics/Product/V001/ProductService.asmx"
    /// GetInvoices, GetOrderSyncList, SaveInvoices.
    case invoice = "/Economy/InvoiceOrder/V001/InvoiceService.asmx"
    /// GetCompanies, GetCompanySyncList.
    case company = "/CRM/Company/V001/CompanyService.asmx"

    /// The service path appended to the endpoint's base URL.
    public var path: String { rawValue }

    /// The XML namespace of every 24SevenOffice service used here (note the capital O).
    public static let namespace = "http://24sevenOffice.com/webservices"

    /// The SOAPAction header value for an operation.
    public static func soapAction(_ operation: String) -> String {
        "\"\(namespace)/\(operation)\""
    }
}
