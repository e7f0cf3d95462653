/// Everything wrong with a configuration, each problem naming the key (and line), the reason and the fix.
struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    /// The problems, one per line.
    var problems: [String]

    var description: String {
        "the configuration has \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
