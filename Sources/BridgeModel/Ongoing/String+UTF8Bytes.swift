extension String {
    /// Calls `body` with the string's UTF-8, read in place when the string is native, else copied.
    ///
    /// `withUTF8` is mutating, so calling it on a parameter copied the string: a retain and a release for every value
    /// written. (XMLStream has the same helper: the two modules share no dependency.) Inlinable, so that a writer in
    /// another module calling it for every value gets it specialised, not through a generic thunk.
    @inlinable
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
