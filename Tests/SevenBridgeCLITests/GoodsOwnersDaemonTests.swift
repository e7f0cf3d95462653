import Foundation
import Testing
import TwentyFourSevenSimulator

#if canImport(Glibc)
    import Glibc
#endif

/// One `sevenbridge run` daemon (the real binary) serving three goods owners against two 24SevenOffice accounts.
///
/// ALPHA has an account of its own, BETA and GAMMA share one (the same user, GAMMA with another identity, so another
/// company). Each owner's objects land in its own outbox with its own code; with ALPHA's 24SevenOffice
/// failing every call, BETA's and GAMMA's exports and write-backs still happen on schedule; and BETA and GAMMA
/// together stay within their account's hourly budget, while ALPHA keeps working.
@Suite(.serialized) struct GoodsOwnersDaemonTests {
    /// The three entries, with the shared account's budget when `budget` is set.
    static func owners(alpha: String, shared: String, budget: Int? = nil) -> [String] {
        let limit = budget.map { ", requestsPerHour: \($0)" } ?? ""
        return [
            "goodsOwnerCode: ALPHA\n    erp: {endpoint: \(alpha)}",
            "goodsOwnerCode: BETA\n    erp: {endpoint: \(shared)\(limit)}",
            "goodsOwnerCode: GAMMA\n    erp: {endpoint: \(shared), identityId: \(SimulatorIdentity.nordlys.id)\(limit)}",
        ]
    }

    func start(_ workspace: OwnersWorkspace) throws -> Process {
        try startBinary(
            ["run", "--config", workspace.config, "--log-level", "error"], environment: workspace.environment)
    }

    func stop(_ daemon: Process) {
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
    }

    @Test func threeOwnersTwoAccountsIsolatedAndWithinTheSharedBudget() async throws {
        let alphaStore = try sampleStore(nordlys: false)
        let betaStore = try sampleStore(nordlys: false)
        let gammaStore = try sampleStore(nordlys: true)
        try await withSimulator(stores: [alphaStore]) { alphaURL in
            try await withSimulator(stores: [betaStore, gammaStore]) { sharedURL in
                let workspace = try OwnersWorkspace(Self.owners(alpha: alphaURL, shared: sharedURL))
                var daemon = try start(workspace)

                // Every owner's objects land in its own outbox, with its own GoodsOwnerCode.
                let landed = try await eventually(.seconds(30)) {
                    try workspace.xml("ALPHA").count == 45 && workspace.xml("BETA").count == 45
                        && workspace.xml("GAMMA").count == 11
                }
                let counts = try ["ALPHA", "BETA", "GAMMA"].map { try workspace.xml($0).count }
                #expect(landed, "XML files in the outboxes of ALPHA, BETA, GAMMA: \(counts)")
                for code in ["ALPHA", "BETA", "GAMMA"] {
                    #expect(try workspace.goodsOwnerCodes(code) == [code])
                }
                #expect(try workspace.xml("GAMMA").contains { $0.hasPrefix("article-KAF-100-250-") })
                #expect(try !workspace.xml("GAMMA").contains { $0.hasPrefix("article-TUR-") })

                // ALPHA's 24SevenOffice fails every call; BETA and GAMMA go on: an edited order is exported again by
                // the next cycle, and a shipment file's order is set to Sent.
                await alphaStore.setFaults(SimulatorFaults(serverErrorRate: 1))
                await betaStore.editOrder(5016) { $0 = $0.setting("InvoiceTitle", to: "Ny kommentar") }
                await gammaStore.editOrder(6001) { $0 = $0.setting("InvoiceTitle", to: "Levering bakdør") }
                let shipment = "GoodsOwnerOrderNumber;OrderStatusNumber;ShippedTime;WayBill\r\n"
                try workspace.drop("ship.csv", shipment + "5017;450;;W1\r\n", owner: "BETA")
                try workspace.drop("ship.csv", shipment + "6002;450;;W2\r\n", owner: "GAMMA")
                try workspace.drop("ship.csv", shipment + "5017;450;;W3\r\n", owner: "ALPHA")
                let alphaFailing = try await eventually {
                    await alphaStore.count("GetProducts", outcome: "http500") > 0
                }
                #expect(alphaFailing)
                let carriedOn = try await eventually(.seconds(30)) {
                    let beta = try workspace.xml("BETA").filter { $0.hasPrefix("order-5016-") }.count == 2
                    let gamma = try workspace.xml("GAMMA").filter { $0.hasPrefix("order-6001-") }.count == 2
                    let sent = await betaStore.orderStatus(5017) == "OrderState_Sent"
                    let sentToo = await gammaStore.orderStatus(6002) == "OrderState_Sent"
                    return beta && gamma && sent && sentToo
                }
                #expect(carriedOn)
                #expect(await alphaStore.orderStatus(5017) != "OrderState_Sent")
                #expect(await alphaStore.writes.isEmpty)
                // Each owner's write went to its own company only.
                #expect(await betaStore.writes.map(\.id) == [5017])
                #expect(await gammaStore.writes.map(\.id) == [6002])
                stop(daemon)
                #expect(daemon.terminationStatus == 0)

                // The shared account's budget: the count so far is in the state; allow a dozen more this hour.
                let usedBefore = await betaStore.requestCount + gammaStore.requestCount
                let betaBefore = await betaStore.requestCount
                let gammaBefore = await gammaStore.requestCount
                let budget = usedBefore + 12
                try workspace.write(Self.owners(alpha: alphaURL, shared: sharedURL, budget: budget))
                await alphaStore.setFaults(.none)
                daemon = try start(workspace)
                defer { stop(daemon) }
                let usedUp = try await eventually(.seconds(30)) {
                    await betaStore.requestCount + gammaStore.requestCount >= budget - 2
                }
                #expect(usedUp)
                // ALPHA has its own account and keeps working: an edited order is exported again.
                await alphaStore.editOrder(5014) { $0 = $0.setting("InvoiceTitle", to: "Endret") }
                let alphaWorks = try await eventually(.seconds(30)) {
                    try workspace.xml("ALPHA").filter { $0.hasPrefix("order-5014-") }.count == 2
                }
                #expect(alphaWorks)
                let used = await betaStore.requestCount + gammaStore.requestCount
                #expect(used <= budget, "the shared account got \(used) requests with a budget of \(budget)")
                // Both owners on the shared account had their turn after the restart.
                #expect(await betaStore.requestCount > betaBefore)
                #expect(await gammaStore.requestCount > gammaBefore)
            }
        }
    }
}
