import Foundation

/// How the configuration writes durations: a whole number above zero with a unit, `500ms`, `30s`, `15m`, `2h`,
/// `7d` or `4w`.
///
/// A bare number is refused rather than guessed (is `400` seconds or days?), and so are zero and negative values:
/// an interval of zero would loop without pause, a retention of zero would prune everything.
enum DurationText {
    /// The units, longest suffix first so that `ms` is not read as `m`.
    static let units: [(suffix: String, seconds: Int64, attoseconds: Int64)] = [
        ("ms", 0, 1_000_000_000_000_000), ("s", 1, 0), ("m", 60, 0), ("h", 3600, 0), ("d", 86_400, 0),
        ("w", 604_800, 0),
    ]

    /// The duration a text names, or the reason it names none.
    static func parse(_ text: String) -> Result<Duration, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let unit = units.first(where: { trimmed.hasSuffix($0.suffix) }) else {
            if Int64(trimmed) != nil { return .failure(.bareNumber(trimmed)) }
            return .failure(.notADuration(trimmed))
        }
        let number = trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
        guard let value = Int64(number) else { return .failure(.notADuration(trimmed)) }
        guard value > 0 else { return .failure(.notPositive(trimmed)) }
        let (seconds, overflow) = value.multipliedReportingOverflow(by: max(unit.seconds, 1))
        guard !overflow else { return .failure(.notADuration(trimmed)) }
        return .success(unit.seconds > 0 ? .seconds(seconds) : .milliseconds(value))
    }

    /// Why a text is not a duration.
    enum Problem: Error, Equatable {
        /// A number without a unit.
        case bareNumber(String)
        /// Zero or less.
        case notPositive(String)
        /// Not a number with a unit.
        case notADuration(String)

        /// The explanation, for a message that names the key.
        var explanation: String {
            switch self {
            case .bareNumber(let text):
                "\(text) has no unit; write it with one, such as \(text)s, \(text)m or \(text)d"
            case .notPositive(let text): "\(text) is not above zero"
            case .notADuration(let text): "\(text) is not a duration; write it like 500ms, 30s, 15m, 2h, 7d or 4w"
            }
        }
    }
}
