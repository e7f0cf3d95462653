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
/// SIGTERM ends its waits for 24SevenOffice at once.
struct OnceService: Service {
    let runtime: BridgeRuntime
    let dryRun: Bool
    let result: OnceResult

    func run() async throws {
        for owner in runtime.owners {
            let cycle = await owner.exportCycle()
            var failures: [(String, String)] = []
            for summary in cycle.summaries { print(RunCommand.describe(summary, dryRun: dryRun)) }
            for (process, error) in cycle.failures { print("\(process): FAILED: \(error)") }
            if !cycle.failures.isEmpty { result.fail() }
            if owner.settings.watchesInbox {
                for outcome in await owner.takeInbox(clock: ContinuousClock()) { print(RunCommand.describe(outcome)) }
                if !dryRun {
                    do {
                        print(RunCommand.describe(try await owner.writeBacks.runDue()))
                    } catch {
                        failures.append(("write-backs", "\(error)"))
                    }
                }
            }
            await owner.applyRetention()
            for (process, error) in failures { print("\(process): FAILED: \(error)") }
            if !failures.isEmpty { result.fail() }
        }
    }
}
