import BridgeModel
import XMLStream

/// The schema walk of one record type, done once: the elements a record of that type can hold, in schema order, with
/// their full dotted paths, whether they are required, and which values beneath each optional complex element say
/// something.
///
/// ``OngoingXMLWriter`` follows it for every record instead of walking the schema again, so writing a file costs little
/// more than looking up the record's values.
///
/// It holds the elements that are required or lead to a path the mapping fills. A record holding any other path is
/// written by walking the schema as before (the writer counts the values and lists the plan placed, and walks when
/// they are not all of the record's), so no value is ever dropped. Its paths are resolved to the slots of the shape
/// the mapping table gives the records (``RecordShape``), which the plan keeps: a record of that shape is read by slot.
final class OngoingXMLPlan: Sendable {
    /// One element of the plan.
    ///
    /// Each case holds an object, so that walking the plan copies one reference for a node, not its names and paths
    /// (the copies' reference counting was a third of a document's rendering).
    enum Node: Sendable {
        /// A simple element, and what to write when it has no value and is required (`nil`: leave it out).
        case simple(Simple)
        /// A complex element, written when required or when one of its `values` or `lists` has something; `quiet` are the
        /// enumerations beneath it, which are left out with it when nothing else is there.
        case complex(Complex)
        /// A list of repeated children (order lines): the wrapper's name and path, the item's name and plan.
        case list(List)
    }

    /// A simple element of the plan.
    final class Simple: Sendable {
        let name: String
        let path: RecordShape.Key
        let required: Required?
        let isEnumeration: Bool

        init(name: String, path: RecordShape.Key, required: Required?, isEnumeration: Bool) {
            self.name = name
            self.path = path
            self.required = required
            self.isEnumeration = isEnumeration
        }
    }

    /// A complex element of the plan.
    final class Complex: Sendable {
        let name: String
        let required: Bool
        let values: [RecordShape.Key]
        let lists: [String]
        let quiet: [RecordShape.Key]
        let plan: OngoingXMLPlan

        init(
            name: String, required: Bool, values: [RecordShape.Key], lists: [String], quiet: [RecordShape.Key],
            plan: OngoingXMLPlan
        ) {
            self.name = name
            self.required = required
            self.values = values
            self.lists = lists
            self.quiet = quiet
            self.plan = plan
        }
    }

    /// A list of repeated children of the plan.
    final class List: Sendable {
        let name: String
        let path: String
        let item: String
        let plan: OngoingXMLPlan

        init(name: String, path: String, item: String, plan: OngoingXMLPlan) {
            self.name = name
            self.path = path
            self.item = item
            self.plan = plan
        }
    }

    /// What a required simple element without a value is written as.
    enum Required: Sendable {
        case nilElement, falseBoolean, missing
    }

    let nodes: [Node]
    /// The shape whose slots the plan's paths are resolved to.
    let shape: RecordShape

    private init(nodes: [Node], shape: RecordShape) {
        self.nodes = nodes
        self.shape = shape
    }

    /// The plan of `type` for paths under `prefix`, keeping the elements that are required or lead to one of `wanted`.
    /// - Parameters:
    ///   - shape: the shape of the records the plan writes.
    ///   - listShapes: the shape of the items of each list, by the list's path.
    static func compile(
        type: String, prefix: String, wanted: Set<String>, types: WSDLTypes, shape: RecordShape,
        listShapes: [String: RecordShape] = [:]
    ) -> OngoingXMLPlan {
        var nodes: [Node] = []
        for element in types.sequence(type) {
            let path = prefix + element.name
            if types.isSimple(element) {
                guard element.minOccurs > 0 || wanted.contains(path) else { continue }
                let required: Required? =
                    element.minOccurs == 0
                    ? nil : element.nillable ? .nilElement : element.type == "boolean" ? .falseBoolean : .missing
                nodes.append(
                    .simple(
                        Simple(
                            name: element.name, path: shape.key(path), required: required,
                            isEnumeration: types.simpleTypes.contains(element.type))))
            } else if wanted.contains(path), let item = types.sequence(element.type).first(where: \.repeats) {
                let itemPrefix = item.name + "."
                let plan = compile(
                    type: item.type, prefix: itemPrefix, wanted: wanted.filter { $0.hasPrefix(itemPrefix) },
                    types: types, shape: listShapes[path] ?? .none)
                nodes.append(.list(List(name: element.name, path: path, item: item.name, plan: plan)))
            } else if element.minOccurs > 0 || wanted.contains(where: { $0.hasPrefix(path + ".") }) {
                let plan = compile(
                    type: element.type, prefix: path + ".", wanted: wanted, types: types, shape: shape,
                    listShapes: listShapes)
                let (values, lists, quiet) = plan.data
                nodes.append(
                    .complex(
                        Complex(
                            name: element.name, required: element.minOccurs > 0, values: values, lists: lists,
                            quiet: quiet, plan: plan)))
            }
        }
        return OngoingXMLPlan(nodes: nodes, shape: shape)
    }

    /// The paths beneath the plan whose value says something (every simple one but the enumerations that only say how
    /// to identify or change an element), its lists, and those enumerations.
    private var data: (values: [RecordShape.Key], lists: [String], quiet: [RecordShape.Key]) {
        var values: [RecordShape.Key] = []
        var lists: [String] = []
        var quiet: [RecordShape.Key] = []
        for node in nodes {
            switch node {
            case .simple(let simple):
                if simple.isEnumeration { quiet.append(simple.path) } else { values.append(simple.path) }
            case .complex(let complex):
                values += complex.values
                lists += complex.lists
                quiet += complex.quiet
            case .list(let list): lists.append(list.path)
            }
        }
        return (values, lists, quiet)
    }
}
