import Foundation

/// A time as the status page shows it: how long ago (or how soon) as of the page's `now`, with the exact time beside.
///
/// The template writes `<time datetime="{{iso}}" title="{{absolute}}">{{relative}}</time>`, so the machine-readable
/// ISO 8601 form stays in the page while a person reads "3 min ago".
struct StatusPageTime: Sendable, Equatable {
    /// The time as given, for the `datetime` attribute.
    var iso: String
    /// The exact time for a person, `2026-12-02 05:01:02 UTC`.
    var absolute: String
    /// The time relative to `now`: `just now`, `3 min ago`, `in 4 min`; the exact time when the given one is not an
    /// ISO 8601 time.
    var relative: String

    /// A time given as ISO 8601 text (`2026-12-02T05:01:02Z`), as of `now`.
    init(_ text: String, now: Date) {
        guard let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) else {
            self.init(iso: text, absolute: text, relative: text)
            return
        }
        self.init(date, now: now)
    }

    /// A time, as of `now`.
    init(_ date: Date, now: Date) {
        let iso = date.formatted(Date.ISO8601FormatStyle())
        let absolute = iso.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
        self.init(iso: iso, absolute: absolute, relative: Self.relative(date.timeIntervalSince(now)))
    }

    /// A time from its parts.
    init(iso: String, absolute: String, relative: String) {
        self.iso = iso
        self.absolute = absolute
        self.relative = relative
    }

    /// An offset from now in words: negative offsets are in the past (`3 min ago`), positive ones ahead (`in 3 min`).
    static func relative(_ offset: TimeInterval) -> String {
        let seconds = Int(offset.magnitude.rounded())
        if seconds < 5 { return "just now" }
        let span: String
        switch seconds {
        case ..<60: span = "\(seconds) s"
        case ..<3_600: span = "\(seconds / 60) min"
        case ..<86_400:
            let minutes = seconds % 3_600 / 60
            span = "\(seconds / 3_600) h" + (minutes > 0 ? " \(minutes) min" : "")
        default:
            let days = seconds / 86_400
            let hours = seconds % 86_400 / 3_600
            span = "\(days) day\(days == 1 ? "" : "s")" + (hours > 0 ? " \(hours) h" : "")
        }
        return offset < 0 ? span + " ago" : "in " + span
    }
}
