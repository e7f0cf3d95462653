import Foundation
import Testing
import TwentyFourSevenSimulator

/// The commands over several goods owners, as the real binary: an owner added or removed takes effect on the next
/// start without touching the others' state or files; `--owner` acts on one owner; without it every line names its
/// owner, `status --json` is keyed by owner, and `doctor` checks every owner.
@Suite(.serialized) struct GoodsOwnersCommandsTests {
    static let acme = "goodsOwnerCode: ACME"
    static let nordlys = "goodsOwnerCode: NORDLYS\n    erp: {identityId: \(SimulatorIdentity.nordlys.id)}"

    func run(_ workspace: OwnersWorkspace, _ arguments: [String]) async throws -> CommandResult {
        try await runBinary(arguments + ["--config", workspace.config], environment: workspace.environment)
    }

    @Test func addingAndRemovingAnOwnerLeavesTheOthersAsTheyAre() async throws {
        let stores = [try sampleStore(nordlys: false), try sampleStore(nordlys: true)]
        try await withSimulator(stores: stores) { url in
            let workspace = try OwnersWorkspace([Self.acme], endpoint: url)
            let first = try await run(workspace, ["run", "--once"])
            #expect(first.status == 0, "\(first.output)\(first.errors)")
            #expect(first.output.contains("articles: 35 written") && !first.output.contains("ACME: "))
            let acmeFiles = try workspace.files("out/ACME")

            // NORDLYS added: it exports everything, ACME nothing again.
            try workspace.write([Self.acme, Self.nordlys], endpoint: url)
            let added = try await run(workspace, ["run", "--once"])
            #expect(added.status == 0, "\(added.output)\(added.errors)")
            #expect(added.output.contains("ACME: articles: 0 written"), "\(added.output)")
            #expect(added.output.contains("NORDLYS: articles: 8 written"), "\(added.output)")
            #expect(try workspace.files("out/ACME") == acmeFiles)

            // ACME removed: its files stay; NORDLYS goes on from its state.
            try workspace.write([Self.nordlys], endpoint: url)
            let removed = try await run(workspace, ["run", "--once"])
            #expect(removed.status == 0 && removed.output.contains("articles: 0 written"), "\(removed.output)")
            #expect(!removed.output.contains("ACME"))
            #expect(try workspace.files("out/ACME") == acmeFiles)
            #expect(!(try workspace.files("arch/ACME")).isEmpty)

            // ACME back: its state was kept, so nothing is exported again.
            try workspace.write([Self.acme, Self.nordlys], endpoint: url)
            let back = try await run(workspace, ["run", "--once", "--owner", "ACME"])
            #expect(back.status == 0 && back.output.contains("articles: 0 written"), "\(back.output)")
            #expect(!back.output.contains("NORDLYS") && !back.output.contains("ACME: "), "\(back.output)")
        }
    }

    @Test func everyCommandNamesTheOwnerOfEachLineOrActsOnTheOneNamed() async throws {
        let stores = [try sampleStore(nordlys: false), try sampleStore(nordlys: true)]
        try await withSimulator(stores: stores) { url in
            let workspace = try OwnersWorkspace([Self.acme, Self.nordlys], endpoint: url)
            let cycle = try await run(workspace, ["run", "--once"])
            #expect(cycle.status == 0, "\(cycle.output)\(cycle.errors)")
            let lines = cycle.output.split(separator: "\n")
            #expect(lines.allSatisfy { $0.hasPrefix("ACME: ") || $0.hasPrefix("NORDLYS: ") }, "\(cycle.output)")

            let status = try await run(workspace, ["status", "--json"])
            let document = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any]
            let owners = document?["goodsOwners"] as? [String: Any]
            #expect(Set(owners?.keys.map { $0 } ?? []) == ["ACME", "NORDLYS"], "\(status.output)")
            #expect((document?["total"] as? [String: Any])?["goodsOwners"] as? Int == 2)
            let text = try await run(workspace, ["status"])
            #expect(text.output.contains("NORDLYS: Processes:") && text.output.contains("Total, 2 goods owners"))
            let one = try await run(workspace, ["status", "--owner", "NORDLYS"])
            #expect(one.output.hasPrefix("Daemon: not running"), "\(one.output)")
            #expect(one.output.contains("\nProcesses:") && !one.output.contains("ACME"), "\(one.output)")

            let doctor = try await run(workspace, ["doctor"])
            #expect(doctor.status == 0, "\(doctor.output)")
            #expect(doctor.output.contains("ok      ACME: identity: the session works on Fjellutstyr Engros AS"))
            #expect(doctor.output.contains("ok      NORDLYS: identity: the session works on Nordlys Kaffe AS"))

            let verify = try await run(workspace, ["archive", "verify"])
            #expect(verify.status == 0, "\(verify.output)")
            #expect(verify.output.contains("ACME: archive ") && verify.output.contains("NORDLYS: archive "))
            let list = try await run(workspace, ["archive", "list", "--key", "6001"])
            #expect(list.output.split(separator: "\n").allSatisfy { $0.hasPrefix("NORDLYS: ") }, "\(list.output)")
            // A sequence number is in both archives: show needs to be told whose.
            let ambiguous = try await run(workspace, ["archive", "show", "1"])
            #expect(ambiguous.status != 0 && (ambiguous.output + ambiguous.errors).contains("--owner"))
            let shown = try await run(workspace, ["archive", "show", "1", "--owner", "NORDLYS"])
            #expect(shown.status == 0 && shown.output.contains("<GoodsOwnerCode>NORDLYS</GoodsOwnerCode>"))

            // A held stock file is released from the inbox of the owner that holds it.
            let zeros = (["KAF-100-250", "KAF-100-1000", "KAF-200-250", "KAF-300-500", "TE-100-50"]).map { "\($0);0" }
            try workspace.drop(
                "zero.csv", "ArticleNumber;SellableNumberOfItems\r\n" + zeros.joined(separator: "\r\n") + "\r\n",
                owner: "NORDLYS")
            let held = try await run(workspace, ["run", "--once"])
            #expect(held.output.contains("NORDLYS: inbox zero.csv: held"), "\(held.output)")
            let release = try await run(workspace, ["inbox", "release", "zero.csv"])
            #expect(release.status == 0 && release.output.hasPrefix("NORDLYS: released zero.csv"), "\(release)")
            let unknown = try await run(workspace, ["inbox", "release", "zero.csv", "--owner", "BETA"])
            #expect(unknown.status != 0 && (unknown.output + unknown.errors).contains("ACME, NORDLYS"))
        }
    }
}
