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
                "Let a held stock file through: move it from inbox/failed back into the inbox, marked as released.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The held file's name, as it is in inbox/failed.")
        var file: String

        func run() async throws {
            let configuration = try ConfigurationLoader.load(path: global.config)
            let folders = configuration.folders
            let name = URL(fileURLWithPath: file).lastPathComponent
            let store = try StateStore(folder: folders.state, goodsOwner: configuration.goodsOwnerCode)
            guard FileManager.default.fileExists(atPath: folders.inbox + "/failed/" + name),
                try await store.releaseInboxFile(name: name)
            else {
                throw ValidationError("\(name) is not a held file in \(folders.inbox)/failed")
            }
            try FileManager.default.moveItem(
                atPath: folders.inbox + "/failed/" + name, toPath: folders.inbox + "/" + name)
            try? FileManager.default.removeItem(atPath: folders.inbox + "/failed/" + name + ".error.txt")
            print("released \(name): it is back in the inbox and will be processed on the next cycle")
        }
    }
}
