import Foundation

/// Builds inbox items from field texts, the same way for XML and CSV, so both formats accept and refuse
/// exactly the same values.
enum InboundItems {
    /// One picked line's texts.
    struct LineTexts {
        var code: String?
        var ordered: String?
        var picked: String?
    }

    static func shipment(
        orderNumber: String?, status: String?, shipped: String?, wayBill: String?, lines: [LineTexts], location: String
    ) -> Result<InboundItem, RowProblem> {
        do {
            let number = try InboundValue.key(orderNumber, "GoodsOwnerOrderNumber")
            let statusNumber = try InboundValue.integer(status, "OrderStatusNumber")
            let shippedTime = try InboundValue.date(shipped, "ShippedTime")
            var picked: [PickedLine] = []
            for line in lines {
                let code = try InboundValue.key(line.code, "ExternalOrderLineCode")
                let ordered = try InboundValue.quantity(line.ordered, "OrderedNumberOfItems")
                guard let quantity = try InboundValue.quantity(line.picked, "PickedNumberOfItems") else {
                    throw Reason("PickedNumberOfItems of line \(code) is missing")
                }
                picked.append(PickedLine(externalOrderLineCode: code, ordered: ordered, picked: quantity))
            }
            let way = wayBill?.trimmingCharacters(in: .whitespaces)
            return .success(
                .shipment(
                    ShipmentReport(
                        orderNumber: number, statusNumber: statusNumber, shippedTime: shippedTime,
                        wayBill: way?.isEmpty == false ? way : nil, lines: picked, location: location)))
        } catch {
            return .failure(RowProblem(location: location, reason: Reason.text(error)))
        }
    }

    static func stock(
        articleNumber: String?, productCode: String?, sellable: String?, numberOfItems: String?, location: String
    ) -> Result<InboundItem, RowProblem> {
        do {
            let number = articleNumber?.trimmingCharacters(in: .whitespaces)
            let code = productCode?.trimmingCharacters(in: .whitespaces)
            guard number?.isEmpty == false || code?.isEmpty == false else {
                throw Reason("neither ArticleNumber nor ProductCode is given")
            }
            // A negative figure is well-formed (sellable stock goes below zero); it is reported, not written.
            let sellableValue = try InboundValue.quantity(sellable, "SellableNumberOfItems", allowNegative: true)
            let physical = try InboundValue.quantity(numberOfItems, "NumberOfItemsDecimal", allowNegative: true)
            guard sellableValue != nil || physical != nil else {
                throw Reason("neither SellableNumberOfItems nor NumberOfItemsDecimal is given")
            }
            return .success(
                .stock(
                    StockReport(
                        articleNumber: number?.isEmpty == false ? number : nil,
                        productCode: code?.isEmpty == false ? code : nil,
                        sellable: sellableValue, numberOfItems: physical, location: location)))
        } catch {
            return .failure(RowProblem(location: location, reason: Reason.text(error)))
        }
    }

    static func acknowledgement(
        success: String?, errorMessage: String?, orderNumber: String?, orderId: String?, location: String
    ) -> Result<InboundItem, RowProblem> {
        do {
            let number = try InboundValue.key(orderNumber, "GoodsOwnerOrderNumber")
            let ok: Bool
            switch success?.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1": ok = true
            case "false", "0": ok = false
            default: throw Reason("Success \"\(success ?? "")\" is not true or false")
            }
            let message = errorMessage?.trimmingCharacters(in: .whitespacesAndNewlines)
            return .success(
                .acknowledgement(
                    ImportAcknowledgement(
                        success: ok, errorMessage: message?.isEmpty == false ? message : nil, orderNumber: number,
                        ongoingOrderId: orderId.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
                        location: location)))
        } catch {
            return .failure(RowProblem(location: location, reason: Reason.text(error)))
        }
    }

    /// A reason carried through `throws`.
    struct Reason: Error {
        var text: String
        init(_ text: String) { self.text = text }

        static func text(_ error: any Error) -> String {
            (error as? Reason)?.text ?? "\(error)"
        }
    }
}
