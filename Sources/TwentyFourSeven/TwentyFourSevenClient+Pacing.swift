import Foundation
import Logging
import XMLStream

/// Pacing: the hourly request budget, announced quarantines, and back-off between attempts.
extension TwentyFourSevenClient {
    /// Takes one request from the budget, waiting while it is used up (or failing at once when `patience` says so).
    func waitForBudget(_ operation: String, patience: CallPatience) async throws {
        while true {
            let wait = await budget.take(now: environment.now(), claimant: claimant)
            guard wait > 0 else { return }
            guard patience == .waitAsNeeded else {
                throw TwentyFourSevenError(
                    .wouldWait("the hourly request budget is used for the next \(Int(wait.rounded(.up))) s"),
                    operation: operation)
            }
            logger.notice(
                "24SevenOffice request budget used or kept for other goods owners, or account quarantined; waiting",
                metadata: ["erp.operation": "\(operation)", "erp.wait.seconds": "\(Int(wait))"])
            try await environment.sleep(.milliseconds(Int64((wait * 1000).rounded(.up))))
        }
    }

    /// Blocks the budget until an announced quarantine ends and waits for it, unless the wait is longer than the
    /// configuration allows or `patience` says not to wait.
    func waitOutQuarantine(_ text: String, operation: String, patience: CallPatience) async throws {
        let now = environment.now()
        let end = QuarantineNotice.end(in: text, now: now)
        let wait = max(0, end.timeIntervalSince(now))
        await budget.block(until: end)
        guard Duration.seconds(wait) <= configuration.maxQuarantineWait else {
            throw TwentyFourSevenError(.quarantined(until: XSDDateTime.format(end, zone: true)), operation: operation)
        }
        guard patience == .waitAsNeeded else {
            throw TwentyFourSevenError(
                .wouldWait("the account is quarantined until \(XSDDateTime.format(end, zone: true))"),
                operation: operation)
        }
        logger.warning(
            "24SevenOffice quarantined this account; waiting until it ends",
            metadata: ["erp.operation": "\(operation)", "erp.quarantine.end": "\(XSDDateTime.format(end, zone: true))"])
    }

    /// The wait before attempt `attempt + 1`: exponential from `initialBackoff`, capped at `maxBackoff`, with jitter
    /// (half to all of it).
    func backoff(attempt: Int) -> Duration {
        let base = configuration.initialBackoff * (1 << min(attempt - 1, 20))
        let capped = min(base, configuration.maxBackoff)
        return capped * (0.5 + environment.random() / 2)
    }
}
