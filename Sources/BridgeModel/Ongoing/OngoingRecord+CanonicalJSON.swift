extension OngoingRecord {
    /// The record as canonical JSON: byte for byte what Foundation's `JSONEncoder` with `.sortedKeys` writes, so that
    /// content hashes stay what earlier versions stored, at a fraction of the cost (no `Encoder` machinery, one buffer).
    ///
    /// Keys are sorted by their UTF-8 bytes; strings escape `"`, `\`, `/` and control characters as the encoder does
    /// (`\b`, `\t`, `\n`, `\f`, `\r`, else `\u00xx`), and leave every other character as UTF-8.
    public var canonicalJSON: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        append(to: &out)
        return out
    }

    private func append(to out: inout [UInt8]) {
        out += Self.keyKind
        Self.string(key, &out)
        out += Self.kindLists
        Self.string(kind.rawValue, &out)
        out += Self.listsOpen
        var firstList = true
        for (name, records) in lists.sorted(by: { Self.precedes($0.key, $1.key) }) {
            if !firstList { out.append(0x2C) }
            firstList = false
            Self.string(name, &out)
            out.append(0x3A)
            out.append(0x5B)
            for (index, record) in records.enumerated() {
                if index > 0 { out.append(0x2C) }
                record.append(to: &out)
            }
            out.append(0x5D)
        }
        out += Self.valuesOpen
        var firstValue = true
        for (path, value) in values.sorted(by: { Self.precedes($0.key, $1.key) }) {
            if !firstValue { out.append(0x2C) }
            firstValue = false
            Self.string(path, &out)
            out.append(0x3A)
            Self.string(value, &out)
        }
        out.append(0x7D)
        out.append(0x7D)
    }

    private static let keyKind = Array(#"{"key":"#.utf8)
    private static let kindLists = Array(#","kind":"#.utf8)
    private static let listsOpen = Array(#","lists":{"#.utf8)
    private static let valuesOpen = Array(#"},"values":{"#.utf8)
    private static let hex = Array("0123456789abcdef".utf8)

    /// Whether `a` sorts before `b` by UTF-8 bytes, as the encoder's `.sortedKeys` does.
    private static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private static func string(_ text: String, _ out: inout [UInt8]) {
        out.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x2F: out += [0x5C, 0x2F]
            case 0x08: out += [0x5C, 0x62]
            case 0x09: out += [0x5C, 0x74]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0C: out += [0x5C, 0x66]
            case 0x0D: out += [0x5C, 0x72]
            case 0x00..<0x20: out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}
