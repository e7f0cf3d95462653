import Foundation
import XMLStream

/// Reads and writes 24SevenOffice's value encodings: plain decimals, UTC dateTimes, and the "not set"
/// sentinels that must read as absent.
enum SOAPValue {
    static let intSentinel = "-2147483648"
    static let decimalSentinel = "-79228162514264337593543950335"
    static let emptyGuid = "00000000-0000-0000-0000-000000000000"
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// An int, or `nil` for absence, nil, or the Int32.MinValue sentinel.
    static func int(_ text: String?) -> Int? {
        guard let text, text != intSentinel, text != "-32768", text != "-9223372036854775808" else { return nil }
        return Int(text)
    }

    /// A decimal in plain or exponent notation, or `nil` for absence or the Decimal.MinValue sentinel.
    static func decimal(_ text: String?) -> Decimal? {
        guard let text, text != decimalSentinel, !text.hasPrefix("-1.7976931348623157E+308") else { return nil }
        // The whole text must be an xs:decimal (or a double's exponent form): Decimal(string:) alone reads the
        // longest numeric prefix, so "899.00 NOK" would be 899 and "e5" zero.
        guard isNumber(text) else { return nil }
        return plainDecimal(text) ?? Decimal(string: text, locale: posix)
    }

    /// A checked number without exponent and of at most 18 digits (every price and quantity), built from its digits:
    /// the same value and description as `Decimal(string:)` gives, at a ninth of its cost.
    private static func plainDecimal(_ text: String) -> Decimal? {
        var significand: UInt64 = 0
        var (scale, digits, negative, fraction) = (0, 0, false, false)
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case 0x2D where index == 0: negative = true
            case 0x2B where index == 0: continue
            case 0x2E: fraction = true
            case 0x30...0x39:
                digits += 1
                guard digits <= 18 else { return nil }
                significand = significand * 10 + UInt64(byte - 0x30)
                if fraction { scale += 1 }
            default: return nil
            }
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: Decimal(significand))
    }

    /// Whether a text is `[+-]?digits[.digits]` with an optional exponent `[eE][+-]?digits`.
    static func isNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        func digits() -> Int {
            var count = 0
            while let byte = bytes.first, byte >= 0x30 && byte <= 0x39 {
                bytes = bytes.dropFirst()
                count += 1
            }
            return count
        }
        if let sign = bytes.first, sign == 0x2B || sign == 0x2D { bytes = bytes.dropFirst() }
        var mantissa = digits()
        if bytes.first == 0x2E {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let e = bytes.first, e == 0x45 || e == 0x65 {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == 0x2B || sign == 0x2D { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// A dateTime, or `nil` for absence or the `0001-01-01T00:00:00` sentinel.
    static func date(_ text: String?) -> Date? {
        guard let text, !text.hasPrefix("0001-01-01") else { return nil }
        return XSDDateTime.parse(text)
    }

    /// A boolean, or `nil`.
    static func bool(_ text: String?) -> Bool? {
        switch text {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }

    /// A decimal written in plain notation (never exponent), with `.` as the separator.
    static func format(_ value: Decimal) -> String {
        // Foundation's Decimal always prints plain notation with "." and never an exponent.
        value.description
    }

    /// A dateTime as 24SevenOffice expects it in requests: UTC, `yyyy-MM-ddTHH:mm:ss`.
    static func format(_ date: Date) -> String {
        XSDDateTime.format(date)
    }
}

extension XMLWriter {
    /// Writes an `ArrayOfInt` wrapper with its `<int>` items.
    func intArray(_ name: String, _ values: [Int]) throws {
        try startElement(name)
        for value in values { try element("int", text: String(value)) }
        try endElement()
    }

    /// Writes an `ArrayOfString` wrapper with its `<string>` items.
    func stringArray(_ name: String, _ values: [String]) throws {
        try startElement(name)
        for value in values { try element("string", text: value) }
        try endElement()
    }

    /// Writes a dateTime element when the date is set.
    func date(_ name: String, _ value: Date?) throws {
        if let value { try element(name, text: SOAPValue.format(value)) }
    }
}
