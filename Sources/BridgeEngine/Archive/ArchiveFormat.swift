import Crypto
import Foundation

/// How the archive writes what it writes: hex digests, manifest lines, day folders and time stamps.
///
/// Shared by the writer, the verifier and the catalog, so each rule is written once.
public enum ArchiveFormat {
    /// The compression level of every archive copy (libdeflate's for whole files, zlib's for streamed ones): the
    /// fastest, since an archive copy should cost no more than the file it keeps.
    static let compressionLevel: Int32 = 1

    /// The SHA-256 of bytes as lower-case hex.
    public static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// A digest as lower-case hex, the form every hash in the state and the manifest takes.
    public static func hex(_ digest: some Sequence<UInt8>) -> String {
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)
    /// The digits of a percent-encoded byte.
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// The hash of a record: the SHA-256 of its JSON without its own hash.
    static func hash(of record: ArchiveRecord) -> String {
        sha256(record.unsignedJSON.bytes)
    }

    /// The hash of a record and its manifest line with that hash, with its line break: the JSON without the hash
    /// is hashed, and the hash's digits are put into it.
    static func signed(_ record: ArchiveRecord) -> (hash: String, line: [UInt8]) {
        var (line, offset) = record.unsignedJSON
        let hash = sha256(line)
        line.insert(contentsOf: hash.utf8, at: offset)
        line.append(0x0A)
        return (hash, line)
    }

    /// A record from its manifest line.
    static func decode(_ line: String) throws -> ArchiveRecord {
        try JSONDecoder().decode(ArchiveRecord.self, from: Data(line.utf8))
    }

    /// The day folder of a time: `YYYY/MM/DD`.
    static func dayFolder(_ time: Date) -> String {
        let stamp = timestamp(time)
        return "\(stamp.prefix(4))/\(stamp.dropFirst(5).prefix(2))/\(stamp.dropFirst(8).prefix(2))"
    }

    /// A record's time stamp: UTC, `yyyy-MM-ddTHH:mm:ss.SSSZ`.
    static func timestamp(_ time: Date) -> String {
        time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// The time of a record's time stamp.
    static func time(_ stamp: String) -> Date? {
        try? Date(stamp, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// A key as the key index writes it: tabs, commas, line breaks and `%` percent-encoded.
    ///
    /// Byte by byte: read as characters, `\r\n` (one character) slipped through unencoded and broke the index's line,
    /// and walking each key's characters showed in the profile of a run's end, where 100,000 keys make one line. A key
    /// without such bytes, nearly every one, is written as it is.
    static func indexKey(_ key: String) -> String {
        func isEncoded(_ byte: UInt8) -> Bool {
            byte == 0x25 || byte == 0x2C || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }
        guard key.utf8.contains(where: isEncoded) else { return key }
        var bytes: [UInt8] = []
        for byte in key.utf8 {
            if isEncoded(byte) {
                bytes += [0x25, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Sequence numbers as compact ranges (`1-40,42,45-50`), as prune records name what they removed.
    static func ranges(_ seqs: [Int]) -> String {
        var runs: [ClosedRange<Int>] = []
        for seq in seqs.sorted() {
            if let last = runs.last, seq <= last.upperBound + 1 {
                runs[runs.count - 1] = last.lowerBound...max(last.upperBound, seq)
            } else {
                runs.append(seq...seq)
            }
        }
        return runs.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
            .joined(separator: ",")
    }

    /// The ranges of a text written by ``ranges(_:)``; parts that cannot be read are left out.
    static func parseRanges(_ text: String) -> [ClosedRange<Int>] {
        text.split(separator: ",").compactMap { part in
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            switch bounds.count {
            case 1: return bounds[0]...bounds[0]
            case 2 where bounds[0] <= bounds[1]: return bounds[0]...bounds[1]
            default: return nil
            }
        }
    }
}
