import Hummingbird

/// A change of state that a command asks for, carried out in the process that holds the state: the command's own
/// (under the state lock) or the running daemon's (over its control socket).
enum ControlRequest: Codable, Sendable, Equatable {
    /// `inbox release FILE`: let a held stock file through; `owner` names the goods owner, or `nil` for whichever
    /// holds the file.
    case release(file: String, owner: String?)
    /// `archive prune`: delete archived files older than a number of seconds (or `archive.retention`), of one goods
    /// owner's archive or, with `owner` `nil`, of every owner's.
    case prune(olderThanSeconds: Int64?, dryRun: Bool, owner: String?)
    /// `archive replay FILE`: feed an archived file through again, from one goods owner's archive or, with `owner`
    /// `nil`, from the one archive that has it.
    case replay(file: String, owner: String?)

    /// The goods owner the request names, if it names one.
    var owner: String? {
        switch self {
        case .release(_, let owner), .prune(_, _, let owner), .replay(_, let owner): owner
        }
    }
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
