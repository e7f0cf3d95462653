import CLibXML2
import Testing
import XMLStream

/// The writer writes what libxml2's `xmlTextWriter` writes for the same calls, byte for byte: the files of earlier
/// versions were written by it, and the Ongoing and SOAP documents must not change with the writer.
@Suite struct XMLWriterOracleTests {
    /// Characters that exercise escaping, the characters XML cannot carry, and multi-byte UTF-8.
    static let alphabet: [String] = [
        "a", "Z", "0", " ", "&", "<", ">", "\"", "'", "\r", "\n", "\t", "\u{1}", "\u{FFFE}", "æ", "ø", "å", "«", "»",
        "€", "😀", "\u{2028}", "=", "/", ";", "#",
    ]

    @Test(arguments: [false, true]) func randomDocumentsMatchLibXML(indent: Bool) throws {
        var random = Xorshift(seed: indent ? 7 : 11)
        for round in 0..<400 {
            let calls = Self.calls(&random)
            let ours = try XMLWriter(document: "ours", indent: indent)
            let theirs = try OracleWriter(indent: indent)
            for call in calls {
                try call.apply(to: ours)
                call.apply(to: theirs)
            }
            let mine = String(decoding: try ours.finish(), as: UTF8.self)
            let expected = String(decoding: theirs.finish(), as: UTF8.self)
            // The first difference is enough to go on; the rounds after it would repeat it.
            try #require(mine == expected, "round \(round) of the seeded calls: \(calls)")
        }
    }

    @Test func theSOAPAndOngoingShapesMatchLibXML() throws {
        let calls: [Call] = [
            .start("Envelope", prefix: "soap", namespace: "http://schemas.xmlsoap.org/soap/envelope/"),
            .attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"), .start("Body", prefix: "soap"),
            .start("GetProducts", prefix: nil, namespace: "http://24sevenoffice.com/webservices"),
            .element("Name", "Kaffe & te «ny» <4>"), .element("Empty", ""), .nilElement("Gone"), .end, .end, .end,
        ]
        for indent in [false, true] {
            let ours = try XMLWriter(document: "ours", indent: indent)
            let theirs = try OracleWriter(indent: indent)
            for call in calls {
                try call.apply(to: ours)
                call.apply(to: theirs)
            }
            #expect(try ours.finish() == theirs.finish())
        }
    }

    /// A random, well-formed sequence of calls: elements nested up to four deep, with attributes right after a start,
    /// text, whole elements, nil elements and namespaces.
    static func calls(_ random: inout Xorshift) -> [Call] {
        var calls: [Call] = [.start("Root", prefix: nil, namespace: "urn:root")]
        var depth = 1
        var justOpened = true
        for _ in 0..<Int(random.below(30)) {
            switch random.below(8) {
            case 0 where depth < 5:
                let prefixed = random.below(4) == 0
                calls.append(
                    .start(
                        name(&random), prefix: prefixed ? "p" : nil,
                        namespace: random.below(3) == 0 ? "urn:\(text(&random))" : nil))
                depth += 1
                justOpened = true
                continue
            case 1 where justOpened:
                calls.append(.attribute(name(&random), text(&random)))
                continue
            case 2 where depth > 1:
                calls.append(.end)
                depth -= 1
            case 3:
                calls.append(.text(text(&random)))
            case 4:
                calls.append(.nilElement(name(&random)))
            default:
                calls.append(.element(name(&random), text(&random)))
            }
            justOpened = false
        }
        if random.below(2) == 0 { calls += Array(repeating: .end, count: depth) }
        return calls
    }

    static func name(_ random: inout Xorshift) -> String {
        ["a", "Name", "OrderLine", "x1", "GoodsOwnerCode"][Int(random.below(5))]
    }

    static func text(_ random: inout Xorshift) -> String {
        (0..<random.below(12)).map { _ in alphabet[Int(random.below(UInt64(alphabet.count)))] }.joined()
    }

    /// One writer call, applied alike to both writers.
    enum Call {
        case start(String, prefix: String?, namespace: String? = nil)
        case attribute(String, String)
        case text(String)
        case element(String, String)
        case nilElement(String)
        case end

        func apply(to writer: XMLWriter) throws {
            switch self {
            case .start(let name, let prefix, let namespace):
                try writer.startElement(name, prefix: prefix, namespaceURI: namespace)
            case .attribute(let name, let value): try writer.attribute(name, value)
            case .text(let value): try writer.text(value)
            case .element(let name, let value): try writer.element(name, text: value)
            case .nilElement(let name): try writer.nilElement(name)
            case .end: try writer.endElement()
            }
        }

        func apply(to writer: OracleWriter) {
            switch self {
            case .start(let name, let prefix, let namespace): writer.start(name, prefix: prefix, namespace: namespace)
            case .attribute(let name, let value): writer.attribute(name, value)
            case .text(let value): writer.text(value)
            case .element(let name, let value):
                writer.start(name, prefix: nil, namespace: nil)
                writer.text(value)
                writer.end()
            case .nilElement(let name):
                writer.start(name, prefix: nil, namespace: nil)
                writer.attribute("xsi:nil", "true")
                writer.end()
            case .end: writer.end()
            }
        }
    }
}

/// libxml2's `xmlTextWriter` into memory, set up the way the bridge's writer was before it was written in Swift.
final class OracleWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    init(indent: Bool) throws {
        buffer = try #require(xmlBufferCreate())
        writer = try #require(xmlNewTextWriterMemory(buffer, 0))
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            _ = xmlTextWriterSetIndentString(writer, "  ")
        }
        #expect(xmlTextWriterStartDocument(writer, "1.0", "utf-8", nil) >= 0)
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func start(_ name: String, prefix: String?, namespace: String?) {
        let status =
            if prefix != nil || namespace != nil {
                xmlTextWriterStartElementNS(writer, prefix, name, namespace)
            } else {
                xmlTextWriterStartElement(writer, name)
            }
        #expect(status >= 0)
    }

    func attribute(_ name: String, _ value: String) {
        #expect(xmlTextWriterWriteAttribute(writer, name, Self.clean(value)) >= 0)
    }

    func text(_ value: String) { #expect(xmlTextWriterWriteString(writer, Self.clean(value)) >= 0) }

    func end() { #expect(xmlTextWriterEndElement(writer) >= 0) }

    func finish() -> [UInt8] {
        #expect(xmlTextWriterEndDocument(writer) >= 0)
        xmlTextWriterFlush(writer)
        return Array(UnsafeBufferPointer(start: xmlBufferContent(buffer), count: Int(xmlBufferLength(buffer))))
    }

    /// What the bridge's writer has always done before handing text to libxml2: drop what XML cannot carry.
    static func clean(_ value: String) -> String {
        String(
            String.UnicodeScalarView(
                value.unicodeScalars.filter {
                    switch $0.value {
                    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
                    default: false
                    }
                }))
    }
}

/// A small seeded generator, so that every run writes the same documents.
struct Xorshift {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func below(_ bound: UInt64) -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state % bound
    }
}
