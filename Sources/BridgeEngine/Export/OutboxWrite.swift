/// The steps of writing one object to the outbox, and what recovery does about a write a crash interrupted: the rule
/// that makes every object reach the outbox exactly once.
///
/// The steps: (1) the object is recorded as pending with its content; (2) its file is written under a hidden name
/// and flushed; (3) it is archived; (4) it is renamed into view and the folder flushed; (5) it is recorded as
/// written. A crash leaves a pending record, and what is on disk tells how far the write got.
package enum OutboxWrite {
    /// What recovery finds of a pending write.
    package struct Evidence: Equatable {
        /// Whether XML files are written at all (with CSV only, the rows are settled separately).
        package var writesXML: Bool
        /// Whether the file is in view under its final name.
        package var visible: Bool
        /// Whether the archive has the file (step 3 completed, so the hidden file was complete).
        package var archived: Bool
        /// Whether the hidden file is still there.
        package var hidden: Bool
        /// Whether the state holds the object's content.
        package var hasContent: Bool

        /// Creates the evidence.
        package init(writesXML: Bool, visible: Bool, archived: Bool, hidden: Bool, hasContent: Bool) {
            self.writesXML = writesXML
            self.visible = visible
            self.archived = archived
            self.hidden = hidden
            self.hasContent = hasContent
        }
    }

    /// What recovery does.
    package enum Recovery: Equatable {
        /// The write completed (or the importer already took the file): record it as written.
        case done
        /// Archived but not renamed: finish the rename, then record it as written.
        case finishRename
        /// Interrupted before the archive: nothing became visible; write it again under the same name.
        case rewrite
        /// Nothing to write it from: forget it, so the next run exports it again.
        case forget
    }

    /// What to do about a pending write, from what is on disk.
    package static func recovery(_ evidence: Evidence) -> Recovery {
        if !evidence.writesXML || evidence.visible { return .done }
        if evidence.archived { return evidence.hidden ? .finishRename : .done }
        return evidence.hasContent ? .rewrite : .forget
    }

    /// Whether CSV rows that were assigned to `file` reached a committed file (its rename may still be owed).
    /// - Returns: `nil` when the rows never reached a committed file and go into the next run's file.
    package static func csvRecovery(assigned file: String?, visible: Bool, archived: Bool, hidden: Bool) -> Recovery? {
        guard file != nil, visible || archived else { return nil }
        return !visible && hidden ? .finishRename : .done
    }
}
