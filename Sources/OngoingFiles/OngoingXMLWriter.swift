public import BridgeModel
import XMLStream

/// Writes Ongoing records as XML documents shaped exactly like the body of the goods-owner API call that
/// carries them: `ProcessArticle`/`art`, `ProcessOrder`/`co`, and a `Supplier` root.
///
/// The writer walks the schema's sequences, so elements come in schema order; required elements are always
/// written (nillable ones as `xsi:nil`, booleans as `false`), and fields without a value are left out.
public struct OngoingXMLWriter: Sendable {
    private let schema: OngoingSchema
    private let plans: [ObjectKind: OngoingXMLPlan]

    /// Creates a writer over a schema, with the schema walk of each kind compiled once for the paths `table` fills.
    /// - Parameters:
    ///   - schema: the Ongoing schema.
    ///   - table: the mapping whose records the writer writes; by default the standard one with variants.
    public init(schema: OngoingSchema, table: MappingTable = .standard(variants: true)) {
        self.schema = schema
        let paths = { (kinds: [ObjectKind]) in Set(kinds.flatMap { table.rows(for: $0).map(\.ongoing) }) }
        self.plans = [
            .article: OngoingXMLPlan.compile(
                type: "ArticleDefinition", prefix: "", wanted: paths([.article]), types: schema.types,
                shape: table.shape(for: .article)),
            .order: OngoingXMLPlan.compile(
                type: "CustomerOrder", prefix: "", wanted: paths([.order, .orderLine]).union(["CustomerOrderLines"]),
                types: schema.types, shape: table.shape(for: .order),
                listShapes: ["CustomerOrderLines": table.shape(for: .orderLine)]),
            .supplier: OngoingXMLPlan.compile(
                type: "Supplier", prefix: "", wanted: paths([.supplier]), types: schema.types,
                shape: table.shape(for: .supplier)),
        ]
    }

    /// The document for one record.
    /// - Parameters:
    ///   - record: the article, order or supplier.
    ///   - goodsOwnerCode: written into `ProcessArticle` and `ProcessOrder`.
    /// - Throws: `OngoingFileError` when a required value is missing.
    public func document(for record: OngoingRecord, goodsOwnerCode: String) throws -> [UInt8] {
        // By the kind's plan when it places every value and list of the record, else by walking the schema.
        if let plan = plans[record.kind], let bytes = try render(record, goodsOwnerCode, plan: plan) { return bytes }
        return try render(record, goodsOwnerCode, plan: nil) ?? []
    }

    /// The document, or `nil` when `plan` left a value or list of the record unplaced.
    private func render(_ record: OngoingRecord, _ goodsOwnerCode: String, plan: OngoingXMLPlan?) throws -> [UInt8]? {
        let name = "\(record.kind.rawValue) \(record.key)"
        let writer = try XMLWriter(document: name, indent: true)
        let body = { (type: String) throws -> Bool in
            guard let plan else {
                try self.walk(type: type, record, prefix: "", writer)
                return true
            }
            return try self.write(plan, record, writer)
        }
        switch record.kind {
        case .article:
            guard try wrapped("ProcessArticle", "art", "ArticleDefinition", goodsOwnerCode, writer, body) else {
                return nil
            }
        case .order:
            guard try wrapped("ProcessOrder", "co", "CustomerOrder", goodsOwnerCode, writer, body) else { return nil }
        case .supplier:
            try writer.startElement("Supplier", namespaceURI: OngoingSchema.namespace)
            try writer.namespace(prefix: "xsi", uri: XMLElement.xsiNamespace)
            guard try body("Supplier") else { return nil }
            try writer.endElement()
        case .orderLine:
            throw OngoingFileError(name, "an order line is written inside its order")
        }
        return try writer.finish()
    }

    private func wrapped(
        _ root: String, _ field: String, _ type: String, _ goodsOwnerCode: String, _ writer: XMLWriter,
        _ body: (String) throws -> Bool
    ) throws -> Bool {
        try writer.startElement(root, namespaceURI: OngoingSchema.namespace)
        try writer.namespace(prefix: "xsi", uri: XMLElement.xsiNamespace)
        try writer.element("GoodsOwnerCode", text: goodsOwnerCode)
        try writer.startElement(field)
        guard try body(type) else { return false }
        try writer.endElement()
        try writer.endElement()
        return true
    }

    /// How many of a record's values and lists a plan placed.
    private struct Tally {
        var values = 0
        var lists = 0
    }

    /// Writes a record by its plan; `false` when the record holds a value or list the plan has no place for.
    private func write(_ plan: OngoingXMLPlan, _ record: OngoingRecord, _ writer: XMLWriter) throws -> Bool {
        var tally = Tally()
        guard try write(plan, record, writer, &tally) else { return false }
        return tally.values == record.values.count && tally.lists == record.lists.count
    }

    private func write(_ plan: OngoingXMLPlan, _ record: OngoingRecord, _ writer: XMLWriter, _ tally: inout Tally)
        throws -> Bool
    {
        for node in plan.nodes {
            switch node {
            case .simple(let simple):
                if let value = record.values[simple.path] {
                    tally.values += 1
                    try writer.element(simple.name, text: value)
                } else if let required = simple.required {
                    switch required {
                    case .nilElement: try writer.nilElement(simple.name)
                    case .falseBoolean: try writer.element(simple.name, text: "false")
                    case .missing:
                        throw OngoingFileError(
                            "\(record.kind.rawValue) \(record.key)",
                            "the required element \(simple.path.path) has no value")
                    }
                }
            case .complex(let complex):
                guard
                    complex.required || complex.values.contains(where: { record.values.contains($0) })
                        || complex.lists.contains(where: { record.lists[$0]?.isEmpty == false })
                else {
                    // Left out with its element, as the schema walk leaves it out: placed, in that sense.
                    for path in complex.quiet where record.values.contains(path) { tally.values += 1 }
                    for path in complex.lists where record.lists[path] != nil { tally.lists += 1 }
                    continue
                }
                try writer.startElement(complex.name)
                guard try write(complex.plan, record, writer, &tally) else { return false }
                try writer.endElement()
            case .list(let list):
                guard let items = record.lists[list.path] else { continue }
                tally.lists += 1
                try writer.startElement(list.name)
                for entry in items {
                    try writer.startElement(list.item)
                    guard try write(list.plan, entry, writer) else { return false }
                    try writer.endElement()
                }
                try writer.endElement()
            }
        }
        return true
    }

    /// Writes a record by walking the schema (for records the kind's plan does not cover).
    private func walk(type: String, _ record: OngoingRecord, prefix: String, _ writer: XMLWriter) throws {
        for element in schema.types.sequence(type) {
            let path = prefix + element.name
            if schema.types.isSimple(element) {
                if let value = record.values[path] {
                    try writer.element(element.name, text: value)
                } else if element.minOccurs > 0 {
                    try writeRequired(element, path: path, record: record, writer)
                }
            } else if let items = record.lists[path] {
                try writeList(element, items, writer)
            } else if element.minOccurs > 0 || holdsData(type: element.type, record, prefix: path + ".") {
                try writer.startElement(element.name)
                try walk(type: element.type, record, prefix: path + ".", writer)
                try writer.endElement()
            }
        }
    }

    /// Whether an optional element has anything to say: a value beneath it that is not merely one of the enumerations
    /// that say how to identify and change it (`WayOfDeliveryTypeOperation`, `...Identification`).
    ///
    /// An element that would hold only those is an empty optional field, and is left out.
    private func holdsData(type: String, _ record: OngoingRecord, prefix: String) -> Bool {
        // Nothing beneath at all (this also ends the walk through the schema's recursive types).
        guard
            record.values.containsPath(where: { $0.hasPrefix(prefix) })
                || record.lists.keys.contains(where: { $0.hasPrefix(prefix) })
        else { return false }
        for element in schema.types.sequence(type) {
            let path = prefix + element.name
            if schema.types.isSimple(element) {
                if record.values[path] != nil && !schema.types.simpleTypes.contains(element.type) { return true }
            } else if record.lists[path]?.isEmpty == false || holdsData(type: element.type, record, prefix: path + ".")
            {
                return true
            }
        }
        return false
    }

    private func writeList(_ wrapper: WSDLTypes.Element, _ items: [OngoingRecord], _ writer: XMLWriter) throws {
        guard let item = schema.types.sequence(wrapper.type).first(where: \.repeats) else {
            throw OngoingFileError(wrapper.name, "the schema has no repeated element in \(wrapper.type)")
        }
        try writer.startElement(wrapper.name)
        for entry in items {
            try writer.startElement(item.name)
            try walk(type: item.type, entry, prefix: item.name + ".", writer)
            try writer.endElement()
        }
        try writer.endElement()
    }

    private func writeRequired(
        _ element: WSDLTypes.Element, path: String, record: OngoingRecord, _ writer: XMLWriter
    ) throws {
        if element.nillable {
            try writer.nilElement(element.name)
        } else if element.type == "boolean" {
            try writer.element(element.name, text: "false")
        } else {
            throw OngoingFileError(
                "\(record.kind.rawValue) \(record.key)", "the required element \(path) has no value")
        }
    }
}
