/// The value paths a mapping's records can hold, sorted as canonical JSON sorts them, by kind.
///
/// With it, ``OngoingRecord/canonicalJSON(order:)`` lists a record's values by looking each path up in this order
/// instead of sorting the record's dictionary: the same bytes for a fraction of the work. A record holding a path the
/// order does not know is written by sorting, as without it.
public struct CanonicalKeyOrder: Sendable {
    private let paths: [ObjectKind: [String]]

    /// The order of the paths `table` maps, for every kind.
    public init(table: MappingTable) {
        var paths: [ObjectKind: [String]] = [:]
        for kind in ObjectKind.allCases {
            paths[kind] = Array(Set(table.rows(for: kind).map(\.ongoing))).sorted(by: CanonicalJSON.precedes)
        }
        self.paths = paths
    }

    /// The sorted paths of a kind.
    func paths(_ kind: ObjectKind) -> [String] { paths[kind] ?? [] }
}
