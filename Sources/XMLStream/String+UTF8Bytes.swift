extension String {
    /// Calls `body` with the string's UTF-8: a native string's own storage, read in place (`withUTF8` is mutating, so
    /// calling it on a parameter copied the string, a retain and a release for every value written), else a copy.
    /// (BridgeModel has the same helper: the two modules share no dependency.)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
