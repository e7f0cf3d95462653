import ArgumentParser
import BridgeEngine
import Foundation

/// `sevenbridge inbox`: the inbox.
struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox", abstract: "Work with the inbox.", subcommands: [Release.self])

    /// `sevenbridge inbox release FILE`: lets a held stock file through after a person has looked at it.
    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Let a held stock file through: move it from inbox/failed back into the inbox, marked as released.",
            discussion: """
                While `sevenbridge run` holds the state folder, the daemon does the release. With several goods \
                owners, the file is looked for in every owner's inbox/failed; --owner CODE says which when several \
                hold a file of that name.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The held file's name, as it is in inbox/failed.")
        var file: String

        func run() async throws {
            let selection = try global.selection()
            try ArchiveCommand.finish(
                try await ControlClient.perform(
                    .release(file: file, owner: selection.chosen),
                    selection: selection, logger: global.logger()))
        }
    }
}
