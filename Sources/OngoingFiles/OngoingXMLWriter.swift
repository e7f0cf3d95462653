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
                type: "ArticleDefinition", prefix: "", wanted: paths([.article]), types: schema.types),
            .order: OngoingXMLPlan.compile(
                type: "CustomerOrder", prefix: "", wanted: paths([.order, .orderLine]).union(["CustomerOrderLines"]),
                types: schema.types),
            .supplier: OngoingXMLPlan.compile(
                type: "Supplier", prefix: "", wanted: paths([.supplier]), types: schema.types),
        ]
    }

    /// The document for one record.
    /// - Parameters:
    ///   - record: the article, order or supplier.
    ///   - goodsOwnerCode: written into `ProcessArticle` and `ProcessOrder`.
    /// - Throws: `OngoingFileError` when a required value is missing.
    public func document(for record: OngoingRecord, goodsOwnerCode: String) throws -> [UInt8] {
        let name = "\(record.kind.rawValue) \(record.key)"
        let writer = try XMLWriter(document: name, indent: true)
        switch record.kind {
        case .article:
            try wrapped("ProcessArticle", "art", "ArticleDefinition", record, goodsOwnerCode, writer)
        case .order:
            try wrapped("ProcessOrder", "co", "CustomerOrder", record, goodsOwnerCode, writer)
        case .supplier:
            try writer.startElement("Supplier", namespaceURI: OngoingSchema.namespace)
            try writer.namespace(prefix: "xsi", uri: XMLElement.xsiNamespace)
            try write(type: "Supplier", record, prefix: "", writer)
            try writer.endElement()
        case .orderLine:
            throw OngoingFileError(name, "an order line is written inside its order")
        }
        return try writer.finish()
    }

    private func wrapped(
        _ root: String, _ field: String, _ type: String, _ record: OngoingRecord, _ goodsOwnerCode: String,
        _ writer: XMLWriter
    ) throws {
        try writer.startElement(root, namespaceURI: OngoingSchema.namespace)
        try writer.namespace(prefix: "xsi", uri: XMLElement.xsiNamespace)
        try writer.element("GoodsOwnerCode", text: goodsOwnerCode)
        try writer.startElement(field)
        try write(type: type, record, prefix: "", writer)
        try writer.endElement()
        try writer.endElement()
    }

    /// Writes a record of `type`: by its kind's plan when the plan covers it, else by walking the schema.
    private func write(type: String, _ record: OngoingRecord, prefix: String, _ writer: XMLWriter) throws {
        if let plan = plans[record.kind], plan.covers(record) {
            try write(plan, record, writer)
        } else {
            try walk(type: type, record, prefix: prefix, writer)
        }
    }

    private func write(_ plan: OngoingXMLPlan, _ record: OngoingRecord, _ writer: XMLWriter) throws {
        for node in plan.nodes {
            switch node {
            case .simple(let name, let path, let required, _):
                if let value = record.values[path] {
                    try writer.element(name, text: value)
                } else if let required {
                    switch required {
                    case .nilElement: try writer.nilElement(name)
                    case .falseBoolean: try writer.element(name, text: "false")
                    case .missing:
                        throw OngoingFileError(
                            "\(record.kind.rawValue) \(record.key)", "the required element \(path) has no value")
                    }
                }
            case .complex(let name, let required, let values, let lists, let inner):
                guard
                    required || values.contains(where: { record.values[$0] != nil })
                        || lists.contains(where: { record.lists[$0]?.isEmpty == false })
                else { continue }
                try writer.startElement(name)
                try write(inner, record, writer)
                try writer.endElement()
            case .list(let name, let path, let item, let inner):
                guard let items = record.lists[path] else { continue }
                try writer.startElement(name)
                for entry in items {
                    try writer.startElement(item)
                    if inner.covers(entry) {
                        try write(inner, entry, writer)
                    } else {
                        try walk(type: item, entry, prefix: item + ".", writer)
                    }
                    try writer.endElement()
                }
                try writer.endElement()
            }
        }
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
            record.values.keys.contains(where: { $0.hasPrefix(prefix) })
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
