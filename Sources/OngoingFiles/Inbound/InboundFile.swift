import Foundation
import XMLStream

/// Reads inbox files.
///
/// recognises their kind by content, then streams their items, so a file of any size is read in bounded
/// memory. A file that cannot be read as a whole (malformed, hostile, wrong root, missing columns, not
/// UTF-8) throws ``InboundFileError``; a single bad row or element is returned as a ``RowProblem`` and the
/// rest of the file is still read.
public enum InboundFile {
    /// The CSV headers, per kind: the required columns, then the optional ones.
    static let csvColumns: [InboundKind: (required: [String], optional: [String])] = [
        .shipment: (
            ["GoodsOwnerOrderNumber", "OrderStatusNumber", "ShippedTime", "WayBill"],
            ["ExternalOrderLineCode", "PickedNumberOfItems"]
        ),
        .stock: (["ArticleNumber", "SellableNumberOfItems"], ["ProductCode", "NumberOfItemsDecimal"]),
    ]

    /// The XML roots, per kind, with the item element and its parent.
    static let xmlRoots: [String: (kind: InboundKind, item: String, parent: String)] = [
        "GetOrdersByQueryResponse": (.shipment, "Order", "Orders"),
        "GetInventoryByQueryResponse": (.stock, "InventoryLine", "InventoryLines"),
        "ProcessOrderResponse": (.acknowledgement, "ProcessOrderResult", "ProcessOrderResponse"),
    ]

    /// Recognises a file's kind by its content.
    /// - Throws: `InboundFileError` when the file is empty, not XML or CSV of a known shape, or hostile.
    public static func detect(path: String, name: String) throws -> InboundKind {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InboundFileError(file: name, reason: "the file cannot be read")
        }
        let head = Array((try? handle.read(upToCount: 4096)) ?? Data())
        try? handle.close()
        let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let first = head[start...].first(where: { ![0x20, 0x09, 0x0D, 0x0A].contains($0) }) else {
            throw InboundFileError(file: name, reason: "the file is empty")
        }
        if first == UInt8(ascii: "<") { return try xmlRoot(path: path, name: name).kind }
        return try csvHeader(path: path, name: name).kind
    }

    /// Streams the file's items to `body`.
    /// - Returns: the rows or elements that could not be used, with where they are and why.
    /// - Throws: `InboundFileError` when the file as a whole cannot be used, or what `body` throws.
    public static func read(path: String, name: String, _ body: (InboundItem) throws -> Void) throws -> [RowProblem] {
        let items = try open(path: path, name: name)
        while let item = try items.next() { try body(item) }
        return items.problems
    }

    /// Opens a file for pulling its items one at a time (for callers that do asynchronous work between them).
    public static func open(path: String, name: String) throws -> InboundItemReader {
        _ = try detect(path: path, name: name)
        if try isXML(path) {
            let root = try xmlRoot(path: path, name: name)
            return InboundItemReader(
                xml: XMLItemSource(reader: try openXML(path: path, name: name), root: root, file: name))
        }
        let (kind, columns) = try csvHeader(path: path, name: name)
        let reader = try CSVRecordReader(path: path, file: name)
        _ = try reader.next()
        return InboundItemReader(csv: CSVItemSource(reader: reader, items: CSVItems(kind: kind, columns: columns)))
    }

    private static func isXML(_ path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = Array((try? handle.read(upToCount: 4096)) ?? Data())
        return head.first { ![0xEF, 0xBB, 0xBF, 0x20, 0x09, 0x0D, 0x0A].contains($0) } == UInt8(ascii: "<")
    }

    // MARK: - XML

    static func xmlRoot(path: String, name: String) throws -> (kind: InboundKind, item: String, parent: String) {
        let reader = try openXML(path: path, name: name)
        var names: [String] = []
        do {
            while let event = try reader.next() {
                guard case .start(let element) = event else { continue }
                names.append(element.localName)
                if let root = xmlRoots[element.localName] { return root }
                // A SOAP envelope around the response is accepted.
                if names == ["Envelope"] || names == ["Envelope", "Body"] { continue }
                break
            }
        } catch let error as XMLStreamError {
            throw InboundFileError(file: name, location: error.line.map { "line \($0)" } ?? "", reason: error.reason)
        }
        let found = names.last ?? "nothing"
        throw InboundFileError(
            file: name, location: "line 1",
            reason: "the root element is \(found); expected GetOrdersByQueryResponse (shipments), "
                + "GetInventoryByQueryResponse (stock) or ProcessOrderResponse (acknowledgements)")
    }

    static func openXML(path: String, name: String) throws -> XMLReader {
        do {
            return try XMLReader(path: path, document: name, limits: .streamedFile)
        } catch let error as XMLStreamError {
            throw InboundFileError(file: name, reason: error.reason)
        }
    }

    // MARK: - CSV

    static func csvHeader(path: String, name: String) throws -> (kind: InboundKind, columns: [String]) {
        let reader = try CSVRecordReader(path: path, file: name)
        guard let header = try reader.next() else { throw InboundFileError(file: name, reason: "the file is empty") }
        var columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        if let first = columns.first, first.hasPrefix("\u{FEFF}") { columns[0] = String(first.dropFirst()) }
        for (kind, shape) in csvColumns {
            guard Array(columns.prefix(shape.required.count)) == shape.required else { continue }
            let rest = Array(columns.dropFirst(shape.required.count))
            guard rest.isEmpty || rest == shape.optional else {
                throw InboundFileError(
                    file: name, location: "line 1",
                    reason:
                        "after \(shape.required.joined(separator: ";")) the columns must be \(shape.optional.joined(separator: ";")) or nothing"
                )
            }
            return (kind, columns)
        }
        let joined = columns.joined(separator: ";")
        let known = csvColumns.values.map { $0.required[0] }
        let separated =
            columns.count == 1
            && known.contains { name in
                joined.hasPrefix(name + ",") || joined.hasPrefix(name + "\t")
            }
        if separated {
            throw InboundFileError(
                file: name, location: "line 1", reason: "the columns must be separated by ; (semicolon)")
        }
        throw InboundFileError(
            file: name, location: "line 1",
            reason:
                "the header \(joined.prefix(200)) is neither a shipment header (GoodsOwnerOrderNumber;OrderStatusNumber;ShippedTime;WayBill) "
                + "nor a stock header (ArticleNumber;SellableNumberOfItems)")
    }

}
