import Foundation
import Testing
import TwentyFourSevenSimulator

#if canImport(Glibc)
    import Glibc
#endif

/// A single-owner configuration and the state a run of it left behind run on unchanged: nothing is exported again,
/// the watermarks are kept, by `run --once`, by the daemon, and by the same owner written as a `goodsOwners` entry
/// with its folders set explicitly.
@Suite(.serialized) struct SingleOwnerUpgradeTests {
    /// Each process's watermark, from `status --json`.
    static func watermarks(_ workspace: BinaryWorkspace) async throws -> [String: String] {
        let status = try await runBinary(
            ["status", "--json", "--config", workspace.config], environment: workspace.environment)
        let document = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any]
        let owner = (document?["goodsOwners"] as? [String: Any])?["ACME"] as? [String: Any]
        var marks: [String: String] = [:]
        for process in owner?["processes"] as? [[String: Any]] ?? [] {
            if let name = process["process"] as? String { marks[name] = process["watermark"] as? String }
        }
        return marks
    }

    @Test func theStateOfASingleOwnerRunIsUsedAsItIs() async throws {
        try await withSimulator { store, url in
            let workspace = try BinaryWorkspace(endpoint: url, extra: "interval: 1s")
            let first = try await runBinary(
                ["run", "--once", "--config", workspace.config], environment: workspace.environment)
            #expect(first.status == 0, "\(first.errors)")
            let files = try workspace.files("out")
            #expect(files.filter { $0.hasSuffix(".xml") }.count == 48)
            let marks = try await Self.watermarks(workspace)
            #expect(Set(marks.keys) == ["articles", "suppliers", "orders"], "\(marks)")

            // The same configuration again: one owner, lines as before, nothing written, the watermarks kept.
            let again = try await runBinary(
                ["run", "--once", "--config", workspace.config], environment: workspace.environment)
            #expect(again.status == 0, "\(again.errors)")
            for process in ["articles", "suppliers", "orders"] {
                #expect(again.output.contains("\(process): 0 written"), "\(again.output)")
            }
            #expect(!again.output.contains("ACME: "))
            #expect(try workspace.files("out") == files)
            let kept = try await Self.watermarks(workspace)
            for (process, mark) in marks { #expect((kept[process] ?? "") >= mark, "\(process): \(kept)") }

            // The daemon over the same state: a cycle runs (GetProducts asked again) and nothing is written.
            let asked = await store.count("GetProducts")
            let daemon = try startBinary(
                ["run", "--config", workspace.config, "--log-level", "error"], environment: workspace.environment)
            let cycled = try await eventually { await store.count("GetProducts") >= asked + 2 }
            kill(daemon.processIdentifier, SIGTERM)
            daemon.waitUntilExit()
            #expect(cycled && daemon.terminationStatus == 0)
            #expect(try workspace.files("out") == files)

            // The same owner as a goodsOwners entry, its folders set as they were: its state is found as it is.
            let listed = """
                erp:
                  endpoint: \(url)
                  applicationId: \(SimulatorCredentials.demo.applicationId)
                  username: \(SimulatorCredentials.demo.username)
                folders:
                  state: st
                goodsOwners:
                  - goodsOwnerCode: ACME
                    folders: {outbox: out, archive: arch, inbox: inbox}
                    processes: {suppliers: true}
                """
            try listed.write(toFile: workspace.config, atomically: true, encoding: .utf8)
            let listedRun = try await runBinary(
                ["run", "--once", "--config", workspace.config], environment: workspace.environment)
            #expect(listedRun.status == 0, "\(listedRun.errors)")
            for process in ["articles", "suppliers", "orders"] {
                #expect(listedRun.output.contains("\(process): 0 written"), "\(listedRun.output)")
            }
            #expect(try workspace.files("out") == files)
            let verify = try await runBinary(
                ["archive", "verify", "--config", workspace.config], environment: workspace.environment)
            #expect(verify.status == 0 && verify.output.contains("chain intact"), "\(verify.output)")
        }
    }
}
