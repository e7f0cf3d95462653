import BridgeModel
import Foundation
import Testing
import TwentyFourSeven
import TwentyFourSevenSimulator
import XMLStream

/// The real client against the real simulator over loopback, one operation at a time.
@Suite struct ClientOperationTests {
    static let longAgo = XSDDateTime.parse("2000-01-01T00:00:00")!

    @Test func loginHasSessionAndWrongPassword() async throws {
        try await withSimulator { _, url in
            let client = makeClient(url)
            #expect(try await client.hasSession() == false)
            let session = try await client.login()
            #expect(session.count == 24)
            #expect(try await client.hasSession() == true)
            let identity = try await client.identity()
            #expect(identity.clientName == "Fjellutstyr Engros AS" && identity.clientId == 1_234_567)

            let wrong = makeClient(url, password: "not-the-password")
            await #expect(throws: TwentyFourSevenError(.invalidCredentials, operation: "Login")) {
                try await wrong.login()
            }
            let error = TwentyFourSevenError(.invalidCredentials, operation: "Login")
            #expect(!error.description.contains("not-the-password"))
        }
    }

    @Test func getProductsHonoursReturnPropertiesAndFilters() async throws {
        try await withSimulator { _, url in
            let client = makeClient(url)
            let all = try await client.products(ProductQuery(changedSince: Self.longAgo))
            #expect(all.count == 35)
            let first = try #require(all.first { $0.id == 1001 })
            #expect(first.number != nil && first.ean != nil && first.weight != nil && first.stock != nil)

            let narrow = try await client.products(ProductQuery(productIds: [1001, 1002]), properties: ["Id", "No"])
            #expect(narrow.map(\.id) == [1001, 1002])
            #expect(narrow.allSatisfy { $0.name == nil && $0.stock == nil && $0.number != nil })

            // Stamps are rounded to the minute, so a product stamped 13:41:12 shows as 13:41:00.
            let latest = try #require(all.compactMap(\.dateChanged).max())
            #expect(latest.timeIntervalSince1970.truncatingRemainder(dividingBy: 60) == 0)
            let recent = try await client.products(ProductQuery(changedSince: latest))
            #expect(!recent.isEmpty && recent.allSatisfy { ($0.dateChanged ?? .distantPast) >= latest })
        }
    }

    @Test func setStockQuantityWritesOnce() async throws {
        try await withSimulator { store, url in
            let client = makeClient(url)
            let applied = try await client.setStockQuantity(productId: 1003, quantity: Decimal(string: "1234567.25")!)
            #expect(applied)
            #expect(await store.stock(1003) == "1234567.25")
            #expect(
                await store.writes == [SimulatorWrite(operation: "SetStockQuantity", id: 1003, value: "1234567.25")])
            await #expect(throws: TwentyFourSevenItemError.self) {
                try await client.setStockQuantity(productId: 99_999, quantity: 1)
            }
        }
    }

    @Test func orderSyncListThenInvoicesByIdsAndStates() async throws {
        try await withSimulator { _, url in
            let client = makeClient(url)
            let ids = try await client.orderSyncList(changedAfter: Self.longAgo, registeredAfter: Self.longAgo)
            #expect(ids.count == 20)
            let confirmed = try await client.invoices(InvoiceQuery(orderStates: [.confirmed], orderIds: ids))
            #expect(confirmed.count == 10)
            #expect(confirmed.allSatisfy { $0.orderStatus == .confirmed })
            let withText = try #require(confirmed.first { $0.orderId == 5008 })
            #expect(withText.rows?.contains { $0.type == .text } == true)
            #expect(withText.addresses?.delivery?.street != nil)
            #expect(withText.deliveryMethod?.id != nil)

            let changed = try await client.invoices(InvoiceQuery(changedAfter: Self.longAgo))
            #expect(changed.count == 20)
        }
    }

    @Test func orderIdsAreSentInBatchesOfAtMostTheLimit() async throws {
        try await withSimulator { _, url in
            let transport = RecordingTransport()
            let client = makeClient(url, transport: transport)
            let ids = Array(4000..<6500)  // 2500 ids: three GetInvoices calls of 1000, 1000 and 500
            let orders = try await client.invoices(
                InvoiceQuery(orderIds: ids), properties: ["OrderId"], rowProperties: [])
            #expect(orders.count == 20)
            let calls = transport.recorded.filter { $0.operation == "GetInvoices" }
            #expect(calls.count == 3)
            let counts = try calls.map { request in
                let root = try XMLElement.parse(request.body, document: "request")
                return root.child("Body")?.child("GetInvoices")?.child("searchParams")?.child("OrderIds")?.children
                    .count
            }
            #expect(counts == [1000, 1000, 500])
        }
    }

    @Test func saveInvoicesChangesStatusAndReportsRefusals() async throws {
        try await withSimulator { store, url in
            let client = makeClient(url)
            let outcomes = try await client.saveOrderStatuses([
                OrderStatusUpdate(orderId: 5007, customerId: 20004, status: .sent),
                OrderStatusUpdate(orderId: 5001, status: .sent),  // Invoiced: refused
                OrderStatusUpdate(orderId: 42, status: .sent),  // unknown: refused
            ])
            #expect(outcomes[5007] == .applied)
            guard case .refused(let invoiced) = outcomes[5001], case .refused(let unknown) = outcomes[42] else {
                Issue.record("expected refusals, got \(outcomes)")
                return
            }
            #expect(invoiced.message.contains("Invoiced"))
            #expect(unknown.itemId == 42)
            #expect(await store.orderStatus(5007) == "OrderState_Sent")
            #expect(await store.orderStatus(5001) == "Invoiced")
            #expect(
                await store.writes == [SimulatorWrite(operation: "SaveInvoices", id: 5007, value: "OrderState_Sent")])
        }
    }

    @Test func companiesByIdsAndSyncListPages() async throws {
        try await withSimulator(companyPageSize: 3) { _, url in
            let client = makeClient(url)
            let all = try await client.companies(CompanyQuery(changedAfter: Self.longAgo))
            #expect(all.count == 10)
            #expect(all.filter { $0.type == .supplier }.count == 3)
            let two = try await client.companies(CompanyQuery(companyIds: [20004, 20007]))
            #expect(two.map(\.id) == [20004, 20007])
            #expect(two[1].phoneNumbers["Mobile"] != nil && two[1].phoneNumbers["Work"] != nil)
            #expect(two[1].emailAddresses["Invoice"] != nil)

            let synced = try await client.companySyncList(changedAfter: Self.longAgo)
            #expect(synced.count == 10)  // four pages of at most three
            #expect(Set(synced.map(\.companyId)).count == 10)
        }
    }

    @Test func unknownEnumIsAClientFaultCarryingOperationAndStatus() async throws {
        try await withSimulator { _, url in
            let transport = HTTPClientTransport(timeoutSeconds: 10)
            let client = makeClient(url)
            let session = try await client.login()
            let body = try SOAPEnvelope.request("GetInvoices") { writer in
                try writer.startElement("searchParams")
                try writer.startElement("OrderStates")
                try writer.element("OrderSlipStateType", text: "Shipped")
                try writer.endElement()
                try writer.endElement()
            }
            let response = try await transport.send(
                SOAPRequest(
                    url: url + TwentyFourSevenService.invoice.path, operation: "GetInvoices", body: body,
                    sessionId: session))
            #expect(response.status == 500)
            guard case .fault(let code, let text) = try SOAPEnvelope.parse(response.body, document: "answer") else {
                Issue.record("expected a fault")
                return
            }
            #expect(code == "soap:Client")
            #expect(text.contains("Instance validation error"))
        }
    }
}
