/// Turns CSV rows into items; shipment rows of one order (one row per picked line) become one report.
struct CSVItems {
    let kind: InboundKind
    let columns: [String]
    private var order: (fields: [String: String], lines: [InboundItems.LineTexts], line: Int)?

    init(kind: InboundKind, columns: [String]) {
        self.kind = kind
        self.columns = columns
    }

    /// Adds a row; returns the items it completes.
    mutating func add(_ fields: [String], line: Int) -> [Result<InboundItem, RowProblem>] {
        let row = Dictionary(uniqueKeysWithValues: zip(columns, fields))
        switch kind {
        case .stock:
            return [
                InboundItems.stock(
                    articleNumber: row["ArticleNumber"], productCode: row["ProductCode"],
                    sellable: row["SellableNumberOfItems"], numberOfItems: row["NumberOfItemsDecimal"],
                    location: "line \(line)")
            ]
        case .shipment:
            var completed: [Result<InboundItem, RowProblem>] = []
            if let current = order, current.fields["GoodsOwnerOrderNumber"] != row["GoodsOwnerOrderNumber"] {
                completed = finish()
            }
            if order == nil { order = (row, [], line) }
            if columns.contains("ExternalOrderLineCode") {
                order?.lines.append(
                    InboundItems.LineTexts(
                        code: row["ExternalOrderLineCode"], ordered: nil, picked: row["PickedNumberOfItems"]))
            }
            return completed
        case .acknowledgement:
            return []
        }
    }

    /// Completes the last order.
    mutating func finish() -> [Result<InboundItem, RowProblem>] {
        guard let current = order else { return [] }
        order = nil
        return [
            InboundItems.shipment(
                orderNumber: current.fields["GoodsOwnerOrderNumber"], status: current.fields["OrderStatusNumber"],
                shipped: current.fields["ShippedTime"], wayBill: current.fields["WayBill"], lines: current.lines,
                location: "line \(current.line)")
        ]
    }
}
