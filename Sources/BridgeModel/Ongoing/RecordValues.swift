/// A record's values by dotted path, kept compactly: a slot for each path of the record's ``RecordShape`` (an array,
/// allocated once with the first value), and a dictionary only for paths outside the shape.
///
/// The mapper fills an order's thirty-odd values into slots; a dictionary of them took some 2 KB per order (a
/// power-of-two table of key and value pairs), four times the slots, and hashed each path on every write and read.
/// Values compare, hash and encode as a dictionary of path and value would, whatever the shape.
public struct RecordValues: Sendable {
    /// The shape whose slots hold the values.
    public let shape: RecordShape
    /// The values by slot: empty until the first value is set into a slot, then one per slot of the shape.
    @usableFromInline private(set) var slots: ContiguousArray<String?> = []
    /// Values at paths outside the shape.
    private var extra: [String: String] = [:]
    /// How many values there are.
    public private(set) var count = 0

    /// Creates empty values of a shape.
    public init(shape: RecordShape = .none) {
        self.shape = shape
    }

    /// Creates values from a dictionary, kept in a shape's slots where it has them.
    public init(_ values: [String: String], shape: RecordShape = .none) {
        self.shape = shape
        for (path, value) in values { self[path] = value }
    }

    /// Whether there are no values.
    public var isEmpty: Bool { count == 0 }

    /// The value at a path, or `nil`; setting `nil` removes it.
    public subscript(path: String) -> String? {
        get {
            if let slot = shape.slot(path) { return self[slot: slot] }
            return extra[path]
        }
        set {
            if let slot = shape.slot(path) {
                self[slot: slot] = newValue
            } else {
                let old: String?
                if let newValue {
                    old = extra.updateValue(newValue, forKey: path)
                } else {
                    old = extra.removeValue(forKey: path)
                }
                count += (newValue == nil ? 0 : 1) - (old == nil ? 0 : 1)
            }
        }
    }

    /// The value in a slot of the values' own shape, or `nil`; setting `nil` removes it.
    public subscript(slot slot: Int) -> String? {
        get { slot < slots.count ? slots[slot] : nil }
        set {
            if slots.isEmpty {
                guard newValue != nil else { return }
                slots = ContiguousArray(repeating: nil, count: shape.count)
            }
            let old = slots[slot]
            slots[slot] = newValue
            count += (newValue == nil ? 0 : 1) - (old == nil ? 0 : 1)
        }
    }

    /// The value at a path resolved in some shape: by its slot when that shape is these values' shape, else by path.
    ///
    /// Inlined into the writers, which read every value of every record through it: called across the module, the key
    /// was copied for each call.
    @inlinable
    public subscript(key: RecordShape.Key) -> String? {
        if key.shape == ObjectIdentifier(shape), let slot = key.slot { return slot < slots.count ? slots[slot] : nil }
        return self[key.path]
    }

    /// Whether there is a value at a path resolved in some shape (without copying it out).
    @inlinable
    public func contains(_ key: RecordShape.Key) -> Bool {
        if key.shape == ObjectIdentifier(shape), let slot = key.slot { return slot < slots.count && slots[slot] != nil }
        return self[key.path] != nil
    }

    /// Calls `body` with each path and its value, in no particular order.
    public func forEach(_ body: (_ path: String, _ value: String) throws -> Void) rethrows {
        for (slot, value) in slots.enumerated() {
            if let value { try body(shape.paths[slot], value) }
        }
        for (path, value) in extra { try body(path, value) }
    }

    /// Whether a path that has a value satisfies `predicate`.
    public func containsPath(where predicate: (String) -> Bool) -> Bool {
        for (slot, value) in slots.enumerated() where value != nil && predicate(shape.paths[slot]) { return true }
        return extra.keys.contains(where: predicate)
    }

    /// The values as a dictionary by path.
    public var dictionary: [String: String] {
        var result: [String: String] = [:]
        result.reserveCapacity(count)
        forEach { result[$0] = $1 }
        return result
    }

    /// The paths that have a value.
    public var paths: [String] { Array(dictionary.keys) }

    /// Appends the values as a canonical JSON object (``CanonicalJSON/object(_:to:escapingSlashes:)``): by the shape's
    /// sorted slots, with their keys escaped once for the shape, when every value is in a slot.
    func appendCanonicalJSON(to out: inout [UInt8]) {
        guard extra.isEmpty else {
            CanonicalJSON.object(dictionary, to: &out)
            return
        }
        out.append(0x7B)
        var first = true
        if !slots.isEmpty {
            for slot in shape.canonicalOrder {
                guard let value = slots[slot] else { continue }
                if !first { out.append(0x2C) }
                first = false
                out += shape.jsonKeys[slot]
                CanonicalJSON.string(value, to: &out)
            }
        }
        out.append(0x7D)
    }
}

extension RecordValues: Hashable {
    /// Values are equal when they hold the same paths with the same values, whatever their shapes.
    public static func == (lhs: RecordValues, rhs: RecordValues) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.shape === rhs.shape && lhs.extra.isEmpty && rhs.extra.isEmpty {
            return lhs.slots.isEmpty || rhs.slots.isEmpty ? lhs.count == 0 : lhs.slots == rhs.slots
        }
        var equal = true
        lhs.forEach { path, value in if equal && rhs[path] != value { equal = false } }
        return equal
    }

    /// Hashes the pairs independently of their order and shape, as equality compares them.
    public func hash(into hasher: inout Hasher) {
        var pairs = 0
        forEach { path, value in
            var pair = Hasher()
            pair.combine(path)
            pair.combine(value)
            pairs ^= pair.finalize()
        }
        hasher.combine(count)
        hasher.combine(pairs)
    }
}

extension RecordValues: Codable {
    /// Decodes values encoded as a dictionary by path (they are kept by path, without a shape).
    public init(from decoder: any Decoder) throws {
        self.init(try [String: String](from: decoder))
    }

    /// Encodes the values as a dictionary by path.
    public func encode(to encoder: any Encoder) throws {
        try dictionary.encode(to: encoder)
    }
}

extension RecordValues: ExpressibleByDictionaryLiteral {
    /// Creates values kept by path.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
}
