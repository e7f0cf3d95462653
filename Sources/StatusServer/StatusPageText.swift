/// How the status page writes numbers and sizes: the same on every machine, whatever its locale.
enum StatusPageText {
    /// A count with thousands separated by commas: `18,342`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// A count with its noun, in the plural unless it is one: `1 alert`, `3 alerts`.
    static func count(_ value: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count(value)) \(value == 1 ? noun : plural ?? noun + "s")"
    }

    /// A size in bytes for a person, in binary units with one decimal: `512 B`, `1.5 KiB`, `700.0 MiB`.
    static func bytes(_ value: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB"]
        guard value >= 1_024 else { return "\(value) B" }
        var size = Double(value) / 1_024
        var unit = 0
        while size >= 1_024 && unit < units.count - 1 {
            size /= 1_024
            unit += 1
        }
        let tenths = Int((size * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// Text made safe for an HTML `id` and a URL fragment: letters, digits, `-` and `_` stay, anything else is `-`.
    static func anchor(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
    }
}
