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

        @Option(
            help: "The archive folder; by default the configured folders.archive of every goods owner (or --owner).")
        var archive: String?

        /// The archives to work on, each with the goods owner it belongs to (`nil` for `--archive`), and the
        /// selection when the configuration was read.
        func roots() throws -> (archives: [(owner: String?, root: String)], selection: OwnerSelection?) {
            if let archive {
                if global.owner != nil { throw ValidationError("--archive names one archive; leave out --owner") }
                return ([(nil, archive)], nil)
            }
            let selection = try global.selection()
            return (selection.owners.map { ($0.goodsOwnerCode, $0.folders.archive) }, selection)
        }

        /// What starts a line about the archive of `owner`.
        func prefix(_ owner: String?, _ selection: OwnerSelection?) -> String {
            guard let owner, let selection else { return "" }
            return selection.prefix(owner)
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
            let (archives, selection) = try location.roots()
            var found = 0
            for (owner, root) in archives {
                let start = location.prefix(owner, selection)
                let records = try ArchiveCatalog.list(root: root, filter: filter)
                found += records.count
                for record in records {
                    let keys = record.keys.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                        .joined(separator: ",")
                    print(
                        "\(start)\(record.seq)\t\(record.time)\t\(record.direction)\t\(record.kind)\t\(record.name)\t"
                            + "\(keys)\t\(record.size)")
                }
            }
            if found == 0 { print("no archived file matches") }
        }
    }

    /// `sevenbridge archive show`: prints one archived file.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an archived file, decompressed, by sequence number or name.")

        @OptionGroup var location: Location
        @Argument(help: "The sequence number (first column of `archive list`) or the file name.") var file: String

        func run() async throws {
            let (archives, _) = try location.roots()
            var found: [(owner: String?, root: String, record: ArchiveRecord)] = []
            var lastError: (any Error)?
            for (owner, root) in archives {
                do {
                    found.append((owner, root, try ArchiveCatalog.record(root: root, file)))
                } catch {
                    lastError = error
                }
            }
            guard found.count <= 1 else {
                let owners = found.compactMap(\.owner).joined(separator: ", ")
                throw CommandFailure(
                    "\(file) is in the archive of several goods owners (\(owners)); say which with --owner CODE")
            }
            guard let (_, root, record) = found.first else {
                throw lastError ?? CommandFailure("\(file) is in no archive")
            }
            FileHandle.standardOutput.write(Data(try ArchiveCatalog.content(root: root, record)))
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
                `sevenbridge run` holds the state folder, the daemon does the replay. With several goods owners, the \
                file is looked for in every owner's archive; --owner CODE says which when several have it.
                """)

        @OptionGroup var location: Location
        @Argument(help: "The sequence number (first column of `archive list`) or the file name.") var file: String

        func run() async throws {
            if location.archive != nil {
                throw ValidationError("archive replay works on the configured archive; leave out --archive")
            }
            let selection = try location.global.selection()
            try ArchiveCommand.finish(
                try await ControlClient.perform(
                    .replay(file: file, owner: selection.chosen), selection: selection,
                    logger: location.global.logger()))
        }
    }

    /// `sevenbridge archive verify`: checks the hash chain and every archived file.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no archived file or manifest record was changed, removed or reordered.")

        @OptionGroup var location: Location

        func run() async throws {
            let (archives, selection) = try location.roots()
            var broken = false
            for (owner, root) in archives {
                let start = location.prefix(owner, selection)
                let report = try ArchiveVerifier.verify(root: root)
                for problem in report.problems { print("\(start)BROKEN: \(problem)") }
                if report.isIntact {
                    print("\(start)archive \(root): \(report.records) records, chain intact")
                } else {
                    print("\(start)archive \(root): \(report.records) records, \(report.problems.count) problems")
                    broken = true
                }
            }
            if broken { throw ExitCode(1) }
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
            if location.archive != nil {
                throw ValidationError("archive prune works on the configured archive; leave out --archive")
            }
            let selection = try location.global.selection()
            let seconds = try olderThan.map { try ArchiveCommand.age($0).components.seconds }
            try ArchiveCommand.finish(
                try await ControlClient.perform(
                    .prune(olderThanSeconds: seconds, dryRun: dryRun, owner: selection.chosen), selection: selection,
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
