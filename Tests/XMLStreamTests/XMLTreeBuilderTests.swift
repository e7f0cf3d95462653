import Foundation
import Testing
import XMLStream

/// The tree built from the parser's callbacks is the tree built from the hardened reader, element for element and line
/// for line, and what the reader refuses it refuses the same way: on every seed of the fuzzers (hostile documents
/// among them), every sample and fixture, and thousands of seeded truncations and mutations of them.
@Suite struct XMLTreeBuilderTests {
    /// What parsing gave: a tree with the items handed out, or the kind of refusal.
    ///
    /// Outcomes are the same when both are the same tree or both refusals: a document that is broken in two ways may
    /// be refused for the one or the other (the reader's parser reads ahead of its events, so it can meet a later
    /// break first), and either refusal keeps it out.
    enum Outcome: Equatable, CustomStringConvertible {
        case tree(XMLElement, items: [XMLElement])
        case refused(XMLStreamError.Kind)

        static func == (lhs: Outcome, rhs: Outcome) -> Bool {
            switch (lhs, rhs) {
            case (.tree(let a, let x), .tree(let b, let y)): a == b && x == y
            case (.refused, .refused): true
            default: false
            }
        }

        /// The kind of refusal, if it is one.
        var refusal: XMLStreamError.Kind? {
            if case .refused(let kind) = self { kind } else { nil }
        }

        var description: String {
            switch self {
            case .tree(let root, let items): "tree <\(root.name)> with \(items.count) items"
            case .refused(let kind): "refused (\(kind))"
            }
        }
    }

    static func viaReader(_ bytes: [UInt8], _ limits: XMLLimits, item: String?, depth: Int) -> Outcome {
        var items: [XMLElement] = []
        do {
            let reader = try XMLReader(bytes: bytes, document: "d", limits: limits)
            let root = try XMLElement.parse(reader, handing: item, atDepth: depth) { items.append($0) }
            return .tree(root, items: items)
        } catch let error as XMLStreamError {
            return .refused(error.kind)
        } catch {
            return .refused(.malformed)
        }
    }

    static func viaBuilder(_ bytes: [UInt8], _ limits: XMLLimits, item: String?, depth: Int) -> Outcome {
        var items: [XMLElement] = []
        do {
            let root = try XMLElement.parse(bytes, document: "d", limits: limits, handing: item, atDepth: depth) {
                items.append($0)
            }
            return .tree(root, items: items)
        } catch let error as XMLStreamError {
            return .refused(error.kind)
        } catch {
            return .refused(.malformed)
        }
    }

    /// The documents: the fuzzers' XML seeds, the samples and the test fixtures.
    static let corpus: [(name: String, bytes: [UInt8])] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folders = [
            "Fuzz/Seeds/FuzzXMLReader", "Fuzz/Seeds/FuzzSOAPAnswer", "Fuzz/Seeds/FuzzInboxXML", "samples/erp",
            "samples/erp/nordlys", "samples/wms", "Tests/TwentyFourSevenTests/Fixtures",
        ]
        var files: [(String, [UInt8])] = []
        for folder in folders {
            let url = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() {
                guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(name).path) else {
                    continue
                }
                if name.hasSuffix(".xml") || folder.hasPrefix("Fuzz") {
                    files.append((folder + "/" + name, Array(data)))
                }
            }
        }
        return files
    }()

    static let tight = XMLLimits(maxDocumentBytes: 16 << 10, maxDepth: 8, maxTextBytes: 256, maxAttributes: 4)

    @Test func theCorpusIsThere() {
        #expect(Self.corpus.count > 100)
    }

    @Test func everyDocumentOfTheCorpusGivesTheSameTreeOrTheSameRefusal() {
        for (name, bytes) in Self.corpus {
            for limits in [XMLLimits.standard, Self.tight] {
                let expected = Self.viaReader(bytes, limits, item: nil, depth: 0)
                #expect(Self.viaBuilder(bytes, limits, item: nil, depth: 0) == expected, "\(name)")
            }
            // Items handed out as a SOAP answer's are (Envelope/Body/Response/Result/item), and as a WMS file's.
            for (item, depth) in [("InvoiceOrder", 5), ("Product", 5), ("Company", 5), ("int", 5), ("Order", 3)] {
                let expected = Self.viaReader(bytes, .standard, item: item, depth: depth)
                #expect(Self.viaBuilder(bytes, .standard, item: item, depth: depth) == expected, "\(name) \(item)")
            }
        }
    }

    @Test func truncatedAndMutatedDocumentsGiveTheSameTreeOrTheSameRefusal() {
        var random = SplitMix(seed: 0x5AC5)
        var compared = 0
        for (name, bytes) in Self.corpus where !bytes.isEmpty {
            for round in 0..<12 {
                var mutated = bytes
                switch round % 4 {
                case 0:
                    mutated = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count)) + 1))
                case 1:
                    for _ in 0..<Int(random.next() % 4 + 1) {
                        mutated[Int(random.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: random.next())
                    }
                case 2:
                    let at = Int(random.next() % UInt64(mutated.count))
                    let pieces = [
                        "<a>", "</a>", "&amp;", "&#x41;", "&x;", "<![CDATA[x]]>", "<!-- c -->", " b=\"1\"", "\n",
                    ]
                    mutated.insert(contentsOf: Array(pieces[Int(random.next() % UInt64(pieces.count))].utf8), at: at)
                default:
                    let at = Int(random.next() % UInt64(mutated.count))
                    mutated.removeSubrange(at..<min(mutated.count, at + Int(random.next() % 16) + 1))
                }
                guard !mutated.isEmpty else { continue }
                let limits = round % 3 == 0 ? Self.tight : .standard
                let expected = Self.viaReader(mutated, limits, item: "InvoiceOrder", depth: 5)
                let built = Self.viaBuilder(mutated, limits, item: "InvoiceOrder", depth: 5)
                #expect(
                    built == expected, "\(name) round \(round): \(String(decoding: mutated.prefix(300), as: UTF8.self))"
                )
                compared += 1
            }
        }
        #expect(compared > 1000)
    }

    @Test func hostileDocumentsAreRefusedBeforeAnythingIsExpanded() {
        for (name, text) in XMLReaderSecurityTests.hostile {
            let refusal = Self.viaBuilder(Array(text.utf8), .standard, item: nil, depth: 0).refusal
            #expect(refusal == .forbiddenDeclaration, "\(name)")
        }
        #expect(Self.viaBuilder([], .standard, item: nil, depth: 0).refusal == .malformed)
        let big = Array(("<a>" + String(repeating: "x", count: 200) + "</a>").utf8)
        #expect(
            Self.viaBuilder(big, XMLLimits(maxDocumentBytes: 100, maxDepth: 4, maxTextBytes: 1000), item: nil, depth: 0)
                .refusal == .limitExceeded)
    }

    @Test func whatTheSinkThrowsStopsTheParseAndComesOut() {
        struct Enough: Error {}
        let text = "<r>" + String(repeating: "<i>1</i>", count: 100) + "</r>"
        var seen = 0
        #expect(throws: Enough.self) {
            _ = try XMLElement.parse(Array(text.utf8), document: "r", handing: "i", atDepth: 2) { _ in
                seen += 1
                if seen == 3 { throw Enough() }
            }
        }
        #expect(seen == 3)
    }
}

/// A small seeded generator (SplitMix64), so that the mutations are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
