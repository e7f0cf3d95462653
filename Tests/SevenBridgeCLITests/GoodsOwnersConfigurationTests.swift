import Foundation
import Testing

@testable import SevenBridgeCLI

/// Several goods owners in one configuration (interfaces section 2): entries merged over the top level key by key,
/// folders per owner, environment variables per owner, and every problem of every owner named at once.
@Suite struct GoodsOwnersConfigurationTests {
    @Test func anEntryOverridesTheTopLevelKeyByKey() throws {
        let folder = try ConfigurationFolder(OwnersFixture.yaml(OwnersFixture.twoOwners))
        let (site, warnings) = try folder.load(["SEVENBRIDGE_ERP_PASSWORD": "top-password"])
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(site.listsGoodsOwners)
        #expect(site.owners.map(\.goodsOwnerCode) == ["ACME", "BETA"])
        let acme = try #require(site.owner(code: "ACME"))
        let beta = try #require(site.owner(code: "BETA"))
        // erp.username alone is ACME's; the rest of erp comes from the top level.
        #expect(acme.erp.username == "acme@example.no")
        #expect(acme.erp.applicationId == OwnersFixture.guidA && acme.erp.endpoint == "http://127.0.0.1:9")
        #expect(acme.erp.password == "top-password" && acme.erp.identityId == nil)
        #expect(acme.interval == .seconds(300) && !acme.processes.suppliers && acme.processes.articles)
        #expect(beta.erp.username == "top@example.no")
        #expect(beta.erp.applicationId == OwnersFixture.guidB && beta.erp.identityId == OwnersFixture.guidC)
        #expect(beta.interval == .seconds(3600) && beta.processes.suppliers && beta.processes.articles)
    }

    @Test func foldersDefaultToTheTopLevelFolderPlusTheCodeAndStateIsShared() throws {
        let folder = try ConfigurationFolder(OwnersFixture.yaml(OwnersFixture.twoOwners))
        let site = try folder.load(["SEVENBRIDGE_ERP_PASSWORD": "p"]).site
        let root = folder.root
        let acme = try #require(site.owner(code: "ACME")).folders
        let beta = try #require(site.owner(code: "BETA")).folders
        #expect(
            [acme.outbox, acme.inbox, acme.archive] == ["\(root)/out/ACME", "\(root)/in/ACME", "\(root)/arch/ACME"])
        // BETA sets its own outbox (relative, so against the file's folder) and gets no code appended to it.
        #expect(
            [beta.outbox, beta.inbox, beta.archive] == ["\(root)/beta-out", "\(root)/in/BETA", "\(root)/arch/BETA"])
        #expect(acme.state == "\(root)/st" && beta.state == "\(root)/st")
        #expect(site.stateFolder == "\(root)/st" && site.stateFolders == ["\(root)/st"])

        let own = try ConfigurationFolder(
            OwnersFixture.yaml("  - goodsOwnerCode: ACME\n  - {goodsOwnerCode: BETA, folders: {state: beta-state}}"))
        let split = try own.load(["SEVENBRIDGE_ERP_PASSWORD": "p"]).site
        #expect(split.stateFolders == ["\(own.root)/st", "\(own.root)/beta-state"])
    }

    @Test func anOwnersEnvironmentVariableWinsForThatOwnerOnly() throws {
        let folder = try ConfigurationFolder(
            OwnersFixture.yaml(OwnersFixture.twoOwners + "\n  - goodsOwnerCode: nord-vest"))
        let (site, warnings) = try folder.load([
            "SEVENBRIDGE_ERP_PASSWORD": "top-password",
            "SEVENBRIDGE_OWNERS_ACME_ERP_PASSWORD": "acme-password",
            "SEVENBRIDGE_OWNERS_ACME_ERP_USERNAME": "acme-env@example.no",
            "SEVENBRIDGE_OWNERS_NORD_VEST_INTERVAL": "2h",
            "SEVENBRIDGE_OWNERS_BETA_FOLDERS_INBOX": "beta-in",
            "SEVENBRIDGE_ERP_USERNAME": "top-env@example.no",
        ])
        #expect(warnings.isEmpty, "an owner's variable was taken for an unknown top-level one: \(warnings)")
        let acme = try #require(site.owner(code: "ACME"))
        let beta = try #require(site.owner(code: "BETA"))
        let nordVest = try #require(site.owner(code: "nord-vest"))
        #expect(acme.erp.password == "acme-password" && acme.erp.username == "acme-env@example.no")
        #expect(beta.erp.password == "top-password" && nordVest.erp.password == "top-password")
        // A top-level variable changes the default, which BETA takes and ACME's entry overrides.
        #expect(beta.erp.username == "top-env@example.no")
        #expect(
            nordVest.interval == .seconds(7200) && acme.interval == .seconds(300) && beta.interval == .seconds(3600))
        #expect(beta.folders.inbox == "\(folder.root)/beta-in" && acme.folders.inbox == "\(folder.root)/in/ACME")
        let key = try #require(ConfigurationKey.named("erp.password"))
        #expect(key.environmentVariable(owner: "nord-vest") == "SEVENBRIDGE_OWNERS_NORD_VEST_ERP_PASSWORD")
    }

    @Test func anOwnersVariableForAnUnknownOwnerOrKeyIsAWarningWithASuggestion() throws {
        let folder = try ConfigurationFolder(OwnersFixture.yaml(OwnersFixture.twoOwners))
        let (site, warnings) = try folder.load([
            "SEVENBRIDGE_ERP_PASSWORD": "p",
            "SEVENBRIDGE_OWNERS_ACMEE_ERP_PASSWORD": "typo-owner-secret",
            "SEVENBRIDGE_OWNERS_BETA_ERP_PASWORD": "typo-key-secret",
        ])
        #expect(site.owners.allSatisfy { $0.erp.password == "p" })
        #expect(warnings.count == 2, "\(warnings)")
        #expect(
            warnings.contains {
                $0.contains("SEVENBRIDGE_OWNERS_ACMEE_ERP_PASSWORD names no configured goods owner (ACME, BETA)")
                    && $0.contains("did you mean SEVENBRIDGE_OWNERS_ACME_ERP_PASSWORD?")
            })
        #expect(
            warnings.contains {
                $0.contains("SEVENBRIDGE_OWNERS_BETA_ERP_PASWORD is not a configuration key of goods owner BETA")
                    && $0.contains("did you mean SEVENBRIDGE_OWNERS_BETA_ERP_PASSWORD?")
            })
        #expect(!warnings.joined().contains("secret"))

        let single = try ConfigurationFolder(OwnersFixture.singleOwner)
        let alone = try single.load(["SEVENBRIDGE_ERP_PASSWORD": "p", "SEVENBRIDGE_OWNERS_ACME_INTERVAL": "1h"])
        #expect(alone.site.owners.first?.interval == .seconds(900))
        #expect(alone.warnings.count == 1 && alone.warnings[0].contains("lists no goodsOwners; it is ignored"))
    }

    @Test func withoutGoodsOwnersTheSiteIsTheOneTopLevelOwner() throws {
        let folder = try ConfigurationFolder(OwnersFixture.singleOwner)
        let environment = ["SEVENBRIDGE_ERP_PASSWORD": "p", "SEVENBRIDGE_INTERVAL": "1h"]
        let site = try folder.load(environment).site
        let loaded = try #require(site.owners.first)
        #expect(site.owners.count == 1)
        #expect(!site.listsGoodsOwners && loaded.goodsOwnerCode == "ACME" && loaded.interval == .seconds(3600))
        // The folders are the configured ones, with no code appended, so existing installs keep their files.
        #expect(loaded.folders.outbox == "\(folder.root)/out" && loaded.folders.inbox == "\(folder.root)/inbox")
        #expect(site.stateFolder == "\(folder.root)/st")
    }

    @Test func aSingleListedOwnerGetsTheFoldersPlusItsCode() throws {
        let one = try ConfigurationFolder(OwnersFixture.yaml("  - goodsOwnerCode: ACME"))
        let site = try one.load(["SEVENBRIDGE_ERP_PASSWORD": "p"]).site
        let acme = try #require(site.owners.first)
        #expect(acme.goodsOwnerCode == "ACME" && acme.folders.outbox == "\(one.root)/out/ACME")
    }

    @Test func commandsServeEveryOwnerAndNameEachLinesOwner() async throws {
        let folder = try ConfigurationFolder(OwnersFixture.yaml(OwnersFixture.twoOwners))
        let result = try await runBinary(
            ["mapping", "--config", folder.path], environment: ["SEVENBRIDGE_ERP_PASSWORD": "p"])
        #expect(result.status == 0, "\(result)")
        let lines = result.output.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.allSatisfy { $0.hasPrefix("ACME: ") || $0.hasPrefix("BETA: ") }, "\(result.output)")
        #expect(lines.contains { $0.hasPrefix("BETA: Articles") })
        let one = try await runBinary(
            ["mapping", "--config", folder.path, "--owner", "BETA"], environment: ["SEVENBRIDGE_ERP_PASSWORD": "p"])
        #expect(one.status == 0 && one.output.hasPrefix("Articles"), "\(one)")
        let unknown = try await runBinary(
            ["mapping", "--config", folder.path, "--owner", "GAMMA"], environment: ["SEVENBRIDGE_ERP_PASSWORD": "p"])
        #expect(unknown.status != 0)
        #expect(
            (unknown.output + unknown.errors).contains("the configured goods owners are ACME, BETA"), "\(unknown)")
    }
}

/// The configurations the goods owner tests load.
enum OwnersFixture {
    static let guidA = "6f1e8a52-3c4d-4e8f-9a0b-1c2d3e4f5a6b"
    static let guidB = "0b7c5e3a-1111-4d2e-8f00-2a3b4c5d6e7f"
    static let guidC = "2f0c9d1e-2222-4a3b-9c4d-5e6f7a8b9c0d"

    /// The first goods owner sets its user, the second its company, processes, interval and outbox.
    static let twoOwners = """
          - goodsOwnerCode: ACME
            erp: {username: acme@example.no}
          - goodsOwnerCode: BETA
            erp: {applicationId: \(guidB), identityId: \(guidC)}
            processes: {suppliers: true}
            interval: 1h
            folders: {outbox: beta-out}
        """

    /// A configuration whose top level holds the shared keys, with `entries` as its goodsOwners list.
    static func yaml(_ entries: String, top: String = "") -> String {
        """
        erp:
          endpoint: http://127.0.0.1:9
          applicationId: \(guidA)
          username: top@example.no
        folders:
          outbox: out
          inbox: in
          archive: arch
          state: st
        interval: 5m
        \(top)
        goodsOwners:
        \(entries)
        """
    }

    /// A configuration without goodsOwners, as every install had before.
    static let singleOwner = """
        goodsOwnerCode: ACME
        erp:
          endpoint: http://127.0.0.1:9
          applicationId: \(guidA)
          username: top@example.no
        folders:
          outbox: out
          state: st
        """
}

/// A temporary folder with a configuration file, loaded in process.
struct ConfigurationFolder {
    /// The folder.
    let root: String
    /// The configuration's text.
    let text: String
    /// The configuration file.
    var path: String { root + "/sevenbridge.yaml" }

    /// Writes `text` as `sevenbridge.yaml` into a new temporary folder.
    init(_ text: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sevenbridge-owners-\(UUID())").path
        self.text = text
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The line (from 1) of the first line holding `needle`.
    func line(of needle: String) -> Int {
        (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    /// The site and the warnings.
    func load(_ environment: [String: String]) throws -> (site: SiteConfiguration, warnings: [String]) {
        var warnings: [String] = []
        let site = try ConfigurationLoader.loadSite(path: path, environment: environment) { warnings.append($0) }
        return (site, warnings)
    }

    /// The problems of a configuration that must be refused, the refusal's text and the warnings.
    func refusal(_ environment: [String: String] = ["SEVENBRIDGE_ERP_PASSWORD": "p"]) -> (
        problems: [String], text: String, warnings: [String]
    ) {
        var warnings: [String] = []
        do {
            _ = try ConfigurationLoader.loadSite(path: path, environment: environment) { warnings.append($0) }
            Issue.record("accepted:\n\(text)")
        } catch let error as ConfigurationError {
            return (error.problems, error.description, warnings)
        } catch {
            Issue.record("not a ConfigurationError: \(error)")
        }
        return ([], "", warnings)
    }
}
