import Foundation
import XMLStream

/// One of the four simulated services: its path, operations, WSDL and compiled schema.
struct SimulatedService: Sendable {
    let path: String
    let wsdlFile: String
    let operations: Set<String>
    var wsdl: [UInt8] = []
    var validator: XMLSchemaValidator?

    static let namespace = "http://24sevenOffice.com/webservices"

    static let all = [
        SimulatedService(
            path: "/authenticate/v001/authenticate.asmx", wsdlFile: "authService",
            operations: ["Login", "HasSession", "GetIdentity"]),
        SimulatedService(
            path: "/Logistics/Product/V001/ProductService.asmx", wsdlFile: "productService",
            operations: ["GetProducts", "SetStockQuantity"]),
        SimulatedService(
            path: "/Economy/InvoiceOrder/V001/InvoiceService.asmx", wsdlFile: "invoiceService",
            operations: ["GetInvoices", "GetOrderSyncList", "SaveInvoices"]),
        SimulatedService(
            path: "/CRM/Company/V001/CompanyService.asmx", wsdlFile: "companyService",
            operations: ["GetCompanies", "GetCompanySyncList"]),
    ]

    /// Operations that change data, for fault injection after the change.
    static let writes: Set<String> = ["SaveInvoices", "SetStockQuantity"]

    /// The service with its WSDL read from the bundle and its schema compiled.
    func loadingSchema() throws -> SimulatedService {
        var copy = self
        copy.wsdl = try TwentyFourSevenSimulator.wsdl(wsdlFile)
        copy.validator = try XMLSchemaValidator(
            wsdl: copy.wsdl, targetNamespace: Self.namespace, name: "\(wsdlFile).wsdl")
        return copy
    }
}
