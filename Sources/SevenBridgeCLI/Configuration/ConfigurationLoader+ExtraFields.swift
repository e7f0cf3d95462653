import BridgeModel
import Foundation
import OngoingFiles
import TwentyFourSevenSimulator
import XMLStream

extension ConfigurationLoader {
    /// The configured extra mapping rows, each checked against the fields both systems really have.
    mutating func extraFields() -> [MappingRow] {
        guard let entry = values["extraFields"], case .records(let records) = entry.raw else { return [] }
        let erpTypes = ExtraFieldSchemas.erp
        let ongoing = ExtraFieldSchemas.ongoing
        var rows: [MappingRow] = []
        for (index, record) in records.enumerated() {
            let label = "\(origin("extraFields")): extraFields item \(index + 1)"
            guard let from = record["from"], let to = record["to"], record.count == 2 else {
                problems.append("\(label): write it as {from: <24SevenOffice path>, to: <Ongoing path>}")
                continue
            }
            let parts = from.split(separator: ".", maxSplits: 1).map(String.init)
            let sources: [String: (ObjectKind, OngoingSchema.BridgeModelKind)] = [
                "Product": (.article, .article), "InvoiceOrder": (.order, .order), "InvoiceRow": (.orderLine, .order),
                "Company": (.supplier, .supplier),
            ]
            guard parts.count == 2, let (kind, target) = sources[parts[0]] else {
                problems.append(
                    "\(label): from \(from) must start with Product., InvoiceOrder., InvoiceRow. or Company.")
                continue
            }
            if let erpTypes, !erpTypes.hasField(parts[1], under: parts[0]) {
                problems.append("\(label): 24SevenOffice's \(parts[0]) has no field \(parts[1])")
                continue
            }
            if kind == .orderLine && !to.hasPrefix("CustomerOrderLine.") {
                problems.append("\(label): a row field goes to an order line; write to as CustomerOrderLine.<field>")
                continue
            }
            if let ongoing, !ongoing.hasField(to, for: target) {
                problems.append("\(label): Ongoing has no field \(to) for \(kind.plural)")
                continue
            }
            rows.append(MappingRow(kind, to, from, note: "configured", origin: .configured))
        }
        return rows
    }
}

/// The schemas configured extra fields are checked against: 24SevenOffice's (from the WSDLs bundled with the
/// simulator) and Ongoing's.
enum ExtraFieldSchemas {
    /// Product, InvoiceOrder, InvoiceRow and Company of the 24SevenOffice WSDLs.
    static let erp: WSDLTypes? = {
        var merged: [String: [WSDLTypes.Element]] = [:]
        var simple: Set<String> = []
        for file in ["productService", "invoiceService", "companyService"] {
            guard let bytes = try? TwentyFourSevenSimulator.wsdl(file),
                let types = try? WSDLTypes(wsdl: bytes, name: file)
            else { return nil }
            merged.merge(types.complexTypes) { first, _ in first }
            simple.formUnion(types.simpleTypes)
        }
        return WSDLTypes(complexTypes: merged, simpleTypes: simple)
    }()

    /// The Ongoing schema.
    static let ongoing: OngoingSchema? = try? OngoingSchema.bundled()
}
