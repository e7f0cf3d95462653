public import BridgeModel
public import Foundation

/// The names of outbox files: `article-<ArticleNumber>-<UTC yyyyMMddTHHmmssSSSZ>.xml`,
/// `order-…`, `supplier-…`, and `articles-<…>.csv` for a run's CSV.
public enum OutboxFileName {
    /// The XML file name of one record.
    public static func xml(_ record: OngoingRecord, at time: Date) -> String {
        xml(record, stamp: stamp(time))
    }

    /// The XML file name of one record, with a ``stamp(_:)`` made once for a whole batch.
    public static func xml(_ record: OngoingRecord, stamp: String) -> String {
        record.kind.rawValue + "-" + sanitised(record.key) + "-" + stamp + ".xml"
    }

    /// The CSV file name of one run and kind.
    public static func csv(_ kind: ObjectKind, at time: Date) -> String {
        "\(kind.plural)-\(stamp(time)).csv"
    }

    /// A key with every character outside `[A-Za-z0-9._-]` replaced by `_`; never empty, never `.` or `..`.
    public static func sanitised(_ key: String) -> String {
        // The common key (digits, letters, dashes) is its own name.
        let utf8 = key.utf8
        if utf8.count <= 100, utf8.contains(where: { $0 != 0x2E }),
            utf8.allSatisfy({ isAllowed(UInt32($0)) })
        {
            return key
        }
        let allowed = key.unicodeScalars.map { scalar -> Character in isAllowed(scalar.value) ? Character(scalar) : "_"
        }
        let result = String(allowed.prefix(100))
        return result.isEmpty || result.allSatisfy({ $0 == "." }) ? "_" + result : result
    }

    private static func isAllowed(_ value: UInt32) -> Bool {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2E, 0x5F, 0x2D: true
        default: false
        }
    }

    /// A UTC time as `yyyyMMddTHHmmssSSSZ`.
    public static func stamp(_ time: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: time)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let millis = (parts.nanosecond ?? 0) / 1_000_000
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T" + pad(parts.hour, 2)
            + pad(parts.minute, 2) + pad(parts.second, 2) + pad(millis, 3) + "Z"
    }
}
