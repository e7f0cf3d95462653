import Foundation
import Testing

/// What an operator installs from the README alone: the production configuration in deploy/ loads and is checked,
/// with its password from the unit's environment file through `--env-file`, and its folders are the ones the
/// systemd unit lets the service write.
@Suite struct DeployTests {
    @Test func theProductionConfigurationLoadsWithTheUnitsEnvironmentFileAndMatchesItsFolders() async throws {
        let environmentFile = FileManager.default.temporaryDirectory.appendingPathComponent("env-\(UUID())").path
        try "# as in /etc/sevenbridge/environment\nSEVENBRIDGE_ERP_PASSWORD='s3cret word'\n".write(
            toFile: environmentFile, atomically: true, encoding: .utf8)
        let config = repositoryRoot + "/deploy/sevenbridge.yaml"
        let without = try await runBinary(["mapping", "--config", config])
        #expect(without.status != 0 && (without.output + without.errors).contains("erp.password is required"))
        let with = try await runBinary(["mapping", "--config", config, "--env-file", environmentFile])
        #expect(with.status == 0, "\(with.output)\(with.errors)")
        #expect(!(with.output + with.errors).contains("s3cret"))

        let unit = try String(contentsOfFile: repositoryRoot + "/deploy/sevenbridge.service", encoding: .utf8)
        let writable = try #require(unit.split(separator: "\n").first { $0.hasPrefix("ReadWritePaths=") })
            .dropFirst("ReadWritePaths=".count).split(separator: " ").map(String.init)
        let yaml = try String(contentsOfFile: config, encoding: .utf8)
        for key in ["outbox", "inbox", "archive", "state"] {
            let line = try #require(yaml.split(separator: "\n").first { $0.hasPrefix("  \(key): ") })
            let folder = String(line.dropFirst("  \(key): ".count).prefix { $0 != " " })
            #expect(writable.contains { folder.hasPrefix($0 + "/") }, "folders.\(key) \(folder) is not in \(writable)")
        }
    }

    @Test func theThreePLConfigurationServesEveryOwnerWithinTheUnitsFolders() async throws {
        let environmentFile = FileManager.default.temporaryDirectory.appendingPathComponent("env-\(UUID())").path
        try "SEVENBRIDGE_ERP_PASSWORD=shared-secret\nSEVENBRIDGE_OWNERS_NORD_ERP_PASSWORD=nord-secret\n".write(
            toFile: environmentFile, atomically: true, encoding: .utf8)
        let config = repositoryRoot + "/deploy/sevenbridge-3pl.yaml"
        let result = try await runBinary(["mapping", "--config", config, "--env-file", environmentFile])
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        let owners = Set(result.output.split(separator: "\n").compactMap { $0.split(separator: ":").first })
        #expect(owners == ["ACME", "BETA", "NORD"], "\(owners)")
        #expect(!(result.output + result.errors).contains("secret"))
        let unit = try String(contentsOfFile: repositoryRoot + "/deploy/sevenbridge.service", encoding: .utf8)
        let writable = try #require(unit.split(separator: "\n").first { $0.hasPrefix("ReadWritePaths=") })
            .dropFirst("ReadWritePaths=".count).split(separator: " ").map(String.init)
        let yaml = try String(contentsOfFile: config, encoding: .utf8)
        for key in ["outbox", "inbox", "archive", "state"] {
            let line = try #require(yaml.split(separator: "\n").first { $0.hasPrefix("  \(key): ") })
            let folder = String(line.dropFirst("  \(key): ".count).prefix { $0 != " " })
            #expect(writable.contains { folder.hasPrefix($0 + "/") }, "folders.\(key) \(folder) is not in \(writable)")
        }
    }

    @Test func aBrokenEnvironmentFileIsNamedWithItsLine() async throws {
        let environmentFile = FileManager.default.temporaryDirectory.appendingPathComponent("env-\(UUID())").path
        try "SEVENBRIDGE_ERP_PASSWORD=x\nthis is not an assignment\n".write(
            toFile: environmentFile, atomically: true, encoding: .utf8)
        let result = try await runBinary([
            "mapping", "--config", repositoryRoot + "/deploy/sevenbridge.yaml", "--env-file", environmentFile,
        ])
        #expect(result.status != 0)
        #expect((result.output + result.errors).contains("line 2: not a KEY=VALUE assignment"))
    }
}
