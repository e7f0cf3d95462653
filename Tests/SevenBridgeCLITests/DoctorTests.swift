import Foundation
import Testing
import TwentyFourSevenSimulator

/// `doctor` through the real binary: all right against the simulator, and each kind of problem named with its fix.
@Suite(.serialized) struct DoctorTests {
    @Test func doctorPassesOnAGoodSetUpAndNamesEachProblem() async throws {
        try await withSimulator { _, url in
            let workspace = try BinaryWorkspace(endpoint: url)
            for folder in ["out", "inbox", "arch", "st"] {
                try FileManager.default.createDirectory(
                    atPath: workspace.root + "/" + folder, withIntermediateDirectories: true)
            }
            let good = try await runBinary(
                ["doctor", "--config", workspace.config], environment: workspace.environment)
            #expect(good.status == 0, "\(good.output)\(good.errors)")
            #expect(good.output.contains("ok      credentials: logged in to \(url) as demo@sevenbridge.example"))
            #expect(
                good.output.contains("ok      identity: the session works on Fjellutstyr Engros AS (client 1234567"))
            #expect(good.output.contains("everything looks right"))

            let wrong = try await runBinary(
                ["doctor", "--config", workspace.config], environment: ["SEVENBRIDGE_ERP_PASSWORD": "wrong"])
            #expect(wrong.status != 0)
            #expect(wrong.output.contains("PROBLEM credentials"))
            #expect(wrong.output.contains("fix erp.applicationId, erp.username or erp.password"))
            #expect(!wrong.output.contains("wrong"))  // the password itself is never printed

            try FileManager.default.removeItem(atPath: workspace.root + "/inbox")
            _ = try await runBinary(
                ["run", "--once", "--config", workspace.config], environment: workspace.environment)
            let manifest = workspace.root + "/arch/manifest.jsonl"
            var lines = try String(contentsOfFile: manifest, encoding: .utf8).split(separator: "\n").map(String.init)
            lines.swapAt(0, 1)
            try (lines.joined(separator: "\n") + "\n").write(toFile: manifest, atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(atPath: workspace.root + "/out")
            let broken = try await runBinary(
                ["doctor", "--config", workspace.config], environment: workspace.environment)
            #expect(broken.status != 0)
            // A missing folder is what `run` would create; doctor says so and creates nothing.
            #expect(
                broken.output.contains("folders.outbox: \(workspace.root)/out does not exist yet"), "\(broken.output)")
            #expect(!FileManager.default.fileExists(atPath: workspace.root + "/out"))
            #expect(broken.output.contains("PROBLEM archive"))
            // A folder that is a file is a problem of the configuration, named by its key.
            try "x".write(toFile: workspace.root + "/out", atomically: true, encoding: .utf8)
            let file = try await runBinary(
                ["doctor", "--config", workspace.config], environment: workspace.environment)
            #expect(file.output.contains("PROBLEM configuration") && file.output.contains("folders.outbox"))
        }
    }

    @Test func doctorExplainsABadConfiguration() async throws {
        let workspace = try BinaryWorkspace(endpoint: "ftp://nowhere", extra: "intervall: 5m")
        let result = try await runBinary(["doctor", "--config", workspace.config], environment: workspace.environment)
        #expect(result.status != 0)
        #expect(result.output.contains("PROBLEM configuration"))
        #expect(result.output.contains("did you mean interval?"))
        #expect(result.output.contains("erp.endpoint must start with https://"))
    }

    @Test func jsonLogsAreOneObjectALine() async throws {
        try await withSimulator { _, url in
            let workspace = try BinaryWorkspace(endpoint: url)
            let result = try await runBinary(
                ["run", "--once", "--config", workspace.config, "--log-format", "json"],
                environment: workspace.environment)
            #expect(result.status == 0)
            let lines = result.errors.split(separator: "\n")
            #expect(lines.count > 10)
            for line in lines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object?["level"] != nil && object?["message"] != nil)
            }
            #expect(result.errors.contains("\"message\":\"exported order 5007\""))
            #expect(!result.errors.contains(SimulatorCredentials.demo.password))
        }
    }
}
