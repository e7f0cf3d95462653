import Foundation
import Yams

/// Reads the configuration.
///
/// The YAML file comes first, then `SEVENBRIDGE_` environment variables over it, checked key by key. Unknown keys are
/// errors that suggest the nearest known key; relative folders resolve against the file's folder; every
/// problem is reported at once with the fix.
///
/// A configuration may list several goods owners under `goodsOwners`. Each one is the top level (file and
/// `SEVENBRIDGE_` variables) with its entry's keys over it, key by key, and its own
/// `SEVENBRIDGE_OWNERS_<CODE>_` variables over those.
struct ConfigurationLoader {
    /// A raw value and where it came from.
    enum Raw {
        case scalar(String?)
        case list([String])
        case records([[String: String]])
    }

    /// Raw values by key path, each with where it came from (`sevenbridge.yaml line 12`, `environment variable …`).
    typealias Values = [String: (raw: Raw, origin: String)]

    /// The goods owner whose values are being built: what messages name, and what folder defaults append.
    struct Owner {
        /// Which entry of `goodsOwners` it is, such as `goodsOwners[1] (BETA)`.
        var label: String
        /// Where its entry starts.
        var origin: String
        /// Its `goodsOwnerCode`, or an empty text when the entry has none.
        var code: String
        /// The key paths the owner sets itself, in its entry or its own environment variables.
        var ownPaths: Set<String>
    }

    /// The values the typed accessors read: the top level, or the merged values of the owner being built.
    var values: Values = [:]
    /// The owner being built, or `nil` for the top level and the single owner of a configuration without
    /// `goodsOwners`.
    var owner: Owner?
    /// The top level: the file's keys with the `SEVENBRIDGE_` environment variables over them.
    var topLevel: Values = [:]
    /// The entries of `goodsOwners` as read, or `nil` when the configuration does not list goods owners.
    var entries: [OwnerEntry]?
    /// Everything wrong, each naming where and what.
    var problems: [String] = []
    /// What is suspicious but not refused, such as an environment variable that is not a key.
    var warnings: [String] = []
    /// The configuration file, for messages.
    let file: String

    /// Loads and validates a configuration with all its goods owners.
    ///
    /// Without `goodsOwners` the site has exactly one owner, the top level, with its folders as configured.
    ///
    /// - Parameters:
    ///   - path: the YAML file; a missing file is allowed only when the environment supplies the required keys.
    ///   - environment: the process environment.
    ///   - warn: what to do with each warning; by default it is written to standard error. Warnings are passed on
    ///     even when the configuration is refused, since they often explain the refusal.
    /// - Throws: `ConfigurationError` with every problem of every owner.
    static func loadSite(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        warn: (String) -> Void = ConfigurationLoader.printWarning
    ) throws -> SiteConfiguration {
        var loader = ConfigurationLoader(file: path)
        if let data = FileManager.default.contents(atPath: path) {
            loader.readYAML(String(decoding: data, as: UTF8.self))
        } else if !environment.keys.contains(where: { $0.hasPrefix("SEVENBRIDGE_") }) {
            throw ConfigurationError(problems: [
                "\(path): the file does not exist; pass --config PATH, or copy samples/sevenbridge.yaml"
            ])
        }
        loader.readEnvironment(environment)
        let site = loader.buildSite(baseFolder: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        loader.warnings.forEach(warn)
        guard loader.problems.isEmpty else { throw ConfigurationError(problems: loader.problems) }
        return site
    }

    /// Writes a warning to standard error.
    static func printWarning(_ warning: String) {
        FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
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
        var read: Values = [:]
        walk(mapping, prefix: "", label: nil, into: &read)
        topLevel = read
    }

    /// Reads the keys of a mapping into `values`.
    ///
    /// - Parameters:
    ///   - prefix: the path of the section the mapping is, with a trailing dot; empty for the top level or an entry.
    ///   - label: the label of the `goodsOwners` entry the mapping belongs to, for messages; `nil` for the top level.
    mutating func walk(_ mapping: Node.Mapping, prefix: String, label: String?, into values: inout Values) {
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "?"
            let path = prefix + key
            let origin = "\(file) line \((keyNode.mark?.line ?? 0))"
            let place = label.map { "\(origin): \($0)" } ?? origin
            if ConfigurationKey.sections.contains(path) {
                if let nested = value.mapping {
                    walk(nested, prefix: path + ".", label: label, into: &values)
                } else if value.null == nil {
                    problems.append("\(place): \(path) must be a section of keys (or null)")
                }
                continue
            }
            guard let known = ConfigurationKey.named(path) else {
                problems.append(unknown(path, origin: place))
                continue
            }
            if known.kind == .owners {
                if label == nil {
                    readOwners(value, origin: origin)
                } else {
                    problems.append("\(place): goodsOwners cannot be nested; list every goods owner at the top level")
                }
                continue
            }
            values[path] = (rawValue(value, known, origin: place), origin)
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

    private func unknown(_ path: String, origin: String) -> String {
        let hint = ConfigurationKey.suggestion(for: path).map { "; did you mean \($0)?" } ?? ""
        return "\(origin): unknown key \(path)\(hint)"
    }

    /// The items of a list written on one line, `[a, b]` or `a, b`.
    static func split(_ text: String) -> [String] {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// How many leading characters two texts share.
    static func commonPrefix(_ a: String, _ b: String) -> Int {
        zip(a, b).prefix { $0 == $1 }.count
    }
}
