import Gzip

extension ArchiveWriter {
    /// A file compressed and hashed for ``ArchiveWriter/storeBatch(prepared:syncing:)``: the CPU work of archiving,
    /// done before and outside the chain's lock, so that a batch's files can be prepared on every core at once.
    public struct PreparedItem: Sendable {
        /// Its name as exchanged.
        public var name: String
        /// `outbound` or `inbound`.
        public var direction: String
        /// Its kind.
        public var kind: String
        /// Its business keys.
        public var keys: [String: String]
        /// Its size before compression.
        public var size: Int
        /// The SHA-256 of its bytes before compression, as hex.
        public var sha256: String
        /// Its bytes as one gzip member.
        public var member: [UInt8]
    }

    /// Compresses (at the archive's level) and hashes files for a segment, with one compressor for all of them.
    /// - Throws: `GzipError` when the compressor fails.
    public static func prepare(_ items: ArraySlice<Item>) throws -> [PreparedItem] {
        let compressor = try GzipMembers(level: ArchiveFormat.compressionLevel)
        return try items.map { try prepare($0, with: compressor) }
    }

    /// Compresses and hashes one file for a segment, with a compressor at the archive's level.
    /// - Throws: `GzipError` when the compressor fails.
    static func prepare(_ item: Item, with compressor: GzipMembers) throws -> PreparedItem {
        PreparedItem(
            name: item.name, direction: item.direction, kind: item.kind, keys: item.keys, size: item.bytes.count,
            sha256: ArchiveFormat.sha256(item.bytes), member: try compressor.member(item.bytes))
    }
}
