import BridgeModel
import Foundation
import Logging
import Testing
import TwentyFourSeven
import TwentyFourSevenSimulator

/// The faults 24SevenOffice really sends, by class, through the real client against the simulator injecting them:
/// `soap:Server` faults (a deadlock victim) are retried for reads and read back before a write is repeated; an
/// endpoint that refuses connections fails in seconds, once, and is tried again next cycle; a hanging answer ends
/// at the client's timeout.
@Suite struct ClientFaultClassTests {
    @Test func deadlockFaultsAreRetriedAndEveryWriteLandsOnce() async throws {
        try await withSimulator(faults: SimulatorFaults(serverFaultRate: 0.4, seed: 71)) { store, url in
            let client = makeClient(url, maxAttempts: 12)
            let products = try await client.products(ProductQuery(productIds: [1001, 1002, 1003]))
            #expect(products.count == 3)
            for (index, id) in [1001, 1002, 1003].enumerated() {
                try await client.setStockQuantity(productId: id, quantity: Decimal(100 + index))
            }
            let outcomes = try await client.saveOrderStatuses([
                OrderStatusUpdate(orderId: 5007, status: .sent), OrderStatusUpdate(orderId: 5008, status: .sent),
            ])
            #expect(outcomes[5007] != nil && outcomes[5008] != nil)
            let faults = await store.calls.filter { $0.outcome == "fault" }.count
            #expect(faults > 0, "the simulator injected no deadlock")
            let writes = await store.writes
            #expect(
                writes.map(\.description).sorted()
                    == [
                        "SaveInvoices(5007 = OrderState_Sent)", "SaveInvoices(5008 = OrderState_Sent)",
                        "SetStockQuantity(1001 = 100)", "SetStockQuantity(1002 = 101)", "SetStockQuantity(1003 = 102)",
                    ], "\(writes)")
        }
    }

    @Test func aRefusedEndpointFailsFastOnceThenIsTriedAgainNextCycle() async throws {
        var logger = Logger(label: "test.simulator")
        logger.logLevel = .critical
        let store = SimulatorStore(data: try SimulatorData.load(from: sampleDataDirectory))
        let simulator = try TwentyFourSevenSimulator(store: store, logger: logger)
        try await simulator.withOutages { url, outage in
            let client = makeClient(url, maxAttempts: 3)
            #expect(try await client.products(ProductQuery(productIds: [1001])).count == 1)
            await outage.begin()
            do {
                _ = try await client.products(ProductQuery(productIds: [1002]))
                Issue.record("expected the endpoint to be unreachable")
            } catch let error as TwentyFourSevenError {
                #expect(error.isUnreachable)
                #expect(error.description.contains(url) && error.description.contains("connection refused"))
                #expect(error.description.contains("tried 3 times"), "\(error)")
            }
            // The rest of the cycle does not try again.
            do {
                _ = try await client.invoices(InvoiceQuery(orderIds: [5007]))
                Issue.record("expected the endpoint to be skipped")
            } catch let error as TwentyFourSevenError {
                #expect(error.isUnreachable && error.description.contains("not tried"), "\(error)")
            }
            await outage.end()
            await client.startCycle()
            #expect(try await client.products(ProductQuery(productIds: [1002])).count == 1)
        }
    }

    @Test func aHangingAnswerEndsAtTheClientsTimeout() async throws {
        try await withSimulator(faults: SimulatorFaults(hangRate: 1)) { store, url in
            let client = makeClient(
                url, transport: RecordingTransport(HTTPClientTransport(timeoutSeconds: 1)), maxAttempts: 2)
            do {
                _ = try await client.hasSession()
                Issue.record("expected a timeout")
            } catch let error as TwentyFourSevenError {
                guard case .retriesExhausted(2, let last) = error.kind else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(last.contains("did not complete"))
            }
            #expect(await store.count("HasSession", outcome: "hung") == 2)
        }
    }
}
