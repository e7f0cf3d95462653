/// Everything one bridge serves: its goods owners, in the order the configuration lists them, and what they share
/// (interfaces section 2, "Many goods owners in one bridge").
///
/// Without `goodsOwners` there is exactly one owner, the top level, built as before: its folders are the configured
/// folders themselves, with no code appended. With `goodsOwners` each owner is the top level with its entry over
/// it, key by key, and its own `SEVENBRIDGE_OWNERS_<CODE>_` environment variables over that.
///
/// ```swift
/// let site = try ConfigurationLoader.loadSite(path: "sevenbridge.yaml")
/// for owner in site.owners { print(owner.goodsOwnerCode, owner.folders.outbox) }
/// ```
struct SiteConfiguration: Sendable, Equatable {
    /// The goods owners, in configuration order; never empty once loaded.
    var owners: [BridgeConfiguration]
    /// The top level's state folder, as an absolute path: the state of every owner that does not set its own
    /// `folders.state`, so that owners share one store by default.
    var stateFolder: String
    /// Whether the configuration lists its goods owners under `goodsOwners`, rather than naming the one owner with
    /// the top-level `goodsOwnerCode`.
    var listsGoodsOwners: Bool
    /// `http.listen`, a top-level key only: where the daemon serves its status page, metrics and health.
    var httpListen: ListenAddress?

    /// The distinct state folders of all owners, in the order the owners first use them.
    var stateFolders: [String] {
        var seen: Set<String> = []
        return owners.map(\.folders.state).filter { seen.insert($0).inserted }
    }

    /// The goods owner with this code, as the configuration writes it, or `nil` when no owner has it.
    func owner(code: String) -> BridgeConfiguration? {
        owners.first { $0.goodsOwnerCode == code }
    }
}
