import BridgeEngine
import Foundation
import ServiceLifecycle
import Synchronization

/// Whether a one-shot cycle failed, for the exit code.
final class OnceResult: Sendable {
    private let state = Mutex(false)

    /// Whether a process could not run.
    var failed: Bool { state.withLock { $0 } }

    /// Records that a process could not run.
    func fail() { state.withLock { $0 = true } }
}

/// `run --once` as a service: one full cycle over the runtime (every enabled exporter, every complete inbox file, the
/// due write-backs, the retention), printing what it did, then the group ends.
///
/// The goods owners' cycles run side by side, so one owner's unreachable 24SevenOffice does not hold up another's;
/// each owner's lines are printed together when its cycle ends, each starting with its code when there are several.
/// SIGTERM ends its waits for 24SevenOffice at once.
struct OnceService: Service {
    let runtime: BridgeRuntime
    let selection: OwnerSelection
    let dryRun: Bool
    let result: OnceResult

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            for owner in runtime.owners {
                group.addTask {
                    let (lines, failed) = await cycle(owner)
                    if failed { result.fail() }
                    print(selection.prefixed(owner.settings.goodsOwnerCode, lines.joined(separator: "\n")))
                }
            }
        }
    }

    /// One owner's cycle: what to print, and whether a process could not run.
    private func cycle(_ owner: OwnerRuntime) async -> (lines: [String], failed: Bool) {
        var lines: [String] = []
        let cycle = await owner.exportCycle()
        var failed = !cycle.failures.isEmpty
        var failures: [(String, String)] = []
        for summary in cycle.summaries { lines.append(RunCommand.describe(summary, dryRun: dryRun)) }
        for (process, error) in cycle.failures { lines.append("\(process): FAILED: \(error)") }
        if owner.settings.watchesInbox {
            for outcome in await owner.takeInbox(clock: ContinuousClock()) {
                lines.append(RunCommand.describe(outcome))
            }
            if !dryRun {
                do {
                    lines.append(RunCommand.describe(try await owner.writeBacks.runDue()))
                } catch {
                    failures.append(("write-backs", "\(error)"))
                }
            }
        }
        await owner.applyRetention()
        for (process, error) in failures { lines.append("\(process): FAILED: \(error)") }
        failed = failed || !failures.isEmpty
        return (lines, failed)
    }
}
