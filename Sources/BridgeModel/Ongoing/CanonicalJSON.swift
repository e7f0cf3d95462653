/// JSON written the way Foundation's `JSONEncoder` with `.sortedKeys` writes it, byte for byte, without the
/// `Encoder` machinery: for content hashes and manifest records, whose bytes must stay what earlier versions wrote.
///
/// Keys are sorted by their UTF-8 bytes; strings escape `"`, `\`, control characters (`\b`, `\t`, `\n`, `\f`, `\r`,
/// else `\u00xx`) and, unless told otherwise, `/`; every other character stays UTF-8.
public enum CanonicalJSON {
    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends a JSON string.
    public static func string(_ text: String, to out: inout [UInt8], escapingSlashes: Bool = true) {
        out.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x2F where escapingSlashes: out += [0x5C, 0x2F]
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

    /// Appends a JSON object of strings, its keys sorted.
    public static func object(_ values: [String: String], to out: inout [UInt8], escapingSlashes: Bool = true) {
        out.append(0x7B)
        for (index, (key, value)) in values.sorted(by: { precedes($0.key, $1.key) }).enumerated() {
            if index > 0 { out.append(0x2C) }
            string(key, to: &out, escapingSlashes: escapingSlashes)
            out.append(0x3A)
            string(value, to: &out, escapingSlashes: escapingSlashes)
        }
        out.append(0x7D)
    }

    /// Appends a JSON integer.
    public static func integer(_ value: Int, to out: inout [UInt8]) {
        out += Array(String(value).utf8)
    }

    /// Whether `a` sorts before `b` by UTF-8 bytes, as `.sortedKeys` sorts.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { left in
            b.withUTF8 { right in
                let common = min(left.count, right.count)
                for index in 0..<common where left[index] != right[index] { return left[index] < right[index] }
                return left.count < right.count
            }
        }
    }
}
