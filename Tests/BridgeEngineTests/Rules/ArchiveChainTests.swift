import BridgeEngine
import Testing

/// The archive's chain as a value: sealing links each record to the one before; checking finds a removed, moved
/// or changed record once; a torn last line is told from the complete ones.
@Suite struct ArchiveChainTests {
    static func draft(_ name: String) -> ArchiveRecord {
        ArchiveRecord(
            seq: 0, time: "2026-12-01T10:00:00.000Z", name: name, direction: "outbound", kind: "order", keys: [:],
            size: 1, sha256: String(repeating: "a", count: 64), path: "2026/12/01/\(name).gz", prev: "", hash: "")
    }

    static func sealed(_ names: [String]) throws -> [ArchiveRecord] {
        var chain = ArchiveChain()
        return names.map { chain.seal(draft($0)) }
    }

    @Test func sealedRecordsChainAndCheckClean() throws {
        let records = try Self.sealed(["a", "b", "c"])
        #expect(records.map(\.seq) == [1, 2, 3])
        #expect(records[0].prev == ArchiveChain.genesis)
        #expect(records[1].prev == records[0].hash && records[2].prev == records[1].hash)
        var check = ArchiveChain()
        #expect(records.flatMap { check.check($0) }.isEmpty)
        #expect(check == ArchiveChain(endingWith: records[2]))
    }

    @Test func aRemovedRecordIsFoundOnce() throws {
        let records = try Self.sealed(["a", "b", "c", "d"])
        var check = ArchiveChain()
        let problems = [records[0], records[2], records[3]].map { check.check($0) }
        #expect(problems[0].isEmpty)
        #expect(problems[1] == [.sequence(found: 3, expected: 2), .brokenLink])
        #expect(problems[2].isEmpty)
    }

    @Test func aChangedRecordIsFound() throws {
        var records = try Self.sealed(["a", "b"])
        records[1].keys["order"] = "9999"
        var check = ArchiveChain()
        #expect(check.check(records[0]).isEmpty)
        #expect(check.check(records[1]) == [.changed])
    }

    @Test func aTornLastLineIsToldFromCompleteLines() {
        #expect(ArchiveChain.tail(Array("one\ntwo\n".utf8)) == (8, []))
        #expect(ArchiveChain.tail(Array("one\ntwo\n{\"seq\":3,".utf8)) == (8, Array("{\"seq\":3,".utf8)))
        #expect(ArchiveChain.tail(Array("{\"seq\":1".utf8)) == (0, Array("{\"seq\":1".utf8)))
    }
}
