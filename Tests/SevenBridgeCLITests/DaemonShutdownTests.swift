import Foundation
import Testing
import TwentyFourSevenSimulator

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM while the daemon's 24SevenOffice client waits (for a quarantine to end, between retries, or for the
/// hourly budget) ends the wait at once: the daemon exits 0 within five seconds.
@Suite(.serialized) struct DaemonShutdownTests {
    enum Wait: String, CaseIterable, Sendable {
        case quarantine, backOff, budget
    }

    @Test(arguments: Wait.allCases)
    func sigtermEndsTheWaitAndTheDaemonExitsZero(wait: Wait) async throws {
        let faults =
            switch wait {
            case .quarantine: SimulatorFaults(requestLimit: 3)
            case .backOff: SimulatorFaults(serverErrorRate: 1)
            case .budget: SimulatorFaults.none
            }
        try await withSimulator(faults: faults) { store, url in
            let budget = wait == .budget ? "\n  requestsPerHour: 3" : ""
            let workspace = try BinaryWorkspace(endpoint: url, extra: "interval: 1h")
            if !budget.isEmpty {
                let text = try String(contentsOfFile: workspace.config, encoding: .utf8)
                    .replacingOccurrences(of: "  username:", with: "  requestsPerHour: 3\n  username:")
                try text.write(toFile: workspace.config, atomically: true, encoding: .utf8)
            }
            let daemon = try startBinary(
                ["run", "--config", workspace.config, "--log-level", "error"], environment: workspace.environment)
            let soak = Soak(workspace: workspace, store: store)
            // Wait until the client is in the middle of its wait.
            let waiting = try await soak.until(.seconds(20)) {
                switch wait {
                case .quarantine: await store.calls.contains { $0.outcome == "quarantined" }
                case .backOff: await store.calls.filter { $0.outcome == "http500" }.count >= 3
                case .budget: await store.calls.count >= 3
                }
            }
            let seen = await store.calls.map(\.outcome)
            #expect(waiting, "the daemon never started waiting: \(seen)")
            let calls = await store.calls.count
            kill(daemon.processIdentifier, SIGTERM)
            let exited = try await soak.exited(daemon, within: .seconds(5))
            if !exited { kill(daemon.processIdentifier, SIGKILL) }
            daemon.waitUntilExit()
            #expect(exited, "still running five seconds after SIGTERM")
            #expect(daemon.terminationReason == .exit && daemon.terminationStatus == 0)
            if wait != .backOff { #expect(await store.calls.count == calls, "no call after SIGTERM") }
        }
    }
}
