import SevenBridgeCLI

/// The executable: everything lives in the SevenBridgeCLI library so that tests can reach it.
@main
struct Entrypoint {
    static func main() async {
        await SevenBridgeCommand.runFromProcessArguments()
    }
}
