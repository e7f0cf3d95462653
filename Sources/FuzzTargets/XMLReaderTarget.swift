import XMLStream

/// Limits small enough that short inputs reach every bound the reader enforces.
private let tightLimits = XMLLimits(maxDocumentBytes: 16 << 10, maxDepth: 8, maxTextBytes: 256, maxAttributes: 4)

/// Drives the hardened XML pull reader over arbitrary bytes.
///
/// The bytes are read as events under tight limits, checking that the reader keeps its promises (balanced elements,
/// every bound enforced, no entity expansion); then as an element tree, under the tight and the standard limits, both
/// from the reader and from the parser's callbacks (`XMLElement.parse` of bytes), which must give the same tree or
/// both refuse the document. Errors are expected; a crash, a hang, a leak or a broken promise is a finding.
/// - Parameter data: the fuzzer's input.
public func fuzzXMLReader(_ data: UnsafeRawBufferPointer) {
    let bytes = Array(data)
    checkEvents(bytes, limits: tightLimits)
    for limits in [tightLimits, XMLLimits.standard] {
        let built = try? XMLElement.parse(bytes, document: "fuzzed document", limits: limits)
        let read = try? XMLElement.parse(XMLReader(bytes: bytes, document: "fuzzed document", limits: limits))
        precondition(built == read, "the tree built from callbacks differs from the reader's")
    }
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
