import Foundation

/// The inbox on disk: which files are complete, and where taken files go (`processed/`, `failed/`).
///
/// A file is taken only when complete: names starting with `.` or ending in `.tmp` or `.part` are skipped;
/// a file is complete when it has not changed for the settle time, or at once when `<name>.done` exists.
struct InboxFolder {
    let path: String
    let settle: TimeInterval

    var processed: String { path + "/processed" }
    var failed: String { path + "/failed" }

    /// The names of the files ready to be taken, oldest first.
    func readyFiles(now: Date) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let candidates = names.filter(Self.isCandidate)
        var ready: [(String, Date)] = []
        for name in candidates {
            let full = path + "/" + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: full),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let modified = attributes[.modificationDate] as? Date
            else { continue }
            let marked = FileManager.default.fileExists(atPath: full + ".done")
            if marked || now.timeIntervalSince(modified) >= settle { ready.append((name, modified)) }
        }
        return ready.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.map(\.0)
    }

    /// The time until the youngest unsettled file settles, if any file is still settling.
    func nextSettle(now: Date) -> TimeInterval? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let waits = names.compactMap { name -> TimeInterval? in
            guard Self.isCandidate(name),
                let modified = (try? FileManager.default.attributesOfItem(atPath: path + "/" + name))?[
                    .modificationDate] as? Date
            else { return nil }
            let left = settle - now.timeIntervalSince(modified)
            return left > 0 ? left : nil
        }
        return waits.max()
    }

    /// Whether a name may be a file for the bridge: hidden, temporary, partial names and `.done` markers are not.
    static func isCandidate(_ name: String) -> Bool {
        !name.hasPrefix(".") && !name.hasSuffix(".tmp") && !name.hasSuffix(".part") && !name.hasSuffix(".done")
    }

    /// Moves a taken file into `folder`, never overwriting: a name already there gets a time stamp.
    /// - Returns: the name it has there.
    @discardableResult
    func move(_ name: String, to folder: String, now: Date) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var target = name
        if FileManager.default.fileExists(atPath: folder + "/" + target) {
            let stamp = Int(now.timeIntervalSince1970 * 1000)
            let url = URL(fileURLWithPath: name)
            let ext = url.pathExtension
            target = url.deletingPathExtension().lastPathComponent + "-\(stamp)" + (ext.isEmpty ? "" : "." + ext)
        }
        try FileSystem.rename(path + "/" + name, to: folder + "/" + target)
        FileSystem.syncDirectory(of: folder + "/" + target)
        try? FileManager.default.removeItem(atPath: path + "/" + name + ".done")
        return target
    }

    /// Writes a note beside a moved file (`<name>.error.txt` or `<name>.report.txt`), flushed.
    func note(_ text: String, beside name: String, in folder: String, suffix: String) throws {
        try FileSystem.writeAtomically(Array(text.utf8), to: folder + "/" + name + suffix)
    }
}
