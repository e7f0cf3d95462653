public import ArgumentParser

/// The `sevenbridge` command: the bridge between 24SevenOffice and Ongoing WMS.
public struct SevenBridgeCommand: AsyncParsableCommand {
    /// The command's name, summary and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "sevenbridge",
        abstract: "A batch file-exchange bridge between 24SevenOffice (ERP) and Ongoing WMS.",
        version: SevenBridgeCommand.version,
        subcommands: [
            RunCommand.self, DemoCommand.self, SimulatorCommand.self, MappingCommand.self, ArchiveCommand.self,
            InboxCommand.self, StatusCommand.self, DoctorCommand.self,
        ])

    /// The version `sevenbridge --version` prints.
    public static let version = "1.1.0"

    /// Creates the command; ArgumentParser fills its options.
    public init() {}
}

extension SevenBridgeCommand {
    /// Parses the process's arguments and runs the chosen command; the executable's only call.
    public static func runFromProcessArguments() async {
        await main()
    }
}
