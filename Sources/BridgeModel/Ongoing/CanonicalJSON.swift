#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

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
        text.withUTF8Bytes { bytes in
            // Most strings need no escape at all: found eight bytes at a time, and copied whole.
            guard needsEscape(bytes, escapingSlashes: escapingSlashes) else {
                out.append(contentsOf: bytes)
                return
            }
            // Runs of bytes that need no escape are copied at once.
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard needsEscape(byte, escapingSlashes: escapingSlashes) else { continue }
                if start < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                start = index + 1
                escape(byte, to: &out)
            }
            if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
        out.append(0x22)
    }

    /// Whether any byte needs an escape: a control character, `"`, `\` or (when escaped) `/`.
    ///
    /// Eight bytes at a time, with the bit tricks that tell whether a word holds a byte below a value or equal to one
    /// (exact as a yes or no); the last few bytes one by one.
    static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>, escapingSlashes: Bool) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func holdsZero(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var offset = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while offset + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                if (word &- 0x20 &* ones) & ~word & highs != 0 || holdsZero(word ^ (0x22 &* ones))
                    || holdsZero(word ^ (0x5C &* ones)) || (escapingSlashes && holdsZero(word ^ (0x2F &* ones)))
                {
                    return true
                }
                offset += 8
            }
        }
        while offset < bytes.count {
            if needsEscape(bytes[offset], escapingSlashes: escapingSlashes) { return true }
            offset += 1
        }
        return false
    }

    /// Whether one byte needs an escape.
    private static func needsEscape(_ byte: UInt8, escapingSlashes: Bool) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || (byte == 0x2F && escapingSlashes)
    }

    private static func escape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(0x5C)
        switch byte {
        case 0x22, 0x5C, 0x2F: out.append(byte)
        case 0x08: out.append(0x62)
        case 0x09: out.append(0x74)
        case 0x0A: out.append(0x6E)
        case 0x0C: out.append(0x66)
        case 0x0D: out.append(0x72)
        default:
            out.append(contentsOf: [0x75, 0x30, 0x30])
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
    }

    /// Appends a JSON object of strings, its keys sorted.
    public static func object(_ values: [String: String], to out: inout [UInt8], escapingSlashes: Bool = true) {
        out.append(0x7B)
        for (index, (key, value)) in values.sorted(by: { precedes($0.key, $1.key) }).enumerated() {
            if index > 0 { out.append(0x2C) }
            pair(key, value, to: &out, escapingSlashes: escapingSlashes)
        }
        out.append(0x7D)
    }

    private static func pair(_ key: String, _ value: String, to out: inout [UInt8], escapingSlashes: Bool) {
        string(key, to: &out, escapingSlashes: escapingSlashes)
        out.append(0x3A)
        string(value, to: &out, escapingSlashes: escapingSlashes)
    }

    /// Appends a JSON integer.
    public static func integer(_ value: Int, to out: inout [UInt8]) {
        out += Array(String(value).utf8)
    }

    /// Whether `a` sorts before `b` by UTF-8 bytes, as `.sortedKeys` sorts.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        // Native strings hand out their UTF-8 without a copy; others (bridged ones) compare through the view.
        let fast = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in
                let common = min(left.count, right.count)
                if common > 0, let l = left.baseAddress, let r = right.baseAddress {
                    let order = memcmp(l, r, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
        if let fast = fast ?? nil { return fast }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
