import BridgeEngine
import TwentyFourSeven

/// The goods owners a command acts on: the one `--owner CODE` names, or every configured one; and how its output
/// says which owner a line is about.
///
/// A command that covers several owners starts each line about one of them with its code (`ACME: ...`); a command
/// about one owner (a single-owner configuration, or `--owner`) prints its lines as they always were.
///
/// ```swift
/// let selection = try OwnerSelection(site: site, code: "BETA")
/// for owner in selection.owners { print(selection.prefix(owner.goodsOwnerCode) + "...") }
/// ```
struct OwnerSelection: Sendable {
    /// The whole configuration.
    let site: SiteConfiguration
    /// The owners acted on, in configuration order.
    let owners: [BridgeConfiguration]
    /// The code of the owner `--owner` chose, as the configuration writes it; `nil` when it chose none.
    let chosen: String?

    /// Selects the owner with `code`, or every owner when `code` is `nil`.
    /// - Throws: `CommandFailure` naming the configured owners when no owner has `code`.
    init(site: SiteConfiguration, code: String?) throws {
        self.site = site
        guard let code else {
            owners = site.owners
            chosen = nil
            return
        }
        // Codes that differ only in case are refused by the configuration, so a match in any case is unambiguous.
        let match = site.owner(code: code) ?? site.owners.first { $0.goodsOwnerCode.lowercased() == code.lowercased() }
        guard let match else {
            let known = site.owners.map(\.goodsOwnerCode).joined(separator: ", ")
            throw CommandFailure(
                "--owner \(code): no goods owner has this goodsOwnerCode; the configured goods owners are \(known)")
        }
        owners = [match]
        chosen = match.goodsOwnerCode
    }

    /// Whether the command covers several owners, so that its lines name the owner each is about.
    var coversSeveral: Bool { owners.count > 1 }

    /// What starts a line about `code`: `CODE: ` when the command covers several owners, else nothing.
    func prefix(_ code: String) -> String {
        coversSeveral ? "\(code): " : ""
    }

    /// `text` with every line started by ``prefix(_:)``.
    func prefixed(_ code: String, _ text: String) -> String {
        let start = prefix(code)
        guard !start.isEmpty else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { start + $0 }.joined(separator: "\n")
    }

    /// The state folders the command must hold: the top-level one (the accounts' budgets and the control socket)
    /// and every selected owner's, each once, in a fixed order so that two processes never wait on each other.
    var lockFolders: [String] {
        Array(Set([site.stateFolder] + owners.map(\.folders.state))).sorted()
    }

    /// The daemon's control socket: in the top-level state folder.
    var controlSocket: String { site.stateFolder + "/sevenbridge.sock" }

    /// The account an owner logs in with: its endpoint and user name.
    static func account(_ owner: BridgeConfiguration) -> String {
        RequestBudget.account(endpoint: owner.erp.endpoint, username: owner.erp.username)
    }

    /// Takes the state lock of every folder in ``lockFolders``.
    /// - Throws: `BridgeError` naming the process that holds one.
    func lock() throws -> [StateLock] {
        try lockFolders.map { try StateLock(folder: $0) }
    }

    /// Takes every lock of ``lockFolders`` if no other process holds any; `nil` (holding none) when one is held.
    func attemptLock() throws -> [StateLock]? {
        var locks: [StateLock] = []
        for folder in lockFolders {
            guard let lock = try StateLock.attempt(folder: folder) else { return nil }
            locks.append(lock)
        }
        return locks
    }
}
