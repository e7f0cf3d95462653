import CLibXML2

/// Strings made from a libxml2 parser's dictionary strings, once per distinct string.
///
/// The parser keeps names (and, in SAX2 callbacks, namespace URIs) in its dictionary: one pointer per distinct string,
/// alive as long as the parser, so the pointer is the key of a direct-mapped cache indexed by its bits (no hashing).
/// Two strings that share a slot take turns in it. Use one per parser, and only for dictionary strings.
struct DictionaryNames {
    private var slots: [(pointer: UnsafePointer<xmlChar>?, string: String)]

    /// An empty cache of `count` slots, a power of two.
    init(slots count: Int) {
        precondition(count > 0 && count & (count - 1) == 0, "the slots must be a power of two")
        slots = Array(repeating: (nil, ""), count: count)
    }

    /// The string at a dictionary pointer (`""` for none).
    mutating func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        let bits = UInt(bitPattern: pointer)
        let slot = Int(truncatingIfNeeded: (bits >> 3 ^ bits >> 12) & UInt(slots.count - 1))
        if slots[slot].pointer == pointer { return slots[slot].string }
        let made = LibXML.string(pointer) ?? ""
        slots[slot] = (pointer, made)
        return made
    }
}
