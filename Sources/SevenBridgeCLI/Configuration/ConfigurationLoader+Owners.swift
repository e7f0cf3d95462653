import Yams

extension ConfigurationLoader {
    /// One entry of `goodsOwners` as read: where it starts, its code, and the values it sets itself.
    struct OwnerEntry {
        /// Its place in the list, from 0.
        var index: Int
        /// Where it starts, such as `sevenbridge.yaml line 14`.
        var origin: String
        /// Its `goodsOwnerCode`, or `nil` when it has none.
        var code: String?
        /// The values it sets: its keys in the file, with its own environment variables over them.
        var values: Values = [:]
        /// Whether the checks between owners look at it: it has a usable code that no earlier entry has.
        var isDistinct = true

        /// How messages name it: `goodsOwners[1] (BETA)`, or `goodsOwners[1]` without a code.
        var label: String {
            "goodsOwners[\(index)]" + (code.map { " (\($0))" } ?? "")
        }
    }

    /// Whether a goods owner's code can name folders and environment variables: ASCII letters, digits, `-` and
    /// `_`.
    static func isUsableCode(_ code: String) -> Bool {
        !code.isEmpty && code.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }
    }

    /// Reads the `goodsOwners` list into `entries`: each entry must be a mapping of known keys.
    ///
    /// An entry that is not a mapping is reported and left out, so that it is not built as an owner of top-level
    /// values alone.
    mutating func readOwners(_ node: Node, origin: String) {
        if node.null != nil { return }
        guard let sequence = node.sequence, !sequence.isEmpty else {
            problems.append(
                "\(origin): goodsOwners must list the goods owners, each a mapping such as "
                    + "{goodsOwnerCode: ACME, erp: {username: …}}; without goodsOwners the top-level goodsOwnerCode "
                    + "is the one goods owner")
            entries = []
            return
        }
        var read: [OwnerEntry] = []
        for (index, item) in sequence.enumerated() {
            let itemOrigin = "\(file) line \(item.mark?.line ?? 0)"
            guard let mapping = item.mapping else {
                // The item's text is not repeated: it could be a secret written in the wrong place.
                problems.append(
                    "\(itemOrigin): goodsOwners[\(index)] must be a mapping of keys such as "
                        + "{goodsOwnerCode: ACME, erp: {username: …}}")
                continue
            }
            let written = mapping.first { $0.key.string == "goodsOwnerCode" }?.value.string
            let code = written?.isEmpty == false ? written : nil
            var entry = OwnerEntry(index: index, origin: itemOrigin, code: code)
            var values: Values = [:]
            walk(mapping, prefix: "", label: entry.label, into: &values)
            entry.values = values
            read.append(entry)
        }
        entries = read
    }

    /// Checks the entries as a whole: each has a usable code, no two have the same code or codes that the
    /// environment cannot tell apart, and the top level does not set a code that no owner would use.
    mutating func checkEntries() {
        guard var list = entries else { return }
        if let top = topLevel["goodsOwnerCode"] {
            problems.append(
                "\(top.origin): goodsOwnerCode at the top level has no effect when goodsOwners lists the goods "
                    + "owners; remove it, or move it into its entry of goodsOwners")
        }
        for entry in list {
            for path in ConfigurationKey.siteWide.sorted() {
                guard let value = entry.values[path] else { continue }
                problems.append(
                    "\(value.origin): \(entry.label): \(path) is for the whole bridge (one listener serves every "
                        + "goods owner); set it at the top level")
            }
        }
        var seen: [String: OwnerEntry] = [:]
        for index in list.indices {
            let entry = list[index]
            guard let code = entry.code else {
                if case .list = entry.values["goodsOwnerCode"]?.raw {
                    // Already reported as not a single value.
                } else {
                    problems.append("\(entry.origin): \(entry.label): goodsOwnerCode is required in every entry")
                }
                list[index].isDistinct = false
                continue
            }
            let place = "\(entry.values["goodsOwnerCode"]?.origin ?? entry.origin): \(entry.label)"
            guard Self.isUsableCode(code) else {
                problems.append(
                    "\(place): goodsOwnerCode \(code) cannot name a folder and an environment variable; use only "
                        + "letters A-Z and a-z, digits, - and _")
                list[index].isDistinct = false
                continue
            }
            let name = ConfigurationKey.environmentName(owner: code)
            if let first = seen[name], let firstCode = first.code {
                problems.append(
                    firstCode == code
                        ? "\(place): goodsOwnerCode \(code) is listed twice: goodsOwners[\(first.index)] at "
                            + "\(first.origin) has it too; list each goods owner once"
                        : "\(place): goodsOwnerCode \(code) and \(first.label)'s \(firstCode) are both \(name) in "
                            + "environment variables (\(ConfigurationKey.ownersEnvironmentPrefix)\(name)_…); give them "
                            + "codes that differ in more than case, - and _")
                list[index].isDistinct = false
                continue
            }
            seen[name] = entry
        }
        entries = list
    }

    /// Builds every goods owner: one from the top level without `goodsOwners`, else one per entry, each the top
    /// level with the entry over it.
    mutating func buildSite(baseFolder: String) -> SiteConfiguration {
        values = topLevel
        owner = nil
        guard entries != nil else {
            let only = build(baseFolder: baseFolder)
            return SiteConfiguration(
                owners: [only], stateFolder: only.folders.state, listsGoodsOwners: false, httpListen: only.httpListen)
        }
        checkEntries()
        let stateFolder = folder("folders.state", base: baseFolder)
        let list = entries ?? []
        var owners: [BridgeConfiguration] = []
        for entry in list {
            values = topLevel.merging(entry.values) { _, own in own }
            owner = Owner(
                label: entry.label, origin: entry.origin, code: entry.code ?? "", ownPaths: Set(entry.values.keys))
            owners.append(build(baseFolder: baseFolder))
        }
        values = topLevel
        owner = nil
        checkSharedFolders(owners, list)
        return SiteConfiguration(
            owners: owners, stateFolder: stateFolder, listsGoodsOwners: true, httpListen: owners.first?.httpListen)
    }

    /// Checks that no two goods owners share an outbox, an inbox or an archive, whatever key each uses it as:
    /// one owner would take the other's files for its own.
    private mutating func checkSharedFolders(_ owners: [BridgeConfiguration], _ list: [OwnerEntry]) {
        var claimed: [String: (label: String, key: String)] = [:]
        for (entry, configuration) in zip(list, owners) where entry.isDistinct {
            let folders = configuration.folders
            for (key, path) in [
                ("folders.outbox", folders.outbox), ("folders.inbox", folders.inbox),
                ("folders.archive", folders.archive),
            ] {
                guard let first = claimed[path] else {
                    claimed[path] = (entry.label, key)
                    continue
                }
                // The same owner using one folder twice is checkFolders' concern.
                guard first.label != entry.label else { continue }
                let origin = entry.values[key]?.origin ?? entry.origin
                problems.append(
                    "\(origin): \(entry.label): \(key) \(path) is also \(first.label)'s \(first.key); two goods "
                        + "owners never share an outbox, an inbox or an archive: give each its own folder, or leave "
                        + "\(key) out for the default, the top-level folder plus the goods owner's code")
            }
        }
    }
}
