import Foundation
import Testing

@testable import SevenBridgeCLI

/// A goodsOwners list is checked as a whole, and every problem names the entry and its line.
@Suite struct GoodsOwnersValidationTests {
    @Test func anUnknownKeyInAnEntryNamesTheEntryTheLineAndTheNearestKey() throws {
        let folder = try ConfigurationFolder(
            OwnersFixture.yaml(
                """
                  - goodsOwnerCode: ACME
                  - goodsOwnerCode: BETA
                    erp:
                      usrname: x
                    intervall: 5m
                """))
        let problems = folder.refusal().problems
        #expect(problems.count == 2, "\(problems)")
        #expect(
            problems.contains(
                "\(folder.path) line \(folder.line(of: "usrname")): goodsOwners[1] (BETA): unknown key erp.usrname; "
                    + "did you mean erp.username?"), "\(problems)")
        #expect(
            problems.contains(
                "\(folder.path) line \(folder.line(of: "intervall")): goodsOwners[1] (BETA): unknown key intervall; "
                    + "did you mean interval?"), "\(problems)")
    }

    @Test func aCodeListedTwiceIsNamedOnceWithBothEntries() throws {
        let folder = try ConfigurationFolder(
            OwnersFixture.yaml("  - goodsOwnerCode: ACME\n  - goodsOwnerCode: BETA\n  - goodsOwnerCode: ACME"))
        let problems = folder.refusal().problems
        // Only the duplicate: its default folders, the same as the first ACME's, are not reported on top of it.
        #expect(
            problems == [
                "\(folder.path) line \(folder.line(of: "BETA") + 1): goodsOwners[2] (ACME): goodsOwnerCode ACME is "
                    + "listed twice: goodsOwners[0] at \(folder.path) line \(folder.line(of: "ACME")) has it too; "
                    + "list each goods owner once"
            ])
    }

    @Test(arguments: [("acme", "ACME"), ("A-B", "A_B")])
    func codesTheEnvironmentCannotTellApartAreRefused(first: String, second: String) throws {
        let folder = try ConfigurationFolder(
            OwnersFixture.yaml("  - goodsOwnerCode: \(first)\n  - goodsOwnerCode: \(second)"))
        let text = folder.refusal().text
        #expect(
            text.contains(
                "goodsOwners[1] (\(second)): goodsOwnerCode \(second) and goodsOwners[0] (\(first))'s \(first) are both "
                    + "\(second.uppercased().replacingOccurrences(of: "-", with: "_")) in environment variables"),
            "\(text)")
    }

    @Test(arguments: [("outbox", "out"), ("inbox", "in"), ("archive", "arch")])
    func twoOwnersCannotShareAFolder(key: String, topLevel: String) throws {
        let folder = try ConfigurationFolder(
            OwnersFixture.yaml(
                "  - goodsOwnerCode: ACME\n  - goodsOwnerCode: BETA\n    folders: {\(key): \(topLevel)/ACME}"))
        let problems = folder.refusal().problems
        #expect(
            problems == [
                "\(folder.path) line \(folder.line(of: "    folders: {")): goodsOwners[1] (BETA): folders.\(key) "
                    + "\(folder.root)/\(topLevel)/ACME is also goodsOwners[0] (ACME)'s folders.\(key); two goods owners "
                    + "never share an outbox, an inbox or an archive: give each its own folder, or leave folders.\(key) "
                    + "out for the default, the top-level folder plus the goods owner's code"
            ])
    }

    @Test func oneOwnersInboxCannotBeAnothersOutbox() throws {
        let folder = try ConfigurationFolder(
            OwnersFixture.yaml("  - goodsOwnerCode: ACME\n  - {goodsOwnerCode: BETA, folders: {inbox: out/ACME}}"))
        let text = folder.refusal().text
        #expect(
            text.contains(
                "goodsOwners[1] (BETA): folders.inbox \(folder.root)/out/ACME is also "
                    + "goodsOwners[0] (ACME)'s folders.outbox"), "\(text)")
    }

    @Test func anEntryThatIsNotAMappingIsNamedWithItsLine() throws {
        let folder = try ConfigurationFolder(OwnersFixture.yaml("  - ACME\n  - goodsOwnerCode: BETA"))
        let problems = folder.refusal().problems
        #expect(problems.count == 1, "\(problems)")
        #expect(
            problems.first?.hasPrefix(
                "\(folder.path) line \(folder.line(of: "- ACME")): goodsOwners[0] must be a mapping of keys") == true)
    }

    @Test(arguments: ["ACME/EU", "A.B", "BRØD", "A B", ".."])
    func aCodeThatCannotNameAFolderAndAVariableIsRefused(code: String) throws {
        let folder = try ConfigurationFolder(OwnersFixture.yaml("  - goodsOwnerCode: \"\(code)\""))
        let problems = folder.refusal().problems
        #expect(
            problems == [
                "\(folder.path) line \(folder.line(of: code)): goodsOwners[0] (\(code)): goodsOwnerCode \(code) cannot "
                    + "name a folder and an environment variable; use only letters A-Z and a-z, digits, - and _"
            ])
    }

    @Test func anEntryNeedsACodeAndTheTopLevelCodeHasNoEffectBesideTheList() throws {
        let folder = try ConfigurationFolder(
            OwnersFixture.yaml(
                "  - goodsOwnerCode: ACME\n  - erp: {username: b@example.no}", top: "goodsOwnerCode: OLD"))
        let problems = folder.refusal().problems
        #expect(problems.count == 2, "\(problems)")
        #expect(
            problems.contains(
                "\(folder.path) line \(folder.line(of: "- erp")): goodsOwners[1]: goodsOwnerCode is required in every "
                    + "entry"))
        #expect(
            problems.contains {
                $0.hasPrefix(
                    "\(folder.path) line \(folder.line(of: "OLD")): goodsOwnerCode at the top level has no effect")
            })
    }

    @Test func anEmptyOrNestedListIsRefused() throws {
        let empty = try ConfigurationFolder(OwnersFixture.yaml("  []"))
        #expect(empty.refusal().text.contains("goodsOwners must list the goods owners"))
        let nested = try ConfigurationFolder(
            OwnersFixture.yaml("  - goodsOwnerCode: ACME\n    goodsOwners: [{goodsOwnerCode: BETA}]"))
        #expect(nested.refusal().text.contains("goodsOwners[0] (ACME): goodsOwners cannot be nested"))
    }

    @Test func everyValueIsCheckedForEveryOwnerAndTheProblemNamesTheOwner() throws {
        let folder = try ConfigurationFolder(
            OwnersFixture.yaml(
                """
                  - goodsOwnerCode: ACME
                    erp: {applicationId: not-a-guid}
                  - goodsOwnerCode: BETA
                    interval: 7
                """, top: "inbox:\n  settle: 0s"))
        let (problems, text, _) = folder.refusal()
        #expect(problems.count == 4, "\(problems)")
        let path = folder.path
        #expect(
            text.contains(
                "\(path) line \(folder.line(of: "not-a-guid")): goodsOwners[0] (ACME): erp.applicationId must be a GUID"
            ))
        #expect(
            text.contains(
                "\(path) line \(folder.line(of: "interval: 7")): goodsOwners[1] (BETA): interval: 7 has no unit"))
        // A bad top-level value is reported for each owner that inherits it.
        for owner in ["goodsOwners[0] (ACME)", "goodsOwners[1] (BETA)"] {
            #expect(
                text.contains("\(path) line \(folder.line(of: "settle")): \(owner): inbox.settle: 0s is not above zero")
            )
        }
    }

    @Test func aMissingPasswordNamesTheOwnerAndItsVariable() throws {
        let folder = try ConfigurationFolder(OwnersFixture.yaml(OwnersFixture.twoOwners))
        let problems = folder.refusal(["SEVENBRIDGE_OWNERS_ACME_ERP_PASSWORD": "acme-password"]).problems
        #expect(
            problems == [
                "\(folder.path) line \(folder.line(of: "BETA")): goodsOwners[1] (BETA): erp.password is required: set "
                    + "it in its entry or at the top level of \(folder.path), or in "
                    + "SEVENBRIDGE_OWNERS_BETA_ERP_PASSWORD or SEVENBRIDGE_ERP_PASSWORD"
            ])
    }

    @Test func everyProblemIsReportedAtOnceAndNoSecretIsRepeated() throws {
        let folder = try ConfigurationFolder(
            OwnersFixture.yaml(
                """
                  - goodsOwnerCode: ACME
                    erp: {password: hunter2-acme, usrname: x}
                  - hunter2-item
                  - goodsOwnerCode: ACME
                    erp: {password: [hunter2-list]}
                """))
        let (problems, text, warnings) = folder.refusal([
            "SEVENBRIDGE_ERP_PASSWORD": "hunter2-top",
            "SEVENBRIDGE_OWNERS_ACMEE_ERP_PASSWORD": "hunter2-env",
            "SEVENBRIDGE_OWNERS_ACME_ERP_PASWORD": "hunter2-typo",
            "SEVENBRIDGE_OWNERS_ACME_EXTRA_FIELDS": "hunter2-records",
        ])
        for expected in [
            "goodsOwners[0] (ACME): unknown key erp.usrname", "goodsOwners[1] must be a mapping",
            "goodsOwners[2] (ACME): erp.password must be a single value", "goodsOwnerCode ACME is listed twice",
            "goodsOwners[2] (ACME): erp.password is required",
            "SEVENBRIDGE_OWNERS_ACME_EXTRA_FIELDS: goodsOwners[0] (ACME): extraFields can only be set in the configuration",
        ] {
            #expect(problems.contains { $0.contains(expected) }, "\(expected) is missing from \(problems)")
        }
        #expect(problems.count == 6, "\(problems)")
        #expect(warnings.count == 2, "\(warnings)")
        #expect(!text.contains("hunter2") && !warnings.joined().contains("hunter2"), "\(text)\n\(warnings)")
    }
}
