import Foundation

/// Adds what happened later to the report of the inbox file a write-back came from: a write-back 24SevenOffice
/// refused (an unknown or invoiced order, an unknown product) is noted in `processed/<name>.report.txt`, so the
/// report says which write-backs of the file were refused and why.
struct InboxReports: Sendable {
    let store: StateStore
    let processed: String
    let files: any FileSystem
    let blocking: BlockingWork

    /// Notes a refused write-back in its file's report; one that came from no file, or whose file cannot be found,
    /// stays in `status` only.
    func noteRefusal(_ item: WriteBack, _ reason: String) async {
        guard let key = item.sourceKey, key.hasPrefix("a"),
            let seq = key.dropFirst().split(separator: ":").first.flatMap({ Int($0) }),
            let name = try? await store.processedName(archiveSeq: seq)
        else { return }
        let line = "write-back refused by 24SevenOffice: \(item.source): \(reason)\n"
        let (files, path) = (files, processed + "/" + name + ".report.txt")
        try? await blocking.run {
            if !files.exists(path) { try files.write(Array("\(name): taken.\n".utf8), to: path) }
            try files.append(Array(line.utf8), to: path)
        }
    }
}
