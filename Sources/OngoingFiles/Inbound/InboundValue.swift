import Foundation
import XMLStream

/// Parses the values of inbox files strictly: a value that is not what it claims is a row problem.
enum InboundValue {
    /// The largest quantity accepted; anything larger is a mistake, not stock.
    static let maximum = Decimal(1_000_000_000)

    /// A quantity, read strictly: digits with at most one decimal point, or one decimal comma where it is the only
    /// separator (`12,5`), optionally signed, within ±1e9.
    ///
    /// Anything else (`1.2.3`, `12-3`, `1,000.5`, `1e3`) is malformed; so is `1,000`, which one WMS means as one and
    /// another as a thousand.
    static func quantity(_ text: String?, _ field: String, allowNegative: Bool = false) throws -> Decimal? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let normal = strictDecimal(text) else {
            throw InboundItems.Reason("\(field) \"\(text)\" is not a number")
        }
        guard let value = Decimal(string: normal, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN else {
            throw InboundItems.Reason("\(field) \"\(text)\" is not a number")
        }
        if value < 0 && !allowNegative { throw InboundItems.Reason("\(field) \(text) is negative") }
        if abs(value) > maximum { throw InboundItems.Reason("\(field) \(text) is larger than \(maximum)") }
        return value
    }

    /// The text as a plain decimal with `.`, or `nil` when it is not one by the strict rule.
    static func strictDecimal(_ text: String) -> String? {
        var digits = Substring(text)
        var sign = ""
        if let first = digits.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            digits = digits.dropFirst()
        }
        let separators = digits.filter { $0 == "." || $0 == "," }
        guard separators.count <= 1 else { return nil }
        let parts = separators.first.map { digits.split(separator: $0, omittingEmptySubsequences: false) } ?? [digits]
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        if separators == ",", parts.count == 2, parts[1].count == 3, parts[0] != "0" {
            return nil  // 1,000: a thousand, or one? Refused rather than guessed.
        }
        return sign + parts.joined(separator: ".")
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
