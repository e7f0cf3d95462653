extension ConfigurationLoader {
    /// Reads the `SEVENBRIDGE_` environment variables over the file: top-level keys into `topLevel`, and
    /// `SEVENBRIDGE_OWNERS_<CODE>_<KEY PATH>` into that goods owner's entry.
    ///
    /// A variable that is not a key is a warning with the nearest known variable, not a refusal: other tools share
    /// the environment. Values never appear in messages.
    mutating func readEnvironment(_ environment: [String: String]) {
        let byVariable = Dictionary(uniqueKeysWithValues: ConfigurationKey.all.map { ($0.environmentVariable, $0) })
        for (variable, text) in environment.sorted(by: { $0.key < $1.key }) where variable.hasPrefix("SEVENBRIDGE_") {
            if variable.hasPrefix(ConfigurationKey.ownersEnvironmentPrefix) {
                readOwnerVariable(variable, text)
                continue
            }
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
            if let raw = environmentValue(text, key, origin: origin) { topLevel[key.path] = (raw, origin) }
        }
    }

    /// The keys one goods owner's environment variables can set: all but the list of owners and the code that
    /// names the variables.
    private static let perOwnerKeys = ConfigurationKey.all.filter { $0.isPerOwner && $0.path != "goodsOwnerCode" }

    /// Reads one `SEVENBRIDGE_OWNERS_` variable into the entry of the goods owner it names.
    ///
    /// Codes may hold `_`, and so may key paths, so the variable is matched against every configured owner's
    /// variables rather than split.
    private mutating func readOwnerVariable(_ variable: String, _ text: String) {
        guard let entries, entries.contains(where: { $0.code != nil }) else {
            warnings.append(
                "environment variable \(variable) sets a key of one goods owner, but \(file) lists no goodsOwners; "
                    + "it is ignored")
            return
        }
        let rest = variable.dropFirst(ConfigurationKey.ownersEnvironmentPrefix.count)
        let named = entries.indices.compactMap { index in
            entries[index].code.map { (index, ConfigurationKey.environmentName(owner: $0)) }
        }
        // The longest code first, so that ACME_EU is not read as ACME with a key path EU_…; then the first entry.
        let matching = named.filter { rest.hasPrefix($0.1 + "_") }.sorted {
            ($0.1.count, $1.0) > ($1.1.count, $0.0)
        }
        for (index, name) in matching {
            let suffix = rest.dropFirst(name.count + 1)
            guard let key = Self.perOwnerKeys.first(where: { $0.environmentSuffix == suffix }) else { continue }
            let origin = "environment variable \(variable)"
            if let raw = environmentValue(text, key, origin: "\(origin): \(entries[index].label)") {
                self.entries?[index].values[key.path] = (raw, origin)
            }
            return
        }
        let candidates = named.flatMap { index, _ in
            Self.perOwnerKeys.compactMap { key in entries[index].code.map { key.environmentVariable(owner: $0) } }
        }
        let scored = candidates.map { ($0, ConfigurationKey.distance($0, variable)) }
        let hint = scored.min { $0.1 < $1.1 }.flatMap { best in
            best.1 <= max(3, variable.count / 4) ? "; did you mean \(best.0)?" : nil
        }
        if let owner = matching.first.flatMap({ entries[$0.0].code }) {
            warnings.append(
                "environment variable \(variable) is not a configuration key of goods owner \(owner) and is ignored"
                    + (hint ?? ""))
        } else {
            let codes = entries.compactMap(\.code).joined(separator: ", ")
            warnings.append(
                "environment variable \(variable) names no configured goods owner (\(codes)) and is ignored"
                    + (hint ?? ""))
        }
    }

    /// The raw value of an environment variable for a key, or `nil` (with a problem) when the key cannot be set
    /// from the environment.
    private mutating func environmentValue(_ text: String, _ key: ConfigurationKey, origin: String) -> Raw? {
        switch key.kind {
        case .stringList, .integerList:
            return .list(Self.split(text))
        case .records, .owners:
            problems.append("\(origin): \(key.path) can only be set in the configuration file")
            return nil
        default:
            return .scalar(text == "null" ? nil : text)
        }
    }
}
