import Foundation

/// Reads an environment file as systemd's `EnvironmentFile=` does: `KEY=VALUE` lines, blank lines and `#` comments
/// ignored, an optional `export ` before the key, and values optionally in single or double quotes.
enum EnvironmentFile {
    /// The variables of the file.
    /// - Throws: `ConfigurationError` naming the file and line of anything that is not an assignment.
    static func read(_ path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(problems: [
                "\(path): the environment file cannot be read; check that it exists and this user may read it"
            ])
        }
        var variables: [String: String] = [:]
        var problems: [String] = []
        for (index, raw) in String(decoding: data, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .enumerated() {
            var line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex else {
                problems.append("\(path) line \(index + 1): not a KEY=VALUE assignment")
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            variables[key] = value
        }
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        return variables
    }
}
