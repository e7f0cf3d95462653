/// A small set of element names, asked whether it holds a name without hashing it: the names are kept by their length
/// in UTF-8 bytes, and a name is compared with the few of its length.
///
/// The decoders ask it for every child of every item, to tell the modelled fields from the others (some 45 questions
/// an order); hashing each name with a freshly seeded hasher was most of that.
struct NameSet: Sendable, ExpressibleByArrayLiteral {
    private var byLength: [[String]] = []

    /// A set of these names.
    init(arrayLiteral names: String...) {
        for name in names {
            let length = name.utf8.count
            if byLength.count <= length { byLength += Array(repeating: [], count: length + 1 - byLength.count) }
            if !byLength[length].contains(name) { byLength[length].append(name) }
        }
    }

    /// Whether the set holds the name.
    func contains(_ name: String) -> Bool {
        let length = name.utf8.count
        return length < byLength.count && byLength[length].contains(name)
    }
}
