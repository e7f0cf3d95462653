import Foundation

/// The archive's hash chain as a value: where it ends (the last record's sequence number and hash), and the rules
/// that seal a new record onto it and check a record read back from the manifest.
///
/// ``ArchiveWriter`` seals with it; ``ArchiveVerifier`` checks with it; both without other shared state, so the
/// rules are tested without I/O.
public struct ArchiveChain: Sendable, Equatable {
    /// The sequence number of the last record (0 before the first).
    public private(set) var seq: Int
    /// The hash of the last record (``genesis`` before the first).
    public private(set) var hash: String

    /// The hash the first record chains to.
    public static let genesis = String(repeating: "0", count: 64)

    /// An empty chain.
    public init() {
        seq = 0
        hash = Self.genesis
    }

    /// A chain that ends with `record`.
    public init(endingWith record: ArchiveRecord) {
        seq = record.seq
        hash = record.hash
    }

    /// Seals `draft` as the next record, giving it its sequence number, the previous hash and its own hash, and
    /// moves the chain's end to it.
    public mutating func seal(_ draft: ArchiveRecord) -> ArchiveRecord {
        sealLine(draft).record
    }

    /// Seals `draft` as ``seal(_:)`` does, and returns the record with its manifest line (its line break included),
    /// its JSON built once for both.
    public mutating func sealLine(_ draft: ArchiveRecord) -> (record: ArchiveRecord, line: [UInt8]) {
        var record = draft
        record.seq = seq + 1
        record.prev = hash
        let (signature, line) = ArchiveFormat.signed(record)
        record.hash = signature
        seq = record.seq
        hash = record.hash
        return (record, line)
    }

    /// What can be wrong with a record read from the manifest.
    public enum Problem: Sendable, Equatable {
        /// Its sequence number is not the next one: a record was removed or moved.
        case sequence(found: Int, expected: Int)
        /// Its `prev` is not the hash of the record before it.
        case brokenLink
        /// Its own hash does not match its content: the record was changed.
        case changed
    }

    /// Checks a record read from the manifest against the chain, then moves the chain's end to it (so one bad record
    /// is reported once, not again for every record after it).
    public mutating func check(_ record: ArchiveRecord) -> [Problem] {
        var problems: [Problem] = []
        if record.seq != seq + 1 { problems.append(.sequence(found: record.seq, expected: seq + 1)) }
        if record.prev != hash { problems.append(.brokenLink) }
        if ArchiveFormat.hash(of: record) != record.hash { problems.append(.changed) }
        seq = record.seq
        hash = record.hash
        return problems
    }

    /// Splits the end of a manifest into the part made of complete lines and a torn last line (bytes after the last
    /// line break, left by a crash in the middle of an append).
    /// - Parameter bytes: the manifest's last bytes, ending where the file ends.
    /// - Returns: how many of `bytes` form complete lines, and the torn fragment (empty when there is none).
    public static func tail(_ bytes: [UInt8]) -> (complete: Int, torn: [UInt8]) {
        guard let newline = bytes.lastIndex(of: 0x0A) else { return (0, bytes) }
        return (newline + 1, Array(bytes[(newline + 1)...]))
    }
}
