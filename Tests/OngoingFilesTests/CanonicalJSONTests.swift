import BridgeModel
import Foundation
import Testing
import TwentyFourSevenSimulator

/// The canonical JSON the state hashes is byte for byte what `JSONEncoder` with `.sortedKeys` writes, so content hashes
/// stored by earlier versions still match and nothing unchanged is exported again after an upgrade.
@Suite struct CanonicalJSONTests {
    static let alphabet: [String] =
        (0..<0x80).map { String(UnicodeScalar(UInt8($0))) } + ["æ", "ø", "å", "€", "\u{2028}", "\u{FEFF}", "😀", "Ä"]

    static func text(_ random: inout SplitMix64, length: Int) -> String {
        (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
    }

    static func record(_ random: inout SplitMix64, depth: Int = 0) -> OngoingRecord {
        var record = OngoingRecord(kind: depth == 0 ? .order : .orderLine, key: text(&random, length: 6))
        for _ in 0..<Int(random.next() % 12) {
            record.values[text(&random, length: Int(random.next() % 8) + 1)] = text(
                &random, length: Int(random.next() % 20))
        }
        if depth == 0 {
            record.lists["CustomerOrderLines"] = (0..<Int(random.next() % 4)).map { _ in Self.record(&random, depth: 1)
            }
            if random.next() % 3 == 0 { record.lists["Other"] = [] }
        }
        return record
    }

    @Test func itIsWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var random = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let record = Self.record(&random)
            let expected = Array(try encoder.encode(record))
            #expect(record.canonicalJSON == expected, "\(String(decoding: expected, as: UTF8.self))")
        }
    }

    /// Listing values in the mapping's precomputed order writes the same bytes as sorting them, also for records that
    /// hold a path the mapping does not know (written by sorting) and for records with escapes in keys and values.
    @Test func theMappingsKeyOrderWritesTheSameBytes() {
        let table = MappingTable.standard(variants: true)
        let order = CanonicalKeyOrder(table: table)
        var random = SplitMix64(seed: 7)
        let known = { (kind: ObjectKind) in table.rows(for: kind).map(\.ongoing) }
        for _ in 0..<500 {
            var record = Self.record(&random)
            for kind in [ObjectKind.order, .orderLine] {
                let paths = known(kind)
                let pick = { (random: inout SplitMix64) in paths[Int(random.next() % UInt64(paths.count))] }
                if kind == .order {
                    record.values = [:]
                    for _ in 0..<Int(random.next() % 30) {
                        record.values[pick(&random)] = Self.text(&random, length: 9)
                    }
                } else if var lines = record.lists["CustomerOrderLines"] {
                    for index in lines.indices {
                        lines[index].values = [:]
                        for _ in 0..<Int(random.next() % 15) {
                            lines[index].values[pick(&random)] = Self.text(&random, length: 5)
                        }
                    }
                    record.lists["CustomerOrderLines"] = lines
                }
            }
            if random.next() % 4 == 0 { record.values[Self.text(&random, length: 4)] = "not in the mapping" }
            #expect(record.canonicalJSON(order: order) == record.canonicalJSON)
        }
    }
}
