/// Bounds that every XML reader enforces, so that hostile or broken input cannot exhaust memory.
public struct XMLLimits: Sendable, Equatable {
    /// The largest input accepted, in bytes.
    public var maxDocumentBytes: Int
    /// The deepest element nesting accepted.
    public var maxDepth: Int
    /// The longest text content of one element accepted, in bytes.
    public var maxTextBytes: Int
    /// The most attributes accepted on one element.
    public var maxAttributes: Int

    /// Creates limits.
    public init(maxDocumentBytes: Int, maxDepth: Int, maxTextBytes: Int, maxAttributes: Int = 64) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxTextBytes = maxTextBytes
        self.maxAttributes = maxAttributes
    }

    /// Limits for SOAP messages and business documents held in memory: 256 MiB, depth 64, 1 MiB of text.
    public static let standard = XMLLimits(maxDocumentBytes: 256 << 20, maxDepth: 64, maxTextBytes: 1 << 20)

    /// Limits for streamed inbox files, which may be large but never deep: 4 GiB, depth 32, 64 KiB of text.
    public static let streamedFile = XMLLimits(maxDocumentBytes: 4 << 30, maxDepth: 32, maxTextBytes: 64 << 10)

    /// Refuses a document held in memory before it is parsed: when it is empty or larger than ``maxDocumentBytes``.
    /// - Throws: `XMLStreamError` naming the document.
    func admit(_ bytes: [UInt8], document: String) throws {
        guard bytes.count <= maxDocumentBytes else {
            throw XMLStreamError(
                .limitExceeded, document: document,
                reason: "the document is \(bytes.count) bytes, more than the limit of \(maxDocumentBytes)")
        }
        guard !bytes.isEmpty else {
            throw XMLStreamError(.malformed, document: document, reason: "the document is empty")
        }
    }
}
