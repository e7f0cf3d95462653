import Foundation

/// The demo's folder: made fresh for each demo, and never holding anything the demo did not make.
///
/// A finished demo leaves `.sevenbridge-demo` listing every file and folder it made. The next demo removes exactly
/// those, and refuses a folder that holds anything else (a file a person put there), naming it.
enum DemoFolder {
    /// The marker's name.
    static let marker = ".sevenbridge-demo"

    /// Makes `root` ready for a demo: absent or empty as it is, or emptied of what an earlier demo made.
    /// - Throws: `ValidationError` naming what is in the way, when the folder holds anything a demo did not make.
    static func prepare(_ root: String) throws {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: root, isDirectory: &isFolder) else {
            try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
            return
        }
        guard isFolder.boolValue else { throw CommandFailure("\(root) is a file, not a folder; pass --folder DIR") }
        let present = try contents(of: root)
        guard !present.isEmpty else { return }
        guard let listed = try? String(contentsOfFile: root + "/" + marker, encoding: .utf8) else {
            throw CommandFailure(
                "\(root) is not empty and was not made by a demo; the demo never deletes what it did not make. "
                    + "Pass --folder with a new folder.")
        }
        let made = Set(listed.split(separator: "\n").map(String.init) + [marker])
        let foreign = present.subtracting(made).sorted()
        guard foreign.isEmpty else {
            throw CommandFailure(
                "\(root) holds what the earlier demo did not make (\(foreign.prefix(3).joined(separator: ", "))"
                    + (foreign.count > 3 ? ", ..." : "") + "); the demo never deletes it. Move it away, or pass "
                    + "--folder with a new folder.")
        }
        // Deepest first, so that every folder is empty when it is removed.
        for path in made.sorted(by: { $0.count > $1.count }) where manager.fileExists(atPath: root + "/" + path) {
            try manager.removeItem(atPath: root + "/" + path)
        }
    }

    /// Records everything now in `root` as made by the demo.
    static func seal(_ root: String) throws {
        let made = try contents(of: root).subtracting([marker]).sorted()
        try (made.joined(separator: "\n") + "\n").write(toFile: root + "/" + marker, atomically: true, encoding: .utf8)
    }

    /// Every file and folder under `root`, as paths relative to it.
    private static func contents(of root: String) throws -> Set<String> {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var paths: Set<String> = []
        while let path = walker.nextObject() as? String { paths.insert(path) }
        return paths
    }
}
