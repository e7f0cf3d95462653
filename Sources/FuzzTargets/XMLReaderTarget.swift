import XMLStream

/// Limits small enough that short inputs reach every bound the reader enforces.
private let tightLimits = XMLLimits(maxDocumentBytes: 16 << 10, maxDepth: 8, maxTextBytes: 256, maxAttributes: 4)

/// Drives the hardened XML pull reader over arbitrary bytes.
///
/// The bytes are read twice: as events under tight limits, checking that the reader keeps its promises
/// (balanced elements, every bound enforced, no entity expansion), and as an element tree under the
/// standard limits. Errors are expected; a crash, a hang, a leak or a broken promise is a finding.
/// - Parameter data: the fuzzer's input.
public func fuzzXMLReader(_ data: UnsafeRawBufferPointer) {
    let bytes = Array(data)
    checkEvents(bytes, limits: tightLimits)
    _ = try? XMLElement.parse(bytes, document: "fuzzed document")
}

/// Reads every event and traps when the reader breaks one of its promises.
private func checkEvents(_ bytes: [UInt8], limits: XMLLimits) {
    guard let reader = try? XMLReader(bytes: bytes, document: "fuzzed document", limits: limits) else { return }
    var open: [String] = []
    // Without entity expansion, text and attribute values never outgrow the input; the factor of four
    // covers transcoding from any single-byte or UTF-16 encoding to UTF-8.
    let budget = 4 * bytes.count + 64
    var produced = 0
    do {
        while let event = try reader.next() {
            switch event {
            case .start(let element):
                open.append(element.localName)
                precondition(open.count <= limits.maxDepth, "the reader went deeper than its limit")
                precondition(element.attributes.count <= limits.maxAttributes, "an element has too many attributes")
                produced += element.attributes.reduce(0) { $0 + $1.value.utf8.count }
            case .text(let text):
                precondition(text.utf8.count <= limits.maxTextBytes, "a text node is over the limit")
                produced += text.utf8.count
            case .end(let name):
                precondition(open.popLast() == name, "an end event does not match the open element")
            }
            precondition(produced <= budget, "the reader produced more text than the input holds: entity expansion?")
        }
        precondition(open.isEmpty, "the document ended with elements still open")
        let after = try reader.next()
        precondition(after == nil, "the reader went on after the end of the document")
    } catch {
        _ = "\(error)"
    }
}
