import BridgeModel

extension ArchiveRecord {
    /// The record's manifest JSON: byte for byte what `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes`
    /// writes (so records written by earlier versions still hash the same), without its cost.
    package var canonicalJSON: [UInt8] { json().bytes }

    /// The JSON of the record without its hash (the bytes its hash is the SHA-256 of), and the offset in them where
    /// the hash's digits go (inside the empty string of `"hash":""`), so that the record's line is made without
    /// building its JSON twice.
    package var unsignedJSON: (bytes: [UInt8], hashOffset: Int) {
        var unsigned = self
        unsigned.hash = ""
        return unsigned.json()
    }

    /// The record's JSON, and the offset of its hash's digits in it.
    private func json() -> (bytes: [UInt8], hashOffset: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        func field(_ name: String, _ body: (inout [UInt8]) -> Void) {
            out.append(out.isEmpty ? 0x7B : 0x2C)
            CanonicalJSON.string(name, to: &out)
            out.append(0x3A)
            body(&out)
        }
        func text(_ value: String) -> (inout [UInt8]) -> Void {
            { CanonicalJSON.string(value, to: &$0, escapingSlashes: false) }
        }
        field("direction", text(direction))
        var hashOffset = 0
        field("hash") {
            // After the string's opening quote.
            hashOffset = $0.count + 1
            CanonicalJSON.string(hash, to: &$0, escapingSlashes: false)
        }
        field("keys") { CanonicalJSON.object(keys, to: &$0, escapingSlashes: false) }
        field("kind", text(kind))
        if let length { field("length") { CanonicalJSON.integer(length, to: &$0) } }
        field("name", text(name))
        if let offset { field("offset") { CanonicalJSON.integer(offset, to: &$0) } }
        field("path", text(path))
        field("prev", text(prev))
        field("seq") { CanonicalJSON.integer(seq, to: &$0) }
        field("sha256", text(sha256))
        field("size") { CanonicalJSON.integer(size, to: &$0) }
        field("time", text(time))
        out.append(0x7D)
        return (out, hashOffset)
    }
}
