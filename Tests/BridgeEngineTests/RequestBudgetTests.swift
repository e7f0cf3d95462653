import BridgeEngine
import Foundation
import Logging
import Testing
import TwentyFourSeven
import TwentyFourSevenSimulator

/// The hourly request budget is counted per account across restarts: a new process continues the count its state
/// store kept, and a quarantine announced before a restart is still waited out after it.
@Suite struct RequestBudgetTests {
    @Test func aRestartContinuesTheHourlyCount() async throws {
        try await withSimulator { _, url in
            let workspace = try Workspace()
            let account = RequestBudget.account(endpoint: url, username: SimulatorCredentials.demo.username)
            let first = try StateDatabase(folder: workspace.state)
            let budget = try first.requestBudget(account: account, limit: 10)
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let client = TwentyFourSevenClient(
                configuration: TwentyFourSevenConfiguration(
                    endpoint: url,
                    credential: Credential(
                        applicationId: SimulatorCredentials.demo.applicationId,
                        username: SimulatorCredentials.demo.username, password: SimulatorCredentials.demo.password),
                    hourlyRequestBudget: 10),
                budget: budget, logger: logger)
            _ = try await client.products(ProductQuery(productIds: [1001]))
            _ = try await client.products(ProductQuery(productIds: [1002]))
            #expect(await budget.remaining(now: Date()) == 7)  // Login and two reads
            // Another process over the same state continues the count.
            let restarted = try StateDatabase(folder: workspace.state).requestBudget(account: account, limit: 10)
            #expect(await restarted.remaining(now: Date()) == 7)
            #expect(await restarted.remaining(now: Date().addingTimeInterval(3601)) == 10)
        }
    }

    @Test func theWindowRuleCountsInFixedHoursAndHonoursAQuarantine() {
        let start = Date(timeIntervalSince1970: 10_000)
        var window = RequestWindow()
        #expect(window.take(now: start, limit: 2) == 0)
        #expect(window.take(now: start.addingTimeInterval(1), limit: 2) == 0)
        #expect(window.take(now: start.addingTimeInterval(2), limit: 2) == 3598)
        #expect(window.take(now: start.addingTimeInterval(3600), limit: 2) == 0)
        window.block(until: start.addingTimeInterval(5000))
        #expect(window.remaining(now: start.addingTimeInterval(4000), limit: 2) == 0)
        #expect(window.take(now: start.addingTimeInterval(4000), limit: 2) == 1000)
        #expect(window.take(now: start.addingTimeInterval(5000), limit: 2) == 0)
    }
}
