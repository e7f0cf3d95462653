extension OngoingRecord {
    /// The record as canonical JSON: byte for byte what Foundation's `JSONEncoder` with `.sortedKeys` writes, so that
    /// content hashes stay what earlier versions stored, at a fraction of the cost (no `Encoder` machinery, one buffer).
    ///
    /// Keys are sorted by their UTF-8 bytes; strings escape `"`, `\`, `/` and control characters as the encoder does
    /// (`\b`, `\t`, `\n`, `\f`, `\r`, else `\u00xx`), and leave every other character as UTF-8. Values in the slots of
    /// a shape are written in the shape's sorted order with keys it escaped once (``RecordValues``).
    public var canonicalJSON: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        append(to: &out)
        return out
    }

    private func append(to out: inout [UInt8]) {
        out += Self.keyKind
        CanonicalJSON.string(key, to: &out)
        out += Self.kindLists
        CanonicalJSON.string(kind.rawValue, to: &out)
        out += Self.listsOpen
        // An order has one list: nothing to sort.
        if lists.count == 1, let (name, records) = lists.first {
            Self.append(list: name, records, to: &out)
        } else {
            for (index, (name, records)) in lists.sorted(by: { CanonicalJSON.precedes($0.key, $1.key) }).enumerated() {
                if index > 0 { out.append(0x2C) }
                Self.append(list: name, records, to: &out)
            }
        }
        out += Self.values
        values.appendCanonicalJSON(to: &out)
        out.append(0x7D)
    }

    private static func append(list name: String, _ records: [OngoingRecord], to out: inout [UInt8]) {
        CanonicalJSON.string(name, to: &out)
        out.append(0x3A)
        out.append(0x5B)
        for (position, record) in records.enumerated() {
            if position > 0 { out.append(0x2C) }
            record.append(to: &out)
        }
        out.append(0x5D)
    }

    private static let keyKind = Array(#"{"key":"#.utf8)
    private static let kindLists = Array(#","kind":"#.utf8)
    private static let listsOpen = Array(#","lists":{"#.utf8)
    private static let values = Array(#"},"values":"#.utf8)
}
