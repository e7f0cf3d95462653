import ArgumentParser
import BridgeEngine
import Foundation

/// `sevenbridge archive`: the compliance archive.
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Work with the compliance archive.", subcommands: [Verify.self])

    /// `sevenbridge archive verify`: checks the hash chain and every archived file.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no archived file or manifest record was changed, removed or reordered.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "The archive folder; by default the configured folders.archive.")
        var archive: String?

        func run() async throws {
            let root = try archive ?? ConfigurationLoader.load(path: global.config).folders.archive
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
}
