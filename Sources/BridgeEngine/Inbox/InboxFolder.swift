import Foundation

/// The inbox on disk: which files are complete, and where taken files go (`processed/`, `failed/`).
///
/// A file is taken only when complete: names starting with `.` or ending in `.tmp` or `.part` are skipped;
/// a file is complete when it has not changed for the settle time, or at once when `<name>.done` exists.
/// Every call blocks; callers make them on the thread pool.
struct InboxFolder: Sendable {
    let path: String
    let settle: TimeInterval
    let files: any FileSystem

    var processed: String { path + "/processed" }
    var failed: String { path + "/failed" }

    /// The names of the files ready to be taken, oldest first, and the time until the youngest file still being
    /// written settles, if one is.
    func scan(now: Date) -> (ready: [String], nextSettle: TimeInterval?) {
        var ready: [(String, Date)] = []
        var wait: TimeInterval?
        for name in files.contents(ofFolder: path) where Self.isCandidate(name) {
            let full = path + "/" + name
            guard let attributes = files.attributes(full), attributes.isFile else { continue }
            let left = settle - now.timeIntervalSince(attributes.modified)
            if left <= 0 || files.exists(full + ".done") {
                ready.append((name, attributes.modified))
            } else {
                wait = max(wait ?? left, left)
            }
        }
        let names = ready.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.map(\.0)
        return (names, wait)
    }

    /// Whether a name may be a file for the bridge: hidden, temporary, partial names and `.done` markers are not.
    static func isCandidate(_ name: String) -> Bool {
        !name.hasPrefix(".") && !name.hasSuffix(".tmp") && !name.hasSuffix(".part") && !name.hasSuffix(".done")
    }

    /// Moves a taken file into `folder`, never overwriting: a name already there gets a time stamp.
    /// - Returns: the name it has there.
    @discardableResult
    func move(_ name: String, to folder: String, now: Date) throws -> String {
        try files.createFolder(folder)
        var target = name
        if files.exists(folder + "/" + target) {
            let stamp = Int(now.timeIntervalSince1970 * 1000)
            let url = URL(fileURLWithPath: name)
            let ext = url.pathExtension
            target = url.deletingPathExtension().lastPathComponent + "-\(stamp)" + (ext.isEmpty ? "" : "." + ext)
        }
        try files.rename(path + "/" + name, to: folder + "/" + target)
        try files.syncFolder(folder)
        if files.exists(path + "/" + name + ".done") { try? files.remove(path + "/" + name + ".done") }
        return target
    }

    /// Writes a note beside a moved file (`<name>.error.txt` or `<name>.report.txt`), flushed.
    func note(_ text: String, beside name: String, in folder: String, suffix: String) throws {
        try files.writeAtomically(Array(text.utf8), to: folder + "/" + name + suffix)
    }
}
