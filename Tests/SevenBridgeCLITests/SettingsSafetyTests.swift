import Foundation
import Testing
import TwentyFourSevenSimulator

/// Settings that cannot destroy data, checked by the real binary at start-up, before any ERP call or file change:
/// each problem names the key and the reason.
@Suite struct SettingsSafetyTests {
    static func refused(_ extra: String, command: [String] = ["run", "--once"]) async throws -> String {
        let workspace = try BinaryWorkspace(endpoint: "http://127.0.0.1:9", extra: extra)
        let result = try await runBinary(command + ["--config", workspace.config], environment: workspace.environment)
        #expect(result.status != 0, "accepted: \(extra)")
        #expect(try workspace.files("").filter { $0 != "sevenbridge.yaml" }.isEmpty, "files were made for: \(extra)")
        return result.output + result.errors
    }

    @Test(arguments: [
        ("archive:\n  retention: 400", "archive.retention: 400 has no unit"),
        ("interval: 0s", "interval: 0s is not above zero"),
        ("interval: 2", "interval: 2 has no unit"),
        ("interval: -5m", "interval: -5m is not above zero"),
        ("inbox:\n  settle: 2", "inbox.settle: 2 has no unit"),
        ("interval: soon", "interval: soon is not a duration"),
    ])
    func durationsNeedAUnitAndMustBeAboveZero(extra: String, expected: String) async throws {
        let text = try await Self.refused(extra)
        #expect(text.contains(expected), "\(text)")
    }

    @Test func durationsWithUnitsAreAccepted() async throws {
        let workspace = try BinaryWorkspace(
            endpoint: "http://127.0.0.1:9", extra: "interval: 500ms\ninbox:\n  settle: 2s\narchive:\n  retention: 4w")
        let result = try await runBinary(["mapping", "--config", workspace.config], environment: workspace.environment)
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test func anApplicationIdThatIsNotAGUIDIsRefusedByRunAndDoctor() async throws {
        for command in [["run", "--once"], ["doctor"]] {
            let workspace = try BinaryWorkspace(endpoint: "http://127.0.0.1:9")
            let text = try String(contentsOfFile: workspace.config, encoding: .utf8)
                .replacingOccurrences(of: SimulatorCredentials.demo.applicationId, with: "not-a-guid")
            try text.write(toFile: workspace.config, atomically: true, encoding: .utf8)
            let result = try await runBinary(
                command + ["--config", workspace.config], environment: workspace.environment)
            #expect(result.status != 0)
            #expect((result.output + result.errors).contains("erp.applicationId must be a GUID"), "\(result.output)")
        }
    }

    @Test func anOutboxThatIsAFileAndAnArchiveThatCannotBeMadeAreNamed() async throws {
        let workspace = try BinaryWorkspace(endpoint: "http://127.0.0.1:9")
        try "a person's file".write(toFile: workspace.root + "/blocker", atomically: true, encoding: .utf8)
        var environment = workspace.environment
        environment["SEVENBRIDGE_FOLDERS_OUTBOX"] = "blocker"
        environment["SEVENBRIDGE_FOLDERS_ARCHIVE"] = "blocker/archive"
        let result = try await runBinary(["run", "--once", "--config", workspace.config], environment: environment)
        let text = result.output + result.errors
        #expect(result.status != 0)
        #expect(text.contains("folders.outbox: \(workspace.root)/blocker is a file, not a folder"), "\(text)")
        #expect(text.contains("folders.archive: \(workspace.root)/blocker/archive cannot be made"), "\(text)")
        #expect(try String(contentsOfFile: workspace.root + "/blocker", encoding: .utf8) == "a person's file")
    }

    @Test func statusOnAStateFolderThatDoesNotExistSaysSo() async throws {
        let workspace = try BinaryWorkspace(endpoint: "http://127.0.0.1:9")
        let result = try await runBinary(["status", "--config", workspace.config], environment: workspace.environment)
        #expect(result.status != 0)
        #expect((result.output + result.errors).contains("there is no state in"), "\(result.output)\(result.errors)")
    }

    @Test func anUnknownEnvironmentVariableIsAWarningNotARefusal() async throws {
        let workspace = try BinaryWorkspace(endpoint: "http://127.0.0.1:9")
        var environment = workspace.environment
        environment["SEVENBRIDGE_ERP_PASWORD"] = "x"
        let result = try await runBinary(["mapping", "--config", workspace.config], environment: environment)
        #expect(result.status == 0)
        #expect(
            result.errors.contains("warning: environment variable SEVENBRIDGE_ERP_PASWORD is not a configuration key"))
        #expect(result.errors.contains("did you mean SEVENBRIDGE_ERP_PASSWORD?"))
    }

    @Test func theVersionIsPrinted() async throws {
        let result = try await runBinary(["--version"])
        #expect(result.status == 0 && result.output.contains("1."), "\(result.output)")
    }

    @Test func withNothingListeningRunOnceFailsWithinNinetySecondsAndStatusSaysSo() async throws {
        let workspace = try BinaryWorkspace(endpoint: "http://127.0.0.1:9")
        let started = ContinuousClock.now
        let run = try await runBinary(
            ["run", "--once", "--config", workspace.config], environment: workspace.environment, timeout: 90)
        #expect(ContinuousClock.now - started < .seconds(90))
        #expect(run.status == 1, "\(run.output)\(run.errors)")
        #expect(run.output.contains("cannot be reached") && run.output.contains("connection refused"), "\(run.output)")
        let status = try await runBinary(["status", "--config", workspace.config], environment: workspace.environment)
        #expect(status.output.contains("24SevenOffice http://127.0.0.1:9: COULD NOT BE REACHED"), "\(status.output)")
        // doctor says the same, in seconds rather than minutes.
        let doctorStarted = ContinuousClock.now
        let doctor = try await runBinary(
            ["doctor", "--config", workspace.config], environment: workspace.environment, timeout: 90)
        #expect(ContinuousClock.now - doctorStarted < .seconds(90))
        #expect(doctor.output.contains("PROBLEM credentials") && doctor.output.contains("connection refused"))
    }
}

/// The demo never deletes what it did not make.
@Suite(.serialized) struct DemoFolderTests {
    @Test func theDemoRefusesAFolderWithSomeoneElsesFiles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sevenbridge-demo-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "keep me".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        let result = try await runBinary(["demo", "--folder", folder], directory: repositoryRoot)
        #expect(result.status != 0)
        #expect((result.output + result.errors).contains("was not made by a demo"))
        #expect(try String(contentsOfFile: folder + "/notes.txt", encoding: .utf8) == "keep me")
    }

    @Test func aSecondDemoReplacesOnlyWhatTheFirstMadeAndRefusesAFileAPersonAdded() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sevenbridge-demo-\(UUID())").path
        #expect(try await runBinary(["demo", "--folder", folder], directory: repositoryRoot).status == 0)
        #expect(try await runBinary(["demo", "--folder", folder], directory: repositoryRoot).status == 0)
        try "mine".write(toFile: folder + "/outbox/mine.xml", atomically: true, encoding: .utf8)
        let third = try await runBinary(["demo", "--folder", folder], directory: repositoryRoot)
        #expect(third.status != 0)
        #expect((third.output + third.errors).contains("outbox/mine.xml"))
        #expect(try String(contentsOfFile: folder + "/outbox/mine.xml", encoding: .utf8) == "mine")
    }
}

/// Honest summaries: write-backs waiting for a retry are counted, with their next attempt and last error, by
/// `run --once` and by `status`; WMS import failures show in `status`.
@Suite struct HonestSummaryTests {
    @Test func waitingWriteBacksAndImportFailuresAreCounted() async throws {
        try await withSimulatorOutages { _, url, outage in
            let workspace = try BinaryWorkspace(endpoint: url, extra: "inbox:\n  settle: 1ms")
            let env = workspace.environment
            let config = ["--config", workspace.config]
            #expect(try await runBinary(["run", "--once"] + config, environment: env).status == 0)
            try FileManager.default.copyItem(
                atPath: repositoryRoot + "/samples/wms/shipments.xml", toPath: workspace.root + "/inbox/shipments.xml")
            try """
            <ProcessOrderResponse xmlns="http://ongoingsystems.se/WSI"><ProcessOrderResult><Success>false</Success>\
            <ErrorMessage>Article TUR-900 is unknown</ErrorMessage><GoodsOwnerOrderNumber>5014</GoodsOwnerOrderNumber>\
            </ProcessOrderResult></ProcessOrderResponse>
            """.write(toFile: workspace.root + "/inbox/ack.xml", atomically: true, encoding: .utf8)
            await outage.begin()
            let run = try await runBinary(["run", "--once"] + config, environment: env)
            #expect(run.output.contains("write-backs: 0 written"), "\(run.output)")
            #expect(run.output.contains("2 waiting for a retry (next attempt "), "\(run.output)")
            #expect(run.output.contains("last error: 24SevenOffice"), "\(run.output)")
            let status = try await runBinary(["status"] + config, environment: env)
            #expect(status.output.contains("Write-backs waiting for a retry: 2, next attempt"), "\(status.output)")
            #expect(status.output.contains("Orders the WMS could not import: 1"), "\(status.output)")
            #expect(status.output.contains("order 5014") && status.output.contains("Article TUR-900 is unknown"))
            let json = try await runBinary(["status", "--json"] + config, environment: env)
            #expect(json.output.contains("\"nextAttempt\"") && json.output.contains("\"importFailures\""))
        }
    }
}
