import Foundation
import Gzip

/// Checks the archive's chain: every record's hash, its link to the record before, the sequence, and every
/// archived file's size and SHA-256 after decompression.
///
/// A file is allowed to be missing only when a prune record names it as removed; a file that went missing any other
/// way (removed by hand, before or after a pruning) is a problem.
public enum ArchiveVerifier {
    /// The outcome of a verification.
    public struct Report: Sendable, Equatable {
        /// Records checked.
        public var records: Int
        /// Problems found, each naming the manifest line and what is wrong.
        public var problems: [String]
        /// Whether the archive is intact.
        public var isIntact: Bool { problems.isEmpty }

        /// Creates a report.
        public init(records: Int, problems: [String]) {
            self.records = records
            self.problems = problems
        }
    }

    /// Verifies the archive in `root`.
    public static func verify(root: String, fileSystem: any FileSystem = LocalFileSystem()) throws -> Report {
        var report = Report(records: 0, problems: [])
        var chain = ArchiveChain()
        var missing: [(seq: Int, problem: String)] = []
        var pruned: [ClosedRange<Int>] = []
        var legacyPrunedUpTo = 0
        try ManifestLines.forEach(path: root + "/manifest.jsonl", fileSystem: fileSystem) { number, line in
            guard !line.isEmpty else { return }
            report.records += 1
            guard let record = try? ArchiveFormat.decode(line) else {
                report.problems.append("manifest line \(number): not a readable record")
                return
            }
            for problem in chain.check(record) {
                switch problem {
                case .sequence(let found, let expected):
                    report.problems.append(
                        "manifest line \(number): sequence \(found), expected \(expected) (a record was removed or moved)"
                    )
                case .brokenLink:
                    report.problems.append(
                        "manifest line \(number) (\(record.name)): does not chain to the record before it")
                case .changed:
                    report.problems.append("manifest line \(number) (\(record.name)): the record was changed")
                }
            }
            if record.direction == "internal" {
                if record.kind == "prune" {
                    if let removed = record.keys["removed"] {
                        pruned += ArchiveFormat.parseRanges(removed)
                    } else if let upTo = record.keys["upToSeq"].flatMap({ Int($0) }) {
                        // Written before prune records named what they removed.
                        legacyPrunedUpTo = max(legacyPrunedUpTo, upTo)
                    }
                }
                return
            }
            for problem in checkFile(record, root: root, line: number, fileSystem: fileSystem) {
                if problem.hasSuffix("is missing") {
                    missing.append((record.seq, problem))
                } else {
                    report.problems.append(problem)
                }
            }
        }
        // Files a pruning removed are expected to be gone; any other missing file is a problem.
        report.problems += missing.filter { item in
            item.seq > legacyPrunedUpTo && !pruned.contains { $0.contains(item.seq) }
        }.map(\.problem)
        return report
    }

    private static func checkFile(_ record: ArchiveRecord, root: String, line: Int, fileSystem: any FileSystem)
        -> [String]
    {
        guard let data = ArchiveCatalog.compressed(root: root, record, fileSystem: fileSystem) else {
            return ["manifest line \(line) (\(record.name)): the archived file \(record.path) is missing"]
        }
        guard let bytes = try? GzipDecompressor.decompress(data, maxOutputBytes: max(record.size, 1) * 2 + 1024)
        else {
            return ["manifest line \(line) (\(record.name)): the archived file \(record.path) is not intact gzip"]
        }
        if bytes.count != record.size || ArchiveFormat.sha256(bytes) != record.sha256 {
            return ["manifest line \(line) (\(record.name)): the archived file's content was changed"]
        }
        return []
    }
}
