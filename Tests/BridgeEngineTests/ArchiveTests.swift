import BridgeEngine
import Foundation
import Gzip
import Testing

/// The archive keeps every file compressed and detects any changed, removed or reordered file or record.
@Suite struct ArchiveTests {
    static func filled() async throws -> (ArchiveWriter, String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString)").path
        let archive = try await ArchiveWriter.open(root: root)
        for index in 1...4 {
            try await archive.store(
                Array("<order>\(index)</order>".utf8), name: "order-\(index).xml", direction: "outbound", kind: "order",
                keys: ["order": "\(index)"])
        }
        return (archive, root)
    }

    static func manifest(_ root: String) throws -> [String] {
        try String(contentsOfFile: root + "/manifest.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func writeManifest(_ root: String, _ lines: [String]) throws {
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: root + "/manifest.jsonl", atomically: true, encoding: .utf8)
    }

    /// The key index names a CSV file's objects on one line: a key holding the index's own separators, a line break
    /// (`\r\n` among them, a single character), a `%` or letters beyond ASCII is found by itself and by nothing else.
    @Test func keysWithTheIndexsSeparatorsAreFoundByTheKeyIndex() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString)").path
        let archive = try await ArchiveWriter.open(root: root)
        let record = try await archive.store(
            Array("rows".utf8), name: "orders.csv", direction: "outbound", kind: "orders-csv", keys: ["order": "4"])
        let keys = ["5016", "A,B", "tab\there", "cr\r\nlf", "100%", "Ærø-7", "%2C"]
        try await archive.index(keys, for: record.seq)
        let line = try String(contentsOfFile: root + "/keys.txt", encoding: .utf8)
        #expect(line == "\(record.seq)\t5016,A%2CB,tab%09here,cr%0D%0Alf,100%25,Ærø-7,%252C\n")
        for key in keys {
            #expect(try ArchiveCatalog.list(root: root, filter: .init(key: key)).map(\.seq) == [record.seq], "\(key)")
        }
        for other in ["A", "B", "cr", "lf", "2C", "100"] {
            #expect(try ArchiveCatalog.list(root: root, filter: .init(key: other)).isEmpty, "\(other)")
        }
    }

    @Test func anUntouchedArchiveVerifiesAndKeepsTheBytes() async throws {
        let (archive, root) = try await Self.filled()
        let report = try ArchiveVerifier.verify(root: root)
        #expect(report.isIntact && report.records == 4)
        let record = try await archive.store(
            Array(repeating: 65, count: 10_000), name: "big.csv", direction: "outbound", kind: "orders-csv", keys: [:])
        #expect(record.seq == 5)
        let gz = try Data(contentsOf: URL(fileURLWithPath: root + "/" + record.path))
        #expect(gz.count < 1_000)
        #expect(try GzipDecompressor.decompress(Array(gz)) == Array(repeating: 65, count: 10_000))
        // A writer opened later over the same folder continues the chain.
        let reopened = try await ArchiveWriter.open(root: root)
        #expect(try await reopened.store([1], name: "x", direction: "inbound", kind: "stock", keys: [:]).seq == 6)
        #expect(try ArchiveVerifier.verify(root: root).isIntact)
    }

    @Test func aChangedFileIsDetected() async throws {
        let (_, root) = try await Self.filled()
        let line = try Self.manifest(root)[1]
        let path = try #require(line.firstMatch(of: /"path":"([^"]+)"/)?.1)
        try Data(try GzipCompressor.compress(Array("<order>forged</order>".utf8)))
            .write(to: URL(fileURLWithPath: root + "/" + path))
        let report = try ArchiveVerifier.verify(root: root)
        #expect(report.problems == ["manifest line 2 (order-2.xml): the archived file's content was changed"])
    }

    @Test func aRemovedFileIsDetected() async throws {
        let (_, root) = try await Self.filled()
        let path = try #require(try Self.manifest(root)[2].firstMatch(of: /"path":"([^"]+)"/)?.1)
        try FileManager.default.removeItem(atPath: root + "/" + path)
        #expect(try ArchiveVerifier.verify(root: root).problems.first?.contains("is missing") == true)
    }

    @Test func aChangedRecordIsDetected() async throws {
        let (_, root) = try await Self.filled()
        var lines = try Self.manifest(root)
        lines[0] = lines[0].replacingOccurrences(of: "\"order\":\"1\"", with: "\"order\":\"9\"")
        try Self.writeManifest(root, lines)
        #expect(
            try ArchiveVerifier.verify(root: root).problems == ["manifest line 1 (order-1.xml): the record was changed"]
        )
    }

    @Test func aRemovedRecordIsDetected() async throws {
        let (_, root) = try await Self.filled()
        var lines = try Self.manifest(root)
        lines.remove(at: 1)
        try Self.writeManifest(root, lines)
        let problems = try ArchiveVerifier.verify(root: root).problems
        #expect(problems.contains { $0.contains("sequence 3, expected 2") })
        #expect(problems.contains { $0.contains("does not chain") })
    }

    @Test func reorderedRecordsAreDetected() async throws {
        let (_, root) = try await Self.filled()
        var lines = try Self.manifest(root)
        lines.swapAt(1, 2)
        try Self.writeManifest(root, lines)
        #expect(try ArchiveVerifier.verify(root: root).problems.count >= 2)
    }

    @Test func aPruningNamesWhatItRemovedAndAFileRemovedByHandBeforeItIsStillReported() async throws {
        let (archive, root) = try await Self.filled()
        // A person removes file 2 by hand; then everything older than now is pruned.
        let path = try #require(try Self.manifest(root)[1].firstMatch(of: /"path":"([^"]+)"/)?.1)
        try FileManager.default.removeItem(atPath: root + "/" + path)
        let result = try await archive.prune(before: Date().addingTimeInterval(1))
        #expect(result.removed.map(\.seq) == [1, 3, 4])
        #expect(result.record?.keys["removed"] == "1,3-4")
        let report = try ArchiveVerifier.verify(root: root)
        #expect(report.records == 5)
        #expect(report.problems == ["manifest line 2 (order-2.xml): the archived file \(path) is missing"])
    }

    @Test func aDryRunPruneRemovesNothing() async throws {
        let (archive, root) = try await Self.filled()
        let result = try await archive.prune(before: Date().addingTimeInterval(1), dryRun: true)
        #expect(result.removed.count == 4 && result.record == nil)
        #expect(try ArchiveVerifier.verify(root: root) == ArchiveVerifier.Report(records: 4, problems: []))
    }

    @Test func aTornLastLineIsKeptAsideCutAndRecordedWhenTheArchiveOpens() async throws {
        let (_, root) = try await Self.filled()
        let torn = Array(#"{"dir"#.utf8)
        let handle = try #require(FileHandle(forWritingAtPath: root + "/manifest.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(torn))
        try handle.close()
        #expect(!(try ArchiveVerifier.verify(root: root).isIntact))
        let reopened = try await ArchiveWriter.open(root: root)
        #expect(reopened.records == 5)
        let lines = try Self.manifest(root)
        #expect(lines.count == 5)
        #expect(lines[4].contains(#""kind":"repair""#) && lines[4].contains(#""tornBytes":"5""#))
        let saved = try #require(lines[4].firstMatch(of: /"savedAs":"([^"]+)"/)?.1)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + saved))) == torn)
        let record = try await reopened.store([9], name: "next.xml", direction: "outbound", kind: "order", keys: [:])
        #expect(record.seq == 6)
        #expect(try ArchiveVerifier.verify(root: root) == ArchiveVerifier.Report(records: 6, problems: []))
    }

    @Test func aLastRecordThatLostOnlyItsLineBreakIsCompleted() async throws {
        let (_, root) = try await Self.filled()
        var text = try String(contentsOfFile: root + "/manifest.jsonl", encoding: .utf8)
        text.removeLast()
        try text.write(toFile: root + "/manifest.jsonl", atomically: true, encoding: .utf8)
        let reopened = try await ArchiveWriter.open(root: root)
        #expect(reopened.records == 4)
        #expect(try ArchiveVerifier.verify(root: root) == ArchiveVerifier.Report(records: 4, problems: []))
    }

    @Test func aBatchIsOneSegmentThatZcatReadsAndVerifyChecksMemberByMember() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString)").path
        let archive = try await ArchiveWriter.open(root: root)
        let items = (1...3).map { index in
            ArchiveWriter.Item(
                bytes: Array("<order>\(index)</order>\n".utf8), name: "order-\(index).xml", direction: "outbound",
                kind: "order", keys: ["order": "\(index)"])
        }
        let records = try await archive.storeBatch(items, syncing: [root])
        #expect(Set(records.map(\.path)).count == 1)
        #expect(records.map(\.offset) == [0, records[0].length, (records[0].length ?? 0) + (records[1].length ?? 0)])
        // zcat of the segment gives the files one after the other.
        let zcat = Process()
        zcat.executableURL = URL(fileURLWithPath: "/bin/sh")
        zcat.arguments = ["-c", "gzip -dc '\(root)/\(records[0].path)'"]
        let pipe = Pipe()
        zcat.standardOutput = pipe
        try zcat.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        zcat.waitUntilExit()
        #expect(output == "<order>1</order>\n<order>2</order>\n<order>3</order>\n")
        #expect(try ArchiveCatalog.content(root: root, records[1]) == Array("<order>2</order>\n".utf8))
        #expect(try ArchiveVerifier.verify(root: root) == ArchiveVerifier.Report(records: 3, problems: []))
        // A changed byte inside the second member is found, and named by its record.
        var segment = Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + records[1].path)))
        segment[(records[1].offset ?? 0) + 12] ^= 0xFF
        try Data(segment).write(to: URL(fileURLWithPath: root + "/" + records[1].path))
        let problems = try ArchiveVerifier.verify(root: root).problems
        #expect(problems.contains { $0.contains("order-2.xml") }, "\(problems)")
        #expect(!problems.contains { $0.contains("order-1.xml") })
    }

    @Test func aSegmentIsPrunedOnlyWhenEveryFileInItIsOldEnough() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString)").path
        let clock = TestClock()
        let archive = try await ArchiveWriter.open(root: root, now: { clock.now })
        let batch = (1...2).map {
            ArchiveWriter.Item(
                bytes: [UInt8($0)], name: "order-\($0).xml", direction: "outbound", kind: "order", keys: [:])
        }
        _ = try await archive.storeBatch(batch, syncing: [root])
        clock.advance(by: 86_400)
        _ = try await archive.storeBatch(batch, syncing: [root])
        let result = try await archive.prune(before: clock.now.addingTimeInterval(-3600))
        #expect(result.removed.map(\.seq) == [1, 2])
        #expect(try ArchiveVerifier.verify(root: root) == ArchiveVerifier.Report(records: 5, problems: []))
    }
}
