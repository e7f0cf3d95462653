import Foundation
import Testing

@testable import SevenBridgeCLI

/// `http.listen` and `alerts.inboxSilence`: off by default, checked at start-up, and the listener set for the whole
/// bridge only.
@Suite struct MonitoringConfigurationTests {
    let environment = ["SEVENBRIDGE_ERP_PASSWORD": "p"]

    @Test func bothAreOffByDefault() throws {
        let site = try ConfigurationFolder(OwnersFixture.singleOwner).load(environment).site
        #expect(site.httpListen == nil)
        #expect(site.owners.first?.inboxSilence == nil)
    }

    @Test(arguments: [
        ("127.0.0.1:9464", ListenAddress(host: "127.0.0.1", port: 9464)),
        ("[::1]:0", ListenAddress(host: "::1", port: 0)),
        ("localhost:8080", ListenAddress(host: "localhost", port: 8080)),
    ])
    func anAddressIsHostAndPort(text: String, address: ListenAddress) throws {
        let folder = try ConfigurationFolder(
            OwnersFixture.singleOwner + "\nhttp:\n  listen: \"\(text)\"\nalerts:\n  inboxSilence: 4h")
        let site = try folder.load(environment).site
        #expect(site.httpListen == address)
        #expect(site.owners.first?.inboxSilence == .seconds(14_400))
    }

    @Test(arguments: [
        ("9464", "9464 is not host:port"), ("127.0.0.1:http", "the port http is not a number"),
        ("127.0.0.1:70000", "the port 70000 is not a number from 0 to 65535"),
        ("::1:9464", "::1:9464 is not host:port"),
    ])
    func aBadAddressIsExplainedWithItsLine(text: String, reason: String) throws {
        let folder = try ConfigurationFolder(OwnersFixture.singleOwner + "\nhttp:\n  listen: \"\(text)\"")
        let problems = folder.refusal().problems
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix("\(folder.path) line \(folder.line(of: "listen")): http.listen: ") == true)
        #expect(problems.first?.contains(reason) == true, "\(problems)")
    }

    @Test func aBareNumberOfSilenceIsRefused() throws {
        let folder = try ConfigurationFolder(OwnersFixture.singleOwner + "\nalerts:\n  inboxSilence: 4")
        let problems = folder.refusal().problems
        #expect(problems.count == 1 && problems[0].contains("alerts.inboxSilence"), "\(problems)")
    }

    @Test func oneGoodsOwnerCannotHaveAListenerOfItsOwnButMaySetItsSilence() throws {
        let folder = try ConfigurationFolder(
            OwnersFixture.yaml(
                """
                  - goodsOwnerCode: ACME
                    alerts: {inboxSilence: 2h}
                  - goodsOwnerCode: BETA
                    http: {listen: "127.0.0.1:9999"}
                """, top: "http:\n  listen: 127.0.0.1:9464"))
        let problems = folder.refusal().problems
        #expect(
            problems == [
                "\(folder.path) line \(folder.line(of: "9999")): goodsOwners[1] (BETA): http.listen is for the whole "
                    + "bridge (one listener serves every goods owner); set it at the top level"
            ], "\(problems)")
        let allowed = try ConfigurationFolder(
            OwnersFixture.yaml(
                """
                  - goodsOwnerCode: ACME
                    alerts: {inboxSilence: 2h}
                  - goodsOwnerCode: BETA
                """, top: "http:\n  listen: 127.0.0.1:9464"))
        let site = try allowed.load(environment).site
        #expect(site.httpListen == ListenAddress(host: "127.0.0.1", port: 9464))
        #expect(site.owners.map(\.inboxSilence) == [.seconds(7_200), nil])
    }
}
