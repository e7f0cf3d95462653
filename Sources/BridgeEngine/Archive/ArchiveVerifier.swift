import Foundation
import Gzip

/// Checks the archive's chain: every record's hash, its link to the record before, the sequence, and every
/// archived file's size and SHA-256 after decompression.
public enum ArchiveVerifier {
    /// The outcome of a verification.
    public struct Report: Sendable, Equatable {
        /// Records checked.
        public var records: Int
        /// Problems found, each naming the manifest line and what is wrong.
        public var problems: [String]
        /// Whether the archive is intact.
        public var isIntact: Bool { problems.isEmpty }
    }

    /// Verifies the archive in `root`.
    public static func verify(root: String) throws -> Report {
        var report = Report(records: 0, problems: [])
        var previousHash = Archive.genesis
        var expectedSeq = 1
        var missing: [(seq: Int, problem: String)] = []
        var prunedUpTo = 0
        let manifest = root + "/manifest.jsonl"
        guard FileManager.default.fileExists(atPath: manifest) else { return report }
        try ManifestLines.forEach(path: manifest) { number, line in
            guard !line.isEmpty else { return }
            report.records += 1
            guard let record = try? Archive.decode(line) else {
                report.problems.append("manifest line \(number): not a readable record")
                return
            }
            if record.seq != expectedSeq {
                report.problems.append(
                    "manifest line \(number): sequence \(record.seq), expected \(expectedSeq) (a record was removed or moved)"
                )
            }
            if record.prev != previousHash {
                report.problems.append(
                    "manifest line \(number) (\(record.name)): does not chain to the record before it")
            }
            if (try? Archive.hash(of: record)) != record.hash {
                report.problems.append("manifest line \(number) (\(record.name)): the record was changed")
            }
            if record.direction == "internal" {
                if record.kind == "prune", let upTo = record.keys["upToSeq"].flatMap({ Int($0) }) {
                    prunedUpTo = max(prunedUpTo, upTo)
                }
            } else {
                for problem in checkFile(record, root: root, line: number) {
                    if problem.hasSuffix("is missing") {
                        missing.append((record.seq, problem))
                    } else {
                        report.problems.append(problem)
                    }
                }
            }
            previousHash = record.hash
            expectedSeq = record.seq + 1
        }
        // Files removed by a recorded pruning are expected to be gone; any other missing file is a problem.
        report.problems += missing.filter { $0.seq > prunedUpTo }.map(\.problem)
        return report
    }

    private static func checkFile(_ record: ArchiveRecord, root: String, line: Int) -> [String] {
        guard let data = FileManager.default.contents(atPath: root + "/" + record.path) else {
            return ["manifest line \(line) (\(record.name)): the archived file \(record.path) is missing"]
        }
        guard let bytes = try? GzipDecompressor.decompress(Array(data), maxOutputBytes: max(record.size, 1) * 2 + 1024)
        else {
            return ["manifest line \(line) (\(record.name)): the archived file \(record.path) is not intact gzip"]
        }
        if bytes.count != record.size || Archive.sha256(bytes) != record.sha256 {
            return ["manifest line \(line) (\(record.name)): the archived file's content was changed"]
        }
        return []
    }
}
