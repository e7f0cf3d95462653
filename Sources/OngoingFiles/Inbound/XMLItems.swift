import XMLStream

/// Turns one item element of an inbox XML file into an item.
enum XMLItems {
    static func item(_ element: XMLElement, kind: InboundKind, location: String) -> Result<InboundItem, RowProblem> {
        switch kind {
        case .shipment:
            let info = element.child("OrderInfo")
            let lines = (element.child("PickedOrderLines")?.children("PickedOrderLine") ?? []).map { line in
                InboundItems.LineTexts(
                    code: line.value("ExternalOrderLineCode"), ordered: line.value("OrderedNumberOfItems"),
                    picked: line.value("PickedNumberOfItems"))
            }
            return InboundItems.shipment(
                orderNumber: info?.value("GoodsOwnerOrderNumber"), status: info?.value("OrderStatusNumber"),
                shipped: info?.value("ShippedTime"), wayBill: info?.value("WayBill"), lines: lines, location: location)
        case .stock:
            let article = element.child("Article")
            return InboundItems.stock(
                articleNumber: article?.value("ArticleNumber"), productCode: article?.value("ProductCode"),
                sellable: element.value("SellableNumberOfItems"), numberOfItems: element.value("NumberOfItemsDecimal"),
                location: location)
        case .acknowledgement:
            return InboundItems.acknowledgement(
                success: element.value("Success"), errorMessage: element.value("ErrorMessage"),
                orderNumber: element.value("GoodsOwnerOrderNumber"), orderId: element.value("OrderId"),
                location: location)
        }
    }
}
