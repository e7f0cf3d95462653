import BridgeEngine
import Crypto
import Foundation
import Testing
import TwentyFourSevenSimulator

/// A manifest record's JSON is byte for byte what `JSONEncoder` writes, so the records of archives written by earlier
/// versions still hash the same and still verify; a sealed record's line is that JSON, and its hash is the SHA-256 of
/// that JSON without the hash.
@Suite struct ArchiveRecordJSONTests {
    @Test func itIsWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var random = SplitMix64(seed: 7)
        let alphabet = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) } + ["æ", "ø", "€", "😀"]
        func text(_ length: Int) -> String {
            (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
        }
        for index in 0..<300 {
            var keys: [String: String] = [:]
            for _ in 0..<Int(random.next() % 4) { keys[text(5)] = text(8) }
            let record = ArchiveRecord(
                seq: index * 97, time: text(24), name: text(12), direction: text(8), kind: text(6), keys: keys,
                size: Int(random.next() % 1_000_000), sha256: text(64), path: text(30),
                offset: index % 2 == 0 ? nil : Int(random.next() % 100_000),
                length: index % 3 == 0 ? nil : Int(random.next() % 100_000), prev: text(64), hash: text(64))
            #expect(record.canonicalJSON == Array(try encoder.encode(record)))
            // Sealed, its hash is the SHA-256 of that JSON without the hash, and its line that JSON with it.
            var chain = ArchiveChain()
            let (sealed, line) = chain.sealLine(record)
            var unsigned = sealed
            unsigned.hash = ""
            let digest = SHA256.hash(data: try encoder.encode(unsigned)).map { String(format: "%02x", $0) }.joined()
            #expect(sealed.hash == digest)
            #expect(line == Array(try encoder.encode(sealed)) + [0x0A])
        }
    }
}
