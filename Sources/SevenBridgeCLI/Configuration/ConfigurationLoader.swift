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
    private let file: String

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

    private static func split(_ text: String) -> [String] {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func commonPrefix(_ a: String, _ b: String) -> Int {
        zip(a, b).prefix { $0 == $1 }.count
    }
}

extension ConfigurationLoader {
    // MARK: - Typed values

    private func scalar(_ path: String) -> String? {
        if let entry = values[path] {
            if case .scalar(let text) = entry.raw { return text }
            return nil
        }
        let fallback = ConfigurationKey.named(path)?.defaultValue
        return fallback == "null" ? nil : fallback
    }

    func origin(_ path: String) -> String {
        values[path]?.origin ?? "default of \(path)"
    }

    private mutating func required(_ path: String) -> String {
        guard let text = scalar(path), !text.isEmpty else {
            let key = ConfigurationKey.named(path)
            problems.append(
                "\(path) is required: set it in \(file) or in \(key?.environmentVariable ?? "the environment")")
            return ""
        }
        return text
    }

    private mutating func boolean(_ path: String) -> Bool {
        switch scalar(path)?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let other:
            problems.append("\(origin(path)): \(path) must be true or false, not \(other ?? "null")")
            return false
        }
    }

    private mutating func list(_ path: String) -> [String] {
        if let entry = values[path], case .list(let items) = entry.raw { return items }
        return ConfigurationLoader.split(ConfigurationKey.named(path)?.defaultValue ?? "")
    }

    private mutating func status(_ text: String, _ path: String) -> OrderSlipState? {
        if let state = OrderSlipState(rawValue: text) { return state }
        let names = OrderSlipState.allCases.map(\.rawValue)
        let near = names.first { $0.lowercased() == text.lowercased() || $0.lowercased().contains(text.lowercased()) }
        problems.append(
            "\(origin(path)): \(path): \(text) is not a 24SevenOffice order status"
                + (near.map { "; did you mean \($0)?" } ?? "; one of \(names.joined(separator: ", "))"))
        return nil
    }

    private mutating func positiveInteger(_ path: String, default fallback: Int) -> Int {
        guard let text = scalar(path) else { return fallback }
        guard let value = Int(text), value > 0 else {
            problems.append("\(origin(path)): \(path) must be a whole number above zero, not \(text)")
            return fallback
        }
        return value
    }

    private mutating func duration(_ path: String) -> Duration {
        let text = scalar(path) ?? ConfigurationKey.named(path)?.defaultValue ?? "15m"
        switch DurationText.parse(text) {
        case .success(let duration):
            return duration
        case .failure(let problem):
            problems.append("\(origin(path)): \(path): \(problem.explanation)")
            return .seconds(900)
        }
    }

    private func folder(_ path: String, base: String) -> String {
        let text = scalar(path) ?? path.split(separator: ".").last.map(String.init) ?? path
        let url =
            text.hasPrefix("/") ? URL(fileURLWithPath: text) : URL(fileURLWithPath: base).appendingPathComponent(text)
        return url.standardizedFileURL.path
    }

    // MARK: - Building

    fileprivate mutating func build(baseFolder: String) throws -> BridgeConfiguration {
        let erp = BridgeConfiguration.ERP(
            endpoint: scalar("erp.endpoint") ?? "https://api.24sevenoffice.com",
            applicationId: required("erp.applicationId"),
            username: required("erp.username"), password: required("erp.password"),
            identityId: scalar("erp.identityId"),
            requestsPerHour: positiveInteger("erp.requestsPerHour", default: 7200))
        for (path, value) in [("erp.applicationId", erp.applicationId), ("erp.identityId", erp.identityId ?? "")]
        where !value.isEmpty && !Self.isGUID(value) {
            problems.append(
                "\(origin(path)): \(path) must be a GUID such as 6f1e8a52-3c4d-4e8f-9a0b-1c2d3e4f5a6b, not \(value)")
        }
        if !erp.endpoint.hasPrefix("http://") && !erp.endpoint.hasPrefix("https://") {
            problems.append(
                "\(origin("erp.endpoint")): erp.endpoint must start with https:// (or http:// for the simulator)")
        }
        var formats: Set<ExportSettings.Format> = []
        for name in list("formats") {
            if let format = ExportSettings.Format(rawValue: name.lowercased()) {
                formats.insert(format)
            } else {
                problems.append("\(origin("formats")): formats: \(name) is not a format; use xml and/or csv")
            }
        }
        let pull = list("orders.pullStatuses").compactMap { status($0, "orders.pullStatuses") }
        let reportAt = list("orders.reportAtStatuses").compactMap { text -> Int? in
            if let number = Int(text) { return number }
            problems.append("\(origin("orders.reportAtStatuses")): orders.reportAtStatuses: \(text) is not a number")
            return nil
        }
        let sent = status(scalar("orders.sentStatus") ?? "OrderState_Sent", "orders.sentStatus") ?? .sent
        let onImport = scalar("orders.statusOnImport").flatMap { status($0, "orders.statusOnImport") }
        let stockField = scalar("stock.field") ?? "SellableNumberOfItems"
        if !["SellableNumberOfItems", "NumberOfItemsDecimal"].contains(stockField) {
            problems.append(
                "\(origin("stock.field")): stock.field must be SellableNumberOfItems or NumberOfItemsDecimal")
        }
        let pattern = scalar("variants.pattern")
        if let pattern {
            if (try? Regex(pattern)) == nil {
                problems.append("\(origin("variants.pattern")): variants.pattern is not a valid regular expression")
            } else if !pattern.contains("(?<color>") && !pattern.contains("(?<size>") {
                problems.append("\(origin("variants.pattern")): variants.pattern needs a named group color or size")
            }
        }
        let configuration = BridgeConfiguration(
            goodsOwnerCode: required("goodsOwnerCode"), erp: erp,
            folders: BridgeConfiguration.Folders(
                outbox: folder("folders.outbox", base: baseFolder), inbox: folder("folders.inbox", base: baseFolder),
                archive: folder("folders.archive", base: baseFolder), state: folder("folders.state", base: baseFolder)),
            interval: duration("interval"), inboxSettle: duration("inbox.settle"),
            inboxRescan: duration("inbox.rescan"),
            archiveRetention: scalar("archive.retention") == nil ? nil : duration("archive.retention"),
            formats: formats,
            processes: BridgeConfiguration.Processes(
                articles: boolean("processes.articles"), orders: boolean("processes.orders"),
                suppliers: boolean("processes.suppliers"), stock: boolean("processes.stock"),
                shipments: boolean("processes.shipments")),
            orders: BridgeConfiguration.Orders(
                pullStatuses: pull, notifyShipped: boolean("orders.notifyShipped"), reportAtStatuses: reportAt,
                sentStatus: sent, statusOnImport: onImport),
            stockField: stockField, variantPattern: pattern, extraFields: extraFields())
        checkFolders(configuration.folders)
        if formats.isEmpty { problems.append("\(origin("formats")): formats must name xml, csv or both") }
        if pull.isEmpty { problems.append("\(origin("orders.pullStatuses")): orders.pullStatuses must name a status") }
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        return configuration
    }

}
