import Foundation
import Testing
import XMLStream

/// Hostile and broken XML is refused with a reason and a line, and nothing reaches the network.
@Suite struct XMLReaderSecurityTests {
    static func read(_ text: String, limits: XMLLimits = .standard) throws -> [XMLEvent] {
        let reader = try XMLReader(bytes: Array(text.utf8), document: "input.xml", limits: limits)
        var events: [XMLEvent] = []
        while let event = try reader.next() { events.append(event) }
        return events
    }

    static func rejection(_ text: String, limits: XMLLimits = .standard) -> XMLStreamError? {
        do {
            _ = try read(text, limits: limits)
            return nil
        } catch let error as XMLStreamError {
            return error
        } catch {
            return nil
        }
    }

    static let hostile: [(String, String)] = [
        (
            "billion laughs",
            """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <lolz>&lol2;</lolz>
            """
        ),
        (
            "external entity",
            """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <r>&xxe;</r>
            """
        ),
        (
            "network DTD",
            """
            <?xml version="1.0"?>
            <!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd">
            <r/>
            """
        ),
        (
            "parameter entity",
            """
            <!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p"> %p;]><r/>
            """
        ),
        ("plain doctype", "<!DOCTYPE html><html/>"),
    ]

    @Test(arguments: hostile)
    func hostileDeclarationsAreRefused(_ name: String, _ text: String) {
        let error = Self.rejection(text)
        #expect(
            error?.kind == .forbiddenDeclaration || error?.kind == .malformed, "\(name): \(String(describing: error))")
        #expect(error?.document == "input.xml")
    }

    @Test func theFileContentNeverLeaksThroughAnEntity() {
        let error = Self.rejection("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><r>&x;</r>")
        #expect(error != nil)
        #expect(!(error?.description.contains(ProcessInfo.processInfo.hostName) ?? false))
    }

    @Test func truncatedInputNamesTheLine() {
        let error = Self.rejection("<a>\n<b>\n<c>text</c>\n")
        #expect(error?.kind == .malformed)
        #expect(error?.line != nil)
    }

    @Test func depthIsBounded() {
        let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        let limits = XMLLimits(maxDocumentBytes: 1 << 20, maxDepth: 50, maxTextBytes: 1024)
        #expect(Self.rejection(deep, limits: limits)?.kind == .limitExceeded)
    }

    @Test func sizeAndTextAreBounded() {
        let limits = XMLLimits(maxDocumentBytes: 100, maxDepth: 10, maxTextBytes: 10)
        #expect(
            Self.rejection("<a>" + String(repeating: "x", count: 200) + "</a>", limits: limits)?.kind == .limitExceeded)
        let textLimits = XMLLimits(maxDocumentBytes: 1000, maxDepth: 10, maxTextBytes: 10)
        #expect(
            Self.rejection("<a>" + String(repeating: "x", count: 50) + "</a>", limits: textLimits)?.kind
                == .limitExceeded)
    }

    @Test func invalidUTF8IsRefused() throws {
        let bytes: [UInt8] = Array("<a>".utf8) + [0xC3, 0x28] + Array("</a>".utf8)
        #expect(throws: XMLStreamError.self) {
            let reader = try XMLReader(bytes: bytes, document: "bad.xml")
            while try reader.next() != nil {}
        }
    }

    @Test func emptyInputIsRefused() {
        #expect(throws: XMLStreamError.self) { try XMLReader(bytes: [], document: "empty.xml") }
    }

    @Test func eventsCarryNamespacesAttributesAndEscapedText() throws {
        let events = try Self.read(
            "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?><r xmlns=\"urn:x\" a=\"1 &amp; 2\"><e/><t>&lt;ø&gt;</t></r>"
        )
        guard case .start(let root) = events.first else {
            Issue.record("no start")
            return
        }
        #expect(root.localName == "r" && root.namespaceURI == "urn:x" && root.attribute("a") == "1 & 2")
        #expect(events.contains(.end(localName: "e")))
        #expect(events.contains(.text("<ø>")))
    }

    @Test func writerOutputReadsBackAndDropsIllegalCharacters() throws {
        let writer = try XMLWriter(document: "out")
        try writer.startElement("Root", namespaceURI: "http://ongoingsystems.se/WSI")
        try writer.element("Name", text: "Kaffekjele & kopper <4-pk> \u{1}æøå")
        // U+FFFE is not an XML character; U+FF21 shares its first UTF-8 byte and is one.
        try writer.element("Code", text: "A\u{FFFE}B\u{FF21}")
        try writer.endElement()
        let root = try XMLElement.parse(try writer.finish(), document: "out")
        #expect(root.namespaceURI == "http://ongoingsystems.se/WSI")
        #expect(root.value("Name") == "Kaffekjele & kopper <4-pk> æøå")
        #expect(root.value("Code") == "AB\u{FF21}")
    }

    @Test func dateTimesRoundTripInUTC() throws {
        let date = try #require(XSDDateTime.parse("2026-11-28T10:15:30Z"))
        #expect(XSDDateTime.format(date) == "2026-11-28T10:15:30")
        #expect(XSDDateTime.parse("2026-11-28T11:15:30+01:00") == date)
        #expect(XSDDateTime.parse("2026-11-28T10:15:30") == date)
        #expect(
            XSDDateTime.format(XSDDateTime.parse("2024-02-29T23:59:59.250Z")!, zone: true, milliseconds: true)
                == "2024-02-29T23:59:59.250Z")
        #expect(XSDDateTime.parse("2026-13-01T00:00:00") == nil)
        #expect(XSDDateTime.parse("yesterday") == nil)
    }
}
