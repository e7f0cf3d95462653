import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension ConfigurationLoader {
    /// Whether a text is a GUID: 8-4-4-4-12 hexadecimal digits.
    static func isGUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    /// Checks, without changing anything, that every folder is a folder the bridge can write to, or one it can make;
    /// and that the outbox and the inbox are not the same folder.
    mutating func checkFolders(_ folders: BridgeConfiguration.Folders) {
        let named = [
            ("folders.outbox", folders.outbox), ("folders.inbox", folders.inbox), ("folders.archive", folders.archive),
            ("folders.state", folders.state),
        ]
        for (key, path) in named {
            if let problem = Self.folderProblem(path) { problems.append("\(origin(key)): \(key): \(problem)") }
        }
        if folders.outbox == folders.inbox {
            problems.append(
                "\(origin("folders.inbox")): folders.inbox is the same folder as folders.outbox (\(folders.inbox)); "
                    + "the bridge would take its own files for the WMS's")
        }
    }

    /// What is wrong with a folder, if anything: it exists but is not a folder or not writable, or it does not
    /// exist and cannot be made.
    static func folderProblem(_ path: String) -> String? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { return "\(path) is a file, not a folder" }
            guard access(path, W_OK) == 0 else { return "\(path) is not writable by this user" }
            return nil
        }
        var ancestor = URL(fileURLWithPath: path).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder) {
            ancestor.deleteLastPathComponent()
        }
        guard isFolder.boolValue else {
            return "\(path) cannot be made: \(ancestor.path) is a file, not a folder"
        }
        guard access(ancestor.path, W_OK) == 0 else {
            return "\(path) cannot be made: \(ancestor.path) is not writable by this user"
        }
        return nil
    }

    /// The folders that do not exist yet, which `run` would make.
    static func missingFolders(_ folders: BridgeConfiguration.Folders) -> [String] {
        [folders.outbox, folders.inbox, folders.archive, folders.state].filter {
            !FileManager.default.fileExists(atPath: $0)
        }
    }
}
