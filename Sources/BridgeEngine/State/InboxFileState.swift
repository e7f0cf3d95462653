/// Where an inbox file stands, as the state store remembers it by content, and what taking a file of that content
/// means now: the rule that makes a file taken once even across crashes.
///
/// A file is `archived` first, then `processing` while its write-backs are journaled batch by batch, `planned` when
/// all are, and `processed` after it moved to `processed/`. A crash before the move leaves the file in the inbox with
/// its state: taking it again resumes (no second archive copy, no instruction journaled twice); a crash after the
/// move leaves it in `processed/`, where nothing takes it again.
public enum InboxFileState: String, Sendable, CaseIterable {
    /// Archived; nothing journaled yet.
    case archived
    /// Some of its write-backs are journaled.
    case processing
    /// All of its write-backs are journaled; it still has to move to `processed/`.
    case planned
    /// Taken and moved to `processed/`.
    case processed
    /// Refused as a whole; in `failed/`.
    case rejected
    /// Held for a person; in `failed/` until released.
    case held
    /// A person asked for it to be taken again (`archive replay`).
    case replay

    /// What to do with a file whose content the store knows in this state.
    public enum Decision: Sendable, Equatable {
        /// Take it from the start: archive it, read it, journal it.
        case take
        /// Resume an interrupted take: it is archived already (with this take's archive sequence number).
        case resume(archiveSeq: Int?)
        /// Everything is journaled; move it to `processed/` and record that.
        case finish
        /// The same content was taken before; refuse it as a re-drop.
        case duplicate
    }

    /// What to do with a file of known content.
    /// - Parameters:
    ///   - state: the stored state, or `nil` for content never seen.
    ///   - released: whether a person released it after it was held.
    ///   - archiveSeq: the archive record of the take in progress.
    public static func decide(_ state: InboxFileState?, released: Bool, archiveSeq: Int?) -> Decision {
        switch state {
        case nil, .replay: .take
        case .archived, .processing: .resume(archiveSeq: archiveSeq)
        case .planned: .finish
        case .held: released ? .resume(archiveSeq: archiveSeq) : .duplicate
        case .processed, .rejected: .duplicate
        }
    }
}
