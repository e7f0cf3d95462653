import CMallocTuning
import SevenBridgeCLI

/// The executable: everything lives in the SevenBridgeCLI library so that tests can reach it.
@main
struct Entrypoint {
    static func main() async {
        // Keeps a long export's memory flat: buffers of 256 KiB and more (SOAP answers, a batch's rendered files,
        // archive segments) are mapped and unmapped whole instead of fragmenting the heap, and a few malloc arenas
        // serve the pools' threads, which allocate and free each other's buffers. Measured on 100,000 orders: peak
        // RSS 139-152 MB with glibc's defaults, 97 MB with two arenas (86-89 MB at 10,000 orders). Since the records and
        // the sync list shrank (2026-12-07), four arenas: 81 MB at 100,000 orders and 76-77 MB at 10,000 (two: 80 and
        // 73.5 MB), and 4 % less wall time on tmpfs in four interleaved pairs (less waiting on arena locks: system CPU
        // 2.0-2.1 s against 2.3-2.7 s).
        sevenbridge_tune_malloc(256 * 1024, 4)
        await SevenBridgeCommand.runFromProcessArguments()
    }
}
