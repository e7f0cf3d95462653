import Hummingbird

/// A change of state that a command asks for, carried out in the process that holds the state: the command's own
/// (under the state lock) or the running daemon's (over its control socket).
enum ControlRequest: Codable, Sendable, Equatable {
    /// `inbox release FILE`: let a held stock file through.
    case release(file: String)
    /// `archive prune`: delete archived files older than a number of seconds (or `archive.retention`).
    case prune(olderThanSeconds: Int64?, dryRun: Bool)
    /// `archive replay FILE`: feed an archived file through again.
    case replay(file: String)
}

/// What a control request did: the lines to print, and whether it succeeded.
struct ControlAnswer: Codable, Sendable, Equatable, ResponseEncodable {
    /// Whether the request succeeded.
    var ok: Bool
    /// What to print.
    var lines: [String]

    /// A successful answer.
    static func done(_ lines: String...) -> ControlAnswer { ControlAnswer(ok: true, lines: lines) }

    /// A refusal, with the reason.
    static func refused(_ reason: String) -> ControlAnswer { ControlAnswer(ok: false, lines: [reason]) }
}
