import Foundation
import XMLStream

/// Reads the end time out of 24SevenOffice's "Limit exceeded ...
///
/// Quarantine ends at <time>" fault text.
enum QuarantineNotice {
    /// The time the quarantine ends; the next full hour when the text names no time that can be read.
    static func end(in text: String, now: Date) -> Date {
        if let range = text.range(of: "Quarantine ends at") {
            let rest = text[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
            let candidate = rest.hasSuffix(".") ? String(rest.dropLast()) : rest
            if let date = XSDDateTime.parse(candidate) { return date }
            if let date = parseDotted(candidate) { return date }
        }
        let hour = (now.timeIntervalSince1970 / 3600).rounded(.down) + 1
        return Date(timeIntervalSince1970: hour * 3600)
    }

    /// Parses `dd.MM.yyyy HH:mm:ss` (the Norwegian .NET format), taken as UTC.
    private static func parseDotted(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "." || $0 == ":" })
        guard parts.count >= 6, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else {
            return nil
        }
        let iso = String(
            format: "%04d-%02d-%02dT%@:%@:%@", year, month, day, String(parts[3]), String(parts[4]), String(parts[5]))
        return XSDDateTime.parse(iso)
    }
}
