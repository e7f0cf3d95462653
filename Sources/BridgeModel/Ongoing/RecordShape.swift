/// The paths a kind of record can hold, each with a slot: records of one shape keep their values in an array indexed
/// by slot (``RecordValues``), not in a dictionary keyed by path.
///
/// A mapping table makes one shape per kind of object (``MappingTable/shape(for:)``), shared by the mapper that fills
/// records and the writers that read them: a writer resolves its paths to slots once (``key(_:)``) and reads a record
/// of that shape by slot, without hashing a path. A record of another shape, or a path outside the shape, is read by
/// path, so a record is read the same whatever its shape.
public final class RecordShape: Sendable {
    /// The paths, by slot.
    public let paths: [String]
    /// The slot of each path.
    private let slots: [String: Int]
    /// The slots in the order canonical JSON writes their paths (sorted by UTF-8 bytes).
    let canonicalOrder: [Int]
    /// Each slot's path as a JSON string and a colon, as canonical JSON writes it before the value.
    let jsonKeys: [[UInt8]]

    /// Creates a shape of these paths (a path given twice takes one slot).
    public init(paths: [String]) {
        var seen: Set<String> = []
        let unique = paths.filter { seen.insert($0).inserted }
        self.paths = unique
        self.slots = Dictionary(uniqueKeysWithValues: unique.enumerated().map { ($1, $0) })
        self.canonicalOrder = unique.indices.sorted { CanonicalJSON.precedes(unique[$0], unique[$1]) }
        self.jsonKeys = unique.map { path in
            var bytes: [UInt8] = []
            CanonicalJSON.string(path, to: &bytes)
            bytes.append(0x3A)
            return bytes
        }
    }

    /// The shape of records built without one: every value is kept by path.
    public static let none = RecordShape(paths: [])

    /// How many slots the shape has.
    public var count: Int { paths.count }

    /// The slot of a path, or `nil` when the shape has none for it.
    public func slot(_ path: String) -> Int? {
        slots[path]
    }

    /// A path resolved to its slot in this shape, for reading many records of the shape.
    public func key(_ path: String) -> Key {
        Key(path: path, slot: slots[path], shape: ObjectIdentifier(self))
    }

    /// A path with its slot in one shape: read by slot from records of that shape, by path from any other.
    public struct Key: Sendable, Hashable {
        /// The path.
        public let path: String
        /// Its slot in ``shape``, if that shape has one.
        @usableFromInline let slot: Int?
        /// The shape the slot belongs to.
        @usableFromInline let shape: ObjectIdentifier
    }
}
