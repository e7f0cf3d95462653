import Foundation
import Testing
import TwentyFourSevenSimulator

@testable import BridgeModel

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

    @Test func theWordAtATimeScanFindsEveryByteThatNeedsAnEscape() {
        // Every byte value at every position of strings 1 to 24 bytes long, among bytes that need none.
        for length in 1...24 {
            for position in 0..<length {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: 0x61, count: length)
                    bytes[position] = UInt8(value)
                    for slashes in [true, false] {
                        let expected = value < 0x20 || value == 0x22 || value == 0x5C || (value == 0x2F && slashes)
                        let found = bytes.withUnsafeBufferPointer {
                            CanonicalJSON.needsEscape($0, escapingSlashes: slashes)
                        }
                        #expect(found == expected, "byte \(value) at \(position) of \(length)")
                    }
                }
            }
        }
        #expect(!CanonicalJSON.needsEscape(UnsafeBufferPointer(start: nil, count: 0), escapingSlashes: true))
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
}
