import Foundation
import XMLStream

/// Parses the values of inbox files strictly: a value that is not what it claims is a row problem.
enum InboundValue {
    /// The largest quantity accepted; anything larger is a mistake, not stock.
    static let maximum = Decimal(1_000_000_000)

    /// A quantity: plain decimal with `.` (or a Nordic `,` when there is no `.`), within ±1e9.
    static func quantity(_ text: String?, _ field: String, allowNegative: Bool = false) throws -> Decimal? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        var normal = text
        if !text.contains("."), text.filter({ $0 == "," }).count == 1 {
            normal = text.replacingOccurrences(of: ",", with: ".")
        }
        let allowed = CharacterSet(charactersIn: "0123456789.-+")
        guard normal.unicodeScalars.allSatisfy(allowed.contains),
            let value = Decimal(string: normal, locale: Locale(identifier: "en_US_POSIX")),
            !value.isNaN
        else { throw InboundItems.Reason("\(field) \"\(text)\" is not a number") }
        if value < 0 && !allowNegative { throw InboundItems.Reason("\(field) \(text) is negative") }
        if abs(value) > maximum { throw InboundItems.Reason("\(field) \(text) is larger than \(maximum)") }
        return value
    }

    /// An integer such as an order status number.
    static func integer(_ text: String?, _ field: String) throws -> Int {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            throw InboundItems.Reason("\(field) is missing")
        }
        guard let value = Int(text), value >= 0, value < 100_000 else {
            throw InboundItems.Reason("\(field) \"\(text)\" is not a status number")
        }
        return value
    }

    /// A dateTime, or `nil` when empty or the .NET sentinel.
    static func date(_ text: String?, _ field: String) throws -> Date? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty, !text.hasPrefix("0001-01-01") else {
            return nil
        }
        if let date = XSDDateTime.parse(text) { return date }
        if text.count == 10, let date = XSDDateTime.parse(text + "T00:00:00") { return date }
        throw InboundItems.Reason("\(field) \"\(text)\" is not a date and time")
    }

    /// A required key such as an order or article number.
    static func key(_ text: String?, _ field: String) throws -> String {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            throw InboundItems.Reason("\(field) is missing")
        }
        guard text.count <= 200 else { throw InboundItems.Reason("\(field) is longer than 200 characters") }
        return text
    }
}
