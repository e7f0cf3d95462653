import XMLStream

/// Pulls the items of an inbox file one at a time; rows that cannot be used collect in ``problems``.
public final class InboundItemReader {
    private var xml: XMLItemSource?
    private var csv: CSVItemSource?

    /// Rows or elements that could not be used, so far: the first thousand word for word, then a count.
    public var problems: [RowProblem] {
        let log = xml?.problems ?? csv?.problems ?? ProblemLog()
        return log.omitted == 0
            ? log.kept : log.kept + [RowProblem(location: "...", reason: "and \(log.omitted) more rows not used")]
    }

    init(xml: XMLItemSource) { self.xml = xml }
    init(csv: CSVItemSource) { self.csv = csv }

    /// The next usable item, or `nil` at the end.
    /// - Throws: `InboundFileError` when the file turns out to be unreadable as a whole.
    public func next() throws -> InboundItem? {
        if let xml { return try xml.next() }
        return try csv?.next()
    }
}

/// Items of an XML inbox file: each item element is gathered into a small tree and interpreted.
final class XMLItemSource {
    private let reader: XMLReader
    private let root: (kind: InboundKind, item: String, parent: String)
    private let file: String
    private var path: [String] = []
    private var item: [XMLElement] = []
    private var count = 0
    private(set) var problems = ProblemLog()

    init(reader: XMLReader, root: (kind: InboundKind, item: String, parent: String), file: String) {
        self.reader = reader
        self.root = root
        self.file = file
    }

    func next() throws -> InboundItem? {
        do {
            while let event = try reader.next() {
                switch event {
                case .start(let element):
                    if item.isEmpty && element.localName == root.item && path.last == root.parent {
                        count += 1
                        item = [XMLElement(name: element.localName, line: element.line)]
                    } else if !item.isEmpty {
                        item.append(
                            XMLElement(name: element.localName, attributes: element.attributes, line: element.line))
                    }
                    path.append(element.localName)
                case .text(let text):
                    if !item.isEmpty { item[item.count - 1].text += text }
                case .end:
                    path.removeLast()
                    guard let done = item.popLast() else { continue }
                    guard item.isEmpty else {
                        item[item.count - 1].children.append(done)
                        continue
                    }
                    switch XMLItems.item(done, kind: root.kind, location: "\(root.item) \(count) (line \(done.line))") {
                    case .success(let value): return value
                    case .failure(let problem): problems.append(problem)
                    }
                }
            }
        } catch let error as XMLStreamError {
            throw InboundFileError(file: file, location: error.line.map { "line \($0)" } ?? "", reason: error.reason)
        }
        if count == 0 { throw InboundFileError(file: file, reason: "the document holds no \(root.item) element") }
        return nil
    }
}

/// Items of a CSV inbox file.
final class CSVItemSource {
    private let reader: CSVRecordReader
    private var items: CSVItems
    private var queue: [Result<InboundItem, RowProblem>] = []
    private var finished = false
    private(set) var problems = ProblemLog()

    init(reader: CSVRecordReader, items: CSVItems) {
        self.reader = reader
        self.items = items
    }

    func next() throws -> InboundItem? {
        while true {
            while !queue.isEmpty {
                switch queue.removeFirst() {
                case .success(let item): return item
                case .failure(let problem): problems.append(problem)
                }
            }
            if finished { return nil }
            guard let record = try reader.next() else {
                finished = true
                queue = items.finish()
                continue
            }
            if record.fields == [""] { continue }  // a blank line
            guard record.fields.count == items.columns.count else {
                problems.append(
                    RowProblem(
                        location: "line \(record.line)",
                        reason: "\(record.fields.count) fields, the header has \(items.columns.count)"))
                continue
            }
            queue = items.add(record.fields, line: record.line)
        }
    }
}

/// Row problems with a bound: the first thousand are kept, the rest counted.
struct ProblemLog {
    private(set) var kept: [RowProblem] = []
    private(set) var omitted = 0

    mutating func append(_ problem: RowProblem) {
        if kept.count < 1000 { kept.append(problem) } else { omitted += 1 }
    }
}
