import ArgumentParser
import BridgeModel
import Foundation

/// `sevenbridge mapping`: prints the effective field mapping table.
struct MappingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapping",
        abstract:
            "Print the effective field mapping (the warehouse's tables, the interface rules and configured extras).",
        discussion: "With several goods owners, each owner's mapping, every line starting with its code.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        guard FileManager.default.fileExists(atPath: global.config) else {
            print(Self.render(.standard()))
            return
        }
        let selection = try global.selection()
        for owner in selection.owners {
            print(selection.prefixed(owner.goodsOwnerCode, Self.render(owner.mappingTable)))
        }
    }

    static func render(_ table: MappingTable) -> String {
        let titles: [ObjectKind: String] = [
            .article: "Articles (ProcessArticle/art)", .order: "Sales orders (ProcessOrder/co)",
            .orderLine: "Order lines (co/CustomerOrderLines/CustomerOrderLine)", .supplier: "Suppliers (Supplier)",
        ]
        var text = ""
        for kind in [ObjectKind.article, .order, .orderLine, .supplier] {
            let rows = table.rows(for: kind)
            let width = max(rows.map(\.ongoing.count).max() ?? 0, 14)
            let erpWidth = max(rows.map(\.erp.count).max() ?? 0, 18)
            text += "\(titles[kind] ?? kind.rawValue)\n"
            text += "  " + "Ongoing".padded(width) + "  " + "24SevenOffice".padded(erpWidth) + "  origin   note\n"
            for row in rows {
                text +=
                    "  " + row.ongoing.padded(width) + "  " + row.erp.padded(erpWidth) + "  "
                    + row.origin.rawValue.padded(7) + "  " + row.note + "\n"
            }
            text += "\n"
        }
        return text
    }
}

extension String {
    /// The string padded with spaces to `width`.
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
