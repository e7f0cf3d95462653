import BridgeModel
import Foundation
import Synchronization
import Testing
import TwentyFourSeven
import TwentyFourSevenSimulator
import XMLStream

/// The real client against a simulator that fails on purpose: every write must take effect exactly once.
@Suite struct ClientFaultTests {
    static let confirmed = [5007, 5008, 5010, 5011, 5013, 5014, 5016, 5017, 5019, 5020]
    static let products = Array(1001...1035)

    /// Sends every Confirmed order to Sent one at a time and sets every product's stock, then checks that
    /// 24SevenOffice holds each value and saw each write exactly once.
    func writeEverythingOnce(_ store: SimulatorStore, _ client: TwentyFourSevenClient) async throws {
        for id in Self.confirmed {
            let outcome = try await client.saveOrderStatuses([OrderStatusUpdate(orderId: id, status: .sent)])
            #expect(outcome[id] == .applied || outcome[id] == .alreadyApplied)
        }
        for id in Self.products {
            try await client.setStockQuantity(productId: id, quantity: Decimal(id % 97) + Decimal(string: "0.5")!)
        }
        let writes = await store.writes
        for id in Self.confirmed {
            #expect(await store.orderStatus(id) == "OrderState_Sent")
            #expect(writes.filter { $0.operation == "SaveInvoices" && $0.id == id }.count == 1, "order \(id)")
        }
        for id in Self.products {
            #expect(await store.stock(id) == (Decimal(id % 97) + Decimal(string: "0.5")!).description)
            #expect(writes.filter { $0.operation == "SetStockQuantity" && $0.id == id }.count == 1, "product \(id)")
        }
        #expect(writes.count == Self.confirmed.count + Self.products.count)
    }

    @Test func expiredSessionsAreRenewedTransparently() async throws {
        try await withSimulator(faults: SimulatorFaults(sessionLifetimeCalls: 3)) { store, url in
            let transport = RecordingTransport()
            let client = makeClient(url, transport: transport)
            try await writeEverythingOnce(store, client)
            let logins = transport.recorded.filter { $0.operation == "Login" }.count
            #expect(logins >= 10)
            #expect(await store.calls.contains { $0.outcome == "unauthenticated" })
        }
    }

    @Test func serverErrorsAreRetriedWithoutDuplicateWrites() async throws {
        try await withSimulator(faults: SimulatorFaults(serverErrorRate: 0.3, seed: 7)) { store, url in
            let client = makeClient(url, maxAttempts: 12)
            try await writeEverythingOnce(store, client)
            #expect(await store.calls.filter { $0.outcome == "http500" }.count >= 10)
        }
    }

    @Test func droppedConnectionsAreRetriedWithoutDuplicateWrites() async throws {
        try await withSimulator(faults: SimulatorFaults(dropRate: 0.3, seed: 11)) { store, url in
            let client = makeClient(url, maxAttempts: 12)
            try await writeEverythingOnce(store, client)
            #expect(await store.calls.filter { $0.outcome == "dropped" }.count >= 10)
        }
    }

    @Test func everythingAtOnceStillWritesExactlyOnce() async throws {
        let faults = SimulatorFaults(serverErrorRate: 0.15, dropRate: 0.15, sessionLifetimeCalls: 4, seed: 99)
        try await withSimulator(faults: faults) { store, url in
            let client = makeClient(url, maxAttempts: 15)
            try await writeEverythingOnce(store, client)
            let reads = try await client.invoices(InvoiceQuery(orderIds: Self.confirmed))
            #expect(reads.count == Self.confirmed.count)
        }
    }

    @Test func quarantineIsWaitedOutAndNothingIsLost() async throws {
        let faults = SimulatorFaults(requestLimit: 3, quarantineDuration: .seconds(1))
        try await withSimulator(faults: faults) { store, url in
            let client = makeClient(url)
            let start = ContinuousClock.now
            for id in Self.confirmed.prefix(4) {
                _ = try await client.saveOrderStatuses([OrderStatusUpdate(orderId: id, status: .pack)])
            }
            #expect(ContinuousClock.now - start >= .milliseconds(900))
            #expect(await store.calls.contains { $0.outcome == "quarantined" })
            for id in Self.confirmed.prefix(4) { #expect(await store.orderStatus(id) == "Pack") }
            #expect(await store.writes.count == 4)
        }
    }

    @Test func aLongQuarantineIsReportedNotWaited() async throws {
        let faults = SimulatorFaults(requestLimit: 1, quarantineDuration: .seconds(7200))
        try await withSimulator(faults: faults) { _, url in
            let client = makeClient(url)
            do {
                _ = try await client.products(ProductQuery(productIds: [1001]))
                Issue.record("expected a quarantine error")
            } catch let error as TwentyFourSevenError {
                guard case .quarantined = error.kind else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(error.operation == "GetProducts")
            }
        }
    }

    @Test func persistentServerErrorsEndInATypedErrorNamingTheOperation() async throws {
        try await withSimulator(faults: SimulatorFaults(serverErrorRate: 1)) { store, url in
            let client = makeClient(url, maxAttempts: 3)
            do {
                _ = try await client.login()
                Issue.record("expected failure")
            } catch let error as TwentyFourSevenError {
                #expect(error.operation == "Login")
                #expect(error.httpStatus == 500)
                #expect(error.description.contains("after 3 attempts"))
                #expect(!error.description.contains(SimulatorCredentials.demo.password))
            }
            #expect(await store.calls.count == 3)
        }
    }

    @Test func theClientKeepsWithinItsHourlyBudget() async throws {
        let clock = Mutex(XSDDateTime.parse("2026-11-28T10:00:00Z")!)
        let waits = Mutex<[Duration]>([])
        let environment = TwentyFourSevenEnvironment(
            now: { clock.withLock { $0 } },
            sleep: { duration in
                waits.withLock { $0.append(duration) }
                clock.withLock { $0 = $0.addingTimeInterval(Double(duration.components.seconds) + 0.001) }
            },
            random: { 0.5 })
        try await withSimulator { _, url in
            let client = makeClient(url, environment: environment, hourlyBudget: 3)
            for _ in 0..<5 { _ = try await client.products(ProductQuery(productIds: [1001])) }
        }
        // Login plus five calls against a budget of three: one wait of a whole hour.
        let recorded = waits.withLock { $0 }
        #expect(recorded.count == 1)
        #expect(recorded.first.map { $0 >= .seconds(3599) && $0 <= .seconds(3600) } == true)
    }
}
