import BridgeEngine
import BridgeModel
import Foundation

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

    /// Where the value of a key came from, for messages; while a goods owner is built, also which owner.
    func origin(_ path: String) -> String {
        guard let owner else { return values[path]?.origin ?? "default of \(path)" }
        return "\(values[path]?.origin ?? owner.origin): \(owner.label)"
    }

    private mutating func required(_ path: String) -> String {
        guard let text = scalar(path), !text.isEmpty else {
            let key = ConfigurationKey.named(path)
            let variable = key?.environmentVariable ?? "the environment"
            if let owner {
                let own = owner.code.isEmpty ? "" : "\(key?.environmentVariable(owner: owner.code) ?? "") or "
                problems.append(
                    "\(owner.origin): \(owner.label): \(path) is required: set it in its entry or at the top level of "
                        + "\(file), or in \(own)\(variable)")
            } else {
                problems.append("\(path) is required: set it in \(file) or in \(variable)")
            }
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

    /// `http.listen` as an address, or `nil` with the problem recorded.
    private mutating func listenAddress(_ text: String) -> ListenAddress? {
        switch ListenAddress.parse(text) {
        case .success(let address):
            return address
        case .failure(let problem):
            problems.append("\(origin("http.listen")): http.listen: \(problem.explanation)")
            return nil
        }
    }

    /// A folder key's absolute path: relative paths resolve against `base`.
    ///
    /// A goods owner that does not set its outbox, inbox or archive gets the top-level folder plus its code, so that
    /// no two owners share one; the state folder may be shared, and defaults to the top-level one.
    func folder(_ path: String, base: String) -> String {
        let text = scalar(path) ?? path.split(separator: ".").last.map(String.init) ?? path
        var url =
            text.hasPrefix("/") ? URL(fileURLWithPath: text) : URL(fileURLWithPath: base).appendingPathComponent(text)
        if let owner, Self.isUsableCode(owner.code), path != "folders.state", !owner.ownPaths.contains(path) {
            url.appendPathComponent(owner.code)
        }
        return url.standardizedFileURL.path
    }

    // MARK: - Building

    /// The typed configuration of `values`, with every problem found added to `problems`.
    mutating func build(baseFolder: String) -> BridgeConfiguration {
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
        let listen = scalar("http.listen").flatMap { listenAddress($0) }
        let silence = scalar("alerts.inboxSilence") == nil ? nil : duration("alerts.inboxSilence")
        let configuration = BridgeConfiguration(
            goodsOwnerCode: owner?.code ?? required("goodsOwnerCode"), erp: erp,
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
            stockField: stockField, variantPattern: pattern, extraFields: extraFields(),
            httpListen: listen, inboxSilence: silence)
        checkFolders(configuration.folders)
        if formats.isEmpty { problems.append("\(origin("formats")): formats must name xml, csv or both") }
        if pull.isEmpty { problems.append("\(origin("orders.pullStatuses")): orders.pullStatuses must name a status") }
        return configuration
    }
}
