import Foundation
import Testing

@testable import BridgeEngine

/// The key index (`keys.txt`) beside the archive's chain: the keys a staged copy collects while its file is written in
/// parts, and lines that stay lines when a crash tore the one before.
@Suite struct ArchiveKeyIndexTests {
    static func root() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("archive-keys-\(UUID().uuidString)").path
    }

    @Test func aStagedCopysKeysBecomeItsLineWhenCommittedAndLeaveNothingBehind() async throws {
        let root = Self.root()
        let archive = try await ArchiveWriter.open(root: root)
        _ = try await archive.store(
            Array("<order/>".utf8), name: "order-1.xml", direction: "outbound", kind: "order", keys: ["order": "1"])
        let copy = try await archive.stage("orders-run.csv")
        let parts = [["5016", "A,B"], [], ["cr\r\nlf", "100%"], ["Ærø-7"]]
        for (index, keys) in parts.enumerated() {
            let bytes = Array("row \(index)\r\n".utf8)
            try copy.append(bytes, member: try ArchiveStagedFile.member(bytes))
            try copy.addKeys(keys)
        }
        #expect(FileManager.default.fileExists(atPath: copy.keysPath))
        let record = try await archive.commit(
            copy, direction: "outbound", kind: "orders-csv", keys: ["order": "\(copy.keyCount) objects"])
        #expect(record.keys == ["order": "5 objects"])
        let index = try String(contentsOfFile: root + "/keys.txt", encoding: .utf8)
        #expect(index == "\(record.seq)\t5016,A%2CB,cr%0D%0Alf,100%25,Ærø-7\n")
        #expect(!FileManager.default.fileExists(atPath: copy.keysPath))
        for key in parts.joined() {
            #expect(try ArchiveCatalog.list(root: root, filter: .init(key: key)).map(\.seq) == [record.seq], "\(key)")
        }
        #expect(try ArchiveVerifier.verify(root: root).records == 2)
    }

    @Test func aStagedCopyWithoutKeysAddsNoLineAndADiscardedOneLeavesNoKeys() async throws {
        let root = Self.root()
        let archive = try await ArchiveWriter.open(root: root)
        let empty = try await archive.stage("articles-run.csv")
        try empty.append(Array("h\r\n".utf8), member: try ArchiveStagedFile.member(Array("h\r\n".utf8)))
        try await archive.commit(empty, direction: "outbound", kind: "articles-csv", keys: [:])
        #expect(!FileManager.default.fileExists(atPath: root + "/keys.txt"))
        #expect(!FileManager.default.fileExists(atPath: empty.keysPath))

        let abandoned = try await archive.stage("orders-run.csv")
        try abandoned.addKeys(["1", "2"])
        archive.discard(abandoned)
        #expect(!FileManager.default.fileExists(atPath: abandoned.keysPath))
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
    }

    @Test func aLineTornByACrashDoesNotSwallowTheNextOne() async throws {
        let root = Self.root()
        let archive = try await ArchiveWriter.open(root: root)
        let record = try await archive.store(
            Array("rows".utf8), name: "orders.csv", direction: "outbound", kind: "orders-csv", keys: ["order": "2"])
        // A crash in the middle of the line before: its keys are cut off and its line break is missing.
        try Data("7\t100,10".utf8).write(to: URL(fileURLWithPath: root + "/keys.txt"))
        try await archive.index(["200", "300"], for: record.seq)
        let index = try String(contentsOfFile: root + "/keys.txt", encoding: .utf8)
        #expect(index == "7\t100,10\n\(record.seq)\t200,300\n")
        #expect(try ArchiveCatalog.list(root: root, filter: .init(key: "200")).map(\.seq) == [record.seq])
    }
}
