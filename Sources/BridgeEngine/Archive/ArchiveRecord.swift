/// One record of the archive manifest: one exchanged file, chained to the record before it.
public struct ArchiveRecord: Codable, Sendable, Equatable {
    /// The position in the manifest, from 1.
    public var seq: Int
    /// When the file was archived, UTC, `yyyy-MM-ddTHH:mm:ss.SSSZ`.
    public var time: String
    /// The file's name as it was exchanged.
    public var name: String
    /// `outbound` (written to the outbox) or `inbound` (taken from the inbox).
    public var direction: String
    /// `article`, `order`, `supplier`, `articles-csv`, `shipment`, `stock`, ...
    public var kind: String
    /// Business keys, such as `["order": "5007"]` or `["article": "TUR-100-BL"]`.
    public var keys: [String: String]
    /// The original size in bytes.
    public var size: Int
    /// The SHA-256 of the original bytes, hex.
    public var sha256: String
    /// The compressed copy, relative to the archive folder: a file of its own (`2026/11/28/000042-order-5007-….xml.gz`)
    /// or a segment of a batch (`2026/11/28/000042-001041.gz`) that holds it as one gzip member.
    public var path: String
    /// Where its gzip member starts in a segment, in bytes; `nil` when the file is the whole of `path`.
    public var offset: Int?
    /// How long its gzip member is in a segment, in bytes; `nil` when the file is the whole of `path`.
    public var length: Int?
    /// The hash of the previous record (64 zeros for the first).
    public var prev: String
    /// The SHA-256 of this record without this field, hex: what the next record chains to.
    public var hash: String

    /// Creates a record; ``ArchiveChain/seal(_:)`` fills in `seq`, `prev` and `hash`.
    public init(
        seq: Int, time: String, name: String, direction: String, kind: String, keys: [String: String], size: Int,
        sha256: String, path: String, offset: Int? = nil, length: Int? = nil, prev: String, hash: String
    ) {
        self.seq = seq
        self.time = time
        self.name = name
        self.direction = direction
        self.kind = kind
        self.keys = keys
        self.size = size
        self.sha256 = sha256
        self.path = path
        self.offset = offset
        self.length = length
        self.prev = prev
        self.hash = hash
    }
}
