import Foundation
import Testing
import TwentyFourSevenSimulator

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary on real folders against the simulator.
@Suite(.serialized) struct RunOnceTests {
    @Test func runOnceTwiceWritesEverythingThenNothing() async throws {
        try await withSimulator { _, url in
            let workspace = try BinaryWorkspace(endpoint: url)
            let first = try await runBinary(
                ["run", "--once", "--config", workspace.config], environment: workspace.environment)
            #expect(first.status == 0, "\(first.errors)")
            #expect(first.output.contains("articles: 35 written"))
            #expect(first.output.contains("suppliers: 3 written"))
            #expect(first.output.contains("orders: 10 written"))
            let files = try workspace.files("out")
            #expect(files.count == 51)
            #expect(!first.errors.contains(SimulatorCredentials.demo.password))

            let second = try await runBinary(
                ["run", "--once", "--config", workspace.config], environment: workspace.environment)
            #expect(second.status == 0)
            #expect(second.output.contains("articles: 0 written"))
            #expect(second.output.contains("orders: 0 written"))
            #expect(try workspace.files("out") == files)

            let verify = try await runBinary(
                ["archive", "verify", "--config", workspace.config], environment: workspace.environment)
            #expect(verify.status == 0)
            #expect(verify.output.contains("51 records, chain intact"))
        }
    }

    @Test func dryRunWritesNothing() async throws {
        try await withSimulator { store, url in
            let workspace = try BinaryWorkspace(endpoint: url)
            let result = try await runBinary(
                ["run", "--once", "--dry-run", "--config", workspace.config], environment: workspace.environment)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output.contains("orders: 10 would be written"))
            #expect(result.output.contains("would write order-5007-"))
            #expect(try workspace.files("out").isEmpty)
            #expect(try workspace.files("st").isEmpty)
            #expect(await store.writes.isEmpty)
        }
    }

    @Test func killedAtRandomPointsThenRunAgainLeavesEveryObjectExactlyOnce() async throws {
        let faults = SimulatorFaults(latency: .milliseconds(40))
        try await withSimulator(faults: faults) { _, url in
            let workspace = try BinaryWorkspace(endpoint: url)
            var seen: [Int] = []
            // Kill when the outbox reaches each target: during start-up, then in the middle of each kind.
            var generator = SystemRandomNumberGenerator()
            let targets = [
                0, Int.random(in: 1...10, using: &generator), 20, Int.random(in: 30...34, using: &generator), 38, 45,
            ]
            for target in targets {
                let process = try startBinary(
                    ["run", "--once", "--config", workspace.config, "--log-level", "error"],
                    environment: workspace.environment)
                if target == 0 { try await Task.sleep(for: .milliseconds(30)) }
                while process.isRunning,
                    (try workspace.files("out").filter { $0.hasSuffix(".xml") }.count) < target
                {
                    try await Task.sleep(for: .milliseconds(1))
                }
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                seen.append(try workspace.files("out").filter { $0.hasSuffix(".xml") }.count)
            }
            // At least one kill must have landed in the middle of writing, or the test proves nothing.
            #expect(seen.contains { $0 > 0 && $0 < 48 }, "visible XML files after each kill: \(seen)")
            print("visible XML files after each kill: \(seen)")
            let final = try await runBinary(
                ["run", "--once", "--config", workspace.config], environment: workspace.environment)
            #expect(final.status == 0, "\(final.errors)")
            let files = try workspace.files("out")
            #expect(
                files.allSatisfy { !$0.hasPrefix(".") },
                "half-written files left: \(files.filter { $0.hasPrefix(".") })")
            #expect(files.filter { $0.hasSuffix(".csv") }.count >= 3)
            let xml = files.filter { $0.hasSuffix(".xml") }
            let keys = xml.map { name -> String in
                let parts = name.dropLast(4).split(separator: "-")
                return parts.dropLast().joined(separator: "-")
            }
            #expect(xml.count == 48, "\(xml.count) XML files")
            #expect(
                Set(keys).count == xml.count,
                "duplicates: \(Dictionary(grouping: keys, by: { $0 }).filter { $0.value.count > 1 }.keys)")
            let verify = try await runBinary(
                ["archive", "verify", "--config", workspace.config], environment: workspace.environment)
            #expect(verify.status == 0, "\(verify.output)")
        }
    }
}
