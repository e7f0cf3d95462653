import BridgeModel
import Foundation
import Testing
import TwentyFourSeven
import XMLStream

/// Every request the client sends must validate against the XML Schema inside its service's real WSDL.
@Suite struct RequestSchemaTests {
    @Test func everyOperationsRequestValidatesAgainstItsWSDL() async throws {
        try await withSimulator { _, url in
            let transport = RecordingTransport()
            let client = makeClient(url, transport: transport)
            let since = XSDDateTime.parse("2026-01-01T00:00:00")!
            _ = try await client.hasSession()
            _ = try await client.login()
            _ = try await client.identity()
            _ = try await client.products(ProductQuery(changedSince: since))
            _ = try await client.products(ProductQuery(productIds: [1001, 1002]))
            try await client.setStockQuantity(productId: 1001, quantity: Decimal(string: "0.000001")!)
            _ = try await client.orderSyncList(changedAfter: since, registeredAfter: since)
            _ = try await client.invoices(
                InvoiceQuery(
                    changedAfter: since, orderStates: OrderSlipState.allCases, orderIds: [5007], customerIds: [20004]))
            _ = try await client.saveOrderStatuses([OrderStatusUpdate(orderId: 5008, customerId: 20005, status: .pack)])
            _ = try await client.companies(CompanyQuery(changedAfter: since, companyIds: [20001]))
            _ = try await client.companySyncList(changedAfter: since, registeredAfter: since, active: true)
            _ = try await client.companySyncList(changedAfter: nil)

            let requests = transport.recorded
            let operations = Set(requests.map(\.operation))
            #expect(
                operations == [
                    "HasSession", "Login", "GetIdentity", "GetProducts", "SetStockQuantity", "GetOrderSyncList",
                    "GetInvoices",
                    "SaveInvoices",
                    "GetCompanies", "GetCompanySyncList",
                ])
            for request in requests {
                let path = String(request.url.dropFirst(url.count))
                let validator = try #require(serviceValidators[path], "no schema for \(path)")
                let problems = validator.validate(
                    request.body, document: request.operation, elementPath: ["Envelope", "Body", "*"])
                #expect(problems.isEmpty, "\(request.operation): \(problems)")
                let text = String(decoding: request.body, as: UTF8.self)
                #expect(!text.contains("E+") && !text.contains("e-"), "exponent notation in \(request.operation)")
            }
        }
    }

    @Test func anOutOfOrderRequestIsRejectedByTheValidator() throws {
        let body = try SOAPEnvelope.request("GetProducts") { writer in
            try writer.startElement("searchParams")
            try writer.element("DateChanged", text: "2026-01-01T00:00:00")
            try writer.element("Id", text: "1")  // Id comes before DateChanged in the schema
            try writer.endElement()
        }
        let validator = try #require(serviceValidators[TwentyFourSevenService.product.path])
        let problems = validator.validate(body, document: "GetProducts", elementPath: ["Envelope", "Body", "*"])
        #expect(problems.first?.reason.contains("Id") == true)
    }
}
