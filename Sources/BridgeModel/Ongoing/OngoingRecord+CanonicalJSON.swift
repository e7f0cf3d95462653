extension OngoingRecord {
    /// The record as canonical JSON: byte for byte what Foundation's `JSONEncoder` with `.sortedKeys` writes, so that
    /// content hashes stay what earlier versions stored, at a fraction of the cost (no `Encoder` machinery, one buffer).
    ///
    /// Keys are sorted by their UTF-8 bytes; strings escape `"`, `\`, `/` and control characters as the encoder does
    /// (`\b`, `\t`, `\n`, `\f`, `\r`, else `\u00xx`), and leave every other character as UTF-8.
    public var canonicalJSON: [UInt8] {
        var orders = CanonicalJSON.KeyOrders()
        return canonicalJSON(reusing: &orders)
    }

    /// The record as canonical JSON (``canonicalJSON``), reusing the key orders of the records before it: records
    /// of one kind have the same keys, so their sort is done once (``CanonicalJSON/object(_:to:escapingSlashes:order:)``).
    public func canonicalJSON(reusing orders: inout CanonicalJSON.KeyOrders) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        append(to: &out, orders: &orders, list: "")
        return out
    }

    private func append(to out: inout [UInt8], orders: inout CanonicalJSON.KeyOrders, list: String) {
        out += Self.keyKind
        CanonicalJSON.string(key, to: &out)
        out += Self.kindLists
        CanonicalJSON.string(kind.rawValue, to: &out)
        out += Self.listsOpen
        for (index, (name, records)) in lists.sorted(by: { CanonicalJSON.precedes($0.key, $1.key) }).enumerated() {
            if index > 0 { out.append(0x2C) }
            CanonicalJSON.string(name, to: &out)
            out.append(0x3A)
            out.append(0x5B)
            for (position, record) in records.enumerated() {
                if position > 0 { out.append(0x2C) }
                record.append(to: &out, orders: &orders, list: name)
            }
            out.append(0x5D)
        }
        out += Self.values
        CanonicalJSON.object(values, to: &out, order: &orders.keys[list, default: []])
        out.append(0x7D)
    }

    private static let keyKind = Array(#"{"key":"#.utf8)
    private static let kindLists = Array(#","kind":"#.utf8)
    private static let listsOpen = Array(#","lists":{"#.utf8)
    private static let values = Array(#"},"values":"#.utf8)
}
