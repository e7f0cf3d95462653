/// The steps of writing one object to the outbox, and what recovery does about a write a crash interrupted: the rule
/// that makes every object reach the outbox exactly once.
///
/// The steps: (1) the object is recorded as pending; (2) its file is written under a hidden name and flushed; (3) it
/// is archived; (4) it is renamed into view and the folder flushed; (5) it is recorded as written. A crash leaves a
/// pending record, and what is on disk tells how far the write got: recovery finishes the write, or rolls it back
/// when nothing of it can have become visible, and the object's next export writes it (the run that was interrupted
/// did not move its watermark, so the next run fetches the object again).
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

        /// Creates the evidence.
        package init(writesXML: Bool, visible: Bool, archived: Bool, hidden: Bool) {
            self.writesXML = writesXML
            self.visible = visible
            self.archived = archived
            self.hidden = hidden
        }
    }

    /// What recovery does.
    package enum Recovery: Equatable {
        /// The write completed (or the importer already took the file): record it as written.
        case done
        /// Archived but not renamed: finish the rename, then record it as written.
        case finishRename
        /// Interrupted before the archive: nothing became visible. Remove the hidden file, if any, and leave the
        /// object pending: its next export writes it again, under a new name.
        case rollBack
    }

    /// What to do about a pending write, from what is on disk.
    package static func recovery(_ evidence: Evidence) -> Recovery {
        if !evidence.writesXML || evidence.visible { return .done }
        if evidence.archived { return evidence.hidden ? .finishRename : .done }
        return .rollBack
    }

    /// Whether CSV rows that were assigned to `file` reached a committed file (its rename may still be owed).
    /// - Returns: `nil` when the rows never reached a committed file and go into the next run's file.
    package static func csvRecovery(assigned file: String?, visible: Bool, archived: Bool, hidden: Bool) -> Recovery? {
        guard file != nil, visible || archived else { return nil }
        return !visible && hidden ? .finishRename : .done
    }
}
