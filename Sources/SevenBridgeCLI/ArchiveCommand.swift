import ArgumentParser
import BridgeEngine
import Foundation
import XMLStream

/// `sevenbridge archive`: the compliance archive.
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Work with the compliance archive.",
        subcommands: [List.self, Show.self, Replay.self, Verify.self, Prune.self])

    /// Options every archive verb takes.
    struct Location: ParsableArguments {
        @OptionGroup var global: GlobalOptions

        @Option(help: "The archive folder; by default the configured folders.archive.")
        var archive: String?

        func root() throws -> String {
            try archive ?? global.configuration().folders.archive
        }
    }

    /// `sevenbridge archive list`: finds archived files.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List archived files, by business key (order or article number), kind, direction and date.")

        @OptionGroup var location: Location
        @Option(help: "A business key: an order number, an article number, a supplier number.") var key: String?
        @Option(help: "The kind: article, order, supplier, articles-csv, shipment, stock, acknowledgement, ...")
        var kind: String?
        @Option(help: "inbound or outbound.") var direction: String?
        @Option(help: "From this day (yyyy-MM-dd) or time (UTC).") var from: String?
        @Option(help: "Before this day (yyyy-MM-dd) or time (UTC).") var to: String?

        func run() async throws {
            let filter = ArchiveCatalog.Filter(
                key: key, kind: kind, direction: direction, from: try from.map(ArchiveCommand.date),
                to: try to.map(ArchiveCommand.date))
            let records = try ArchiveCatalog.list(root: try location.root(), filter: filter)
            for record in records {
                let keys = record.keys.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                print(
                    "\(record.seq)\t\(record.time)\t\(record.direction)\t\(record.kind)\t\(record.name)\t\(keys)\t\(record.size)"
                )
            }
            if records.isEmpty { print("no archived file matches") }
        }
    }

    /// `sevenbridge archive show`: prints one archived file.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an archived file, decompressed, by sequence number or name.")

        @OptionGroup var location: Location
        @Argument(help: "The sequence number (first column of `archive list`) or the file name.") var file: String

        func run() async throws {
            let root = try location.root()
            let bytes = try ArchiveCatalog.content(root: root, try ArchiveCatalog.record(root: root, file))
            FileHandle.standardOutput.write(Data(bytes))
        }
    }

    /// `sevenbridge archive replay`: feeds an archived file through the normal path again.
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Feed an archived file through again: an inbox file back into the inbox, an outbox file back into the outbox.",
            discussion: """
                Idempotent: a replayed inbox file's write-backs are checked against 24SevenOffice before anything is \
                written, so nothing applies twice; an outbox file already in the outbox is left alone. While \
                `sevenbridge run` holds the state folder, the daemon does the replay.
                """)

        @OptionGroup var location: Location
        @Argument(help: "The sequence number (first column of `archive list`) or the file name.") var file: String

        func run() async throws {
            let configuration = try location.global.configuration()
            if location.archive != nil {
                throw ValidationError("archive replay works on the configured archive; leave out --archive")
            }
            try ArchiveCommand.finish(
                try await ControlClient.perform(
                    .replay(file: file), configuration: configuration, logger: location.global.logger()))
        }
    }

    /// `sevenbridge archive verify`: checks the hash chain and every archived file.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no archived file or manifest record was changed, removed or reordered.")

        @OptionGroup var location: Location

        func run() async throws {
            let root = try location.root()
            let report = try ArchiveVerifier.verify(root: root)
            for problem in report.problems { print("BROKEN: \(problem)") }
            if report.isIntact {
                print("archive \(root): \(report.records) records, chain intact")
            } else {
                print("archive \(root): \(report.records) records, \(report.problems.count) problems")
                throw ExitCode(1)
            }
        }
    }

    /// `sevenbridge archive prune`: applies the retention.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Delete archived files older than the retention (archive.retention, or --older-than), keeping the chain verifiable.",
            discussion: """
                The prune record in the chain names every file it removed, so `archive verify` still reports any other \
                missing file. While `sevenbridge run` holds the state folder, the daemon does the pruning.
                """)

        @OptionGroup var location: Location
        @Option(
            help:
                "Delete files archived more than this long ago, such as 400d (0d: all so far); by default archive.retention."
        )
        var olderThan: String?

        @Flag(help: "Only list what would be deleted.")
        var dryRun = false

        func run() async throws {
            let configuration = try location.global.configuration()
            if location.archive != nil {
                throw ValidationError("archive prune works on the configured archive; leave out --archive")
            }
            let seconds = try olderThan.map { try ArchiveCommand.age($0).components.seconds }
            try ArchiveCommand.finish(
                try await ControlClient.perform(
                    .prune(olderThanSeconds: seconds, dryRun: dryRun), configuration: configuration,
                    logger: location.global.logger()))
        }
    }

    /// Prints a control answer; a refusal exits non-zero.
    static func finish(_ answer: ControlAnswer) throws {
        for line in answer.lines { print(line) }
        if !answer.ok { throw ExitCode(1) }
    }

    static func date(_ text: String) throws -> Date {
        if let date = XSDDateTime.parse(text.count == 10 ? text + "T00:00:00Z" : text) { return date }
        throw ValidationError("\(text) is not a date; write it as yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ")
    }

    /// The age given to `--older-than`: a duration with a unit, where zero (`0d`) means everything archived so far.
    static func age(_ text: String) throws -> Duration {
        switch DurationText.parse(text) {
        case .success(let duration): return duration
        case .failure(.notPositive(let zero)) where zero.first == "0" && zero.dropFirst().allSatisfy(\.isLetter):
            return .zero
        case .failure(let problem): throw ValidationError("--older-than: \(problem.explanation)")
        }
    }
}
