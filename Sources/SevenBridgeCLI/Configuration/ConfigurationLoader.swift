import BridgeEngine
import BridgeModel
import Foundation
import OngoingFiles
import TwentyFourSevenSimulator
import XMLStream
import Yams

/// Reads the configuration.
///
/// The YAML file comes first, then `SEVENBRIDGE_` environment variables over it, checked key by key. Unknown keys are
/// errors that suggest the nearest known key; relative folders resolve against the file's folder; every
/// problem is reported at once with the fix.
struct ConfigurationLoader {
    /// A raw value and where it came from.
    enum Raw {
        case scalar(String?)
        case list([String])
        case records([[String: String]])
    }

    var values: [String: (raw: Raw, origin: String)] = [:]
    var problems: [String] = []
    var warnings: [String] = []
    /// The configuration file, for messages.
    let file: String

    /// Loads and validates a configuration.
    /// - Parameters:
    ///   - path: the YAML file; a missing file is allowed only when the environment supplies the required keys.
    ///   - environment: the process environment.
    static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> BridgeConfiguration
    {
        var loader = ConfigurationLoader(file: path)
        if let data = FileManager.default.contents(atPath: path) {
            loader.readYAML(String(decoding: data, as: UTF8.self))
        } else if !environment.keys.contains(where: { $0.hasPrefix("SEVENBRIDGE_") }) {
            throw ConfigurationError(problems: [
                "\(path): the file does not exist; pass --config PATH, or copy samples/sevenbridge.yaml"
            ])
        }
        loader.readEnvironment(environment)
        let configuration = try loader.build(baseFolder: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        for warning in loader.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        return configuration
    }

    private init(file: String) {
        self.file = file
    }

    // MARK: - Reading

    private mutating func readYAML(_ text: String) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            problems.append("\(file): not valid YAML: \(error)")
            return
        }
        guard let root else { return }
        guard let mapping = root.mapping else {
            problems.append("\(file): the top level must be a mapping of keys to values")
            return
        }
        walk(mapping, prefix: "")
    }

    private mutating func walk(_ mapping: Node.Mapping, prefix: String) {
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "?"
            let path = prefix + key
            let origin = "\(file) line \((keyNode.mark?.line ?? 0))"
            if ConfigurationKey.sections.contains(path) {
                if let nested = value.mapping {
                    walk(nested, prefix: path + ".")
                } else if value.null == nil {
                    problems.append("\(origin): \(path) must be a section of keys (or null)")
                }
                continue
            }
            guard let known = ConfigurationKey.named(path) else {
                problems.append(unknown(path, origin: origin))
                continue
            }
            values[path] = (rawValue(value, known, origin: origin), origin)
        }
    }

    private mutating func rawValue(_ node: Node, _ key: ConfigurationKey, origin: String) -> Raw {
        switch key.kind {
        case .stringList, .integerList:
            if let sequence = node.sequence { return .list(sequence.compactMap(\.string)) }
            if let text = node.string { return .list(Self.split(text)) }
            problems.append("\(origin): \(key.path) must be a list such as \(key.defaultValue ?? "[]")")
            return .list([])
        case .records:
            guard let sequence = node.sequence else {
                if node.null == nil { problems.append("\(origin): \(key.path) must be a list of {from, to} rows") }
                return .records([])
            }
            return .records(
                sequence.map { item in
                    var record: [String: String] = [:]
                    for (field, value) in item.mapping ?? [:] { record[field.string ?? "?"] = value.string ?? "" }
                    return record
                })
        default:
            if node.null != nil { return .scalar(nil) }
            guard let text = node.string else {
                problems.append("\(origin): \(key.path) must be a single value")
                return .scalar(nil)
            }
            return .scalar(text)
        }
    }

    private mutating func readEnvironment(_ environment: [String: String]) {
        let byVariable = Dictionary(uniqueKeysWithValues: ConfigurationKey.all.map { ($0.environmentVariable, $0) })
        for (variable, text) in environment.sorted(by: { $0.key < $1.key }) where variable.hasPrefix("SEVENBRIDGE_") {
            guard let key = byVariable[variable] else {
                let guess = ConfigurationKey.all.min {
                    Self.commonPrefix($0.environmentVariable, variable)
                        > Self.commonPrefix($1.environmentVariable, variable)
                }
                // Other tools share the environment: a warning, not a refusal.
                warnings.append(
                    "environment variable \(variable) is not a configuration key and is ignored"
                        + (guess.map { "; did you mean \($0.environmentVariable)?" } ?? ""))
                continue
            }
            let origin = "environment variable \(variable)"
            switch key.kind {
            case .stringList, .integerList: values[key.path] = (.list(Self.split(text)), origin)
            case .records: problems.append("\(origin): \(key.path) can only be set in the configuration file")
            default: values[key.path] = (.scalar(text == "null" ? nil : text), origin)
            }
        }
    }

    private func unknown(_ path: String, origin: String) -> String {
        let hint = ConfigurationKey.suggestion(for: path).map { "; did you mean \($0)?" } ?? ""
        return "\(origin): unknown key \(path)\(hint)"
    }

    /// The items of a list written on one line, `[a, b]` or `a, b`.
    static func split(_ text: String) -> [String] {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func commonPrefix(_ a: String, _ b: String) -> Int {
        zip(a, b).prefix { $0 == $1 }.count
    }
}
