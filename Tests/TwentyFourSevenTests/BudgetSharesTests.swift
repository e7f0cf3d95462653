import Foundation
import Testing
import TwentyFourSeven

/// The fair division of one account's hourly budget among the goods owners that log in with it: an owner alone uses
/// all of it; owners with work waiting each keep an equal share; a share an owner stopped asking for is given up.
@Suite struct BudgetSharesTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

    @Test func anOwnerAloneUsesTheWholeBudget() async {
        let budget = RequestBudget(account: "a", limit: 10)
        for second in 0..<10 { #expect(await budget.take(now: at(Double(second)), claimant: "ACME") == 0) }
        #expect(await budget.take(now: at(10), claimant: "ACME") == 3590)
        #expect(await budget.used(by: "ACME", now: at(10)) == 10)
    }

    @Test func aHeavyOwnerLeavesAWaitingOwnerItsShare() async {
        let budget = RequestBudget(account: "a", limit: 10, idleAfter: 60)
        #expect(await budget.take(now: at(0), claimant: "BETA") == 0)
        // ACME takes its half; then the rest is BETA's due while BETA has work waiting.
        for second in 1...5 { #expect(await budget.take(now: at(Double(second)), claimant: "ACME") == 0) }
        let held = await budget.take(now: at(6), claimant: "ACME")
        #expect(held > 0 && held <= 54, "held \(held) s: until BETA's claim lapses at the latest")
        // BETA keeps asking and gets its share, one request at a time.
        for second in 7...10 { #expect(await budget.take(now: at(Double(second)), claimant: "BETA") == 0) }
        #expect(await budget.used(by: "BETA", now: at(10)) == 5)
        #expect(await budget.used(by: "ACME", now: at(10)) == 5)
        #expect(await budget.remaining(now: at(10)) == 0)
    }

    @Test func aShareNobodyAsksForIsGivenUp() async {
        let budget = RequestBudget(account: "a", limit: 10, idleAfter: 60)
        #expect(await budget.take(now: at(0), claimant: "BETA") == 0)
        for second in 1...5 { #expect(await budget.take(now: at(Double(second)), claimant: "ACME") == 0) }
        #expect(await budget.take(now: at(6), claimant: "ACME") > 0)
        // BETA has not asked for a minute: its work is done, and ACME may use what is left.
        for second in 61...64 { #expect(await budget.take(now: at(Double(second)), claimant: "ACME") == 0) }
        #expect(await budget.remaining(now: at(64)) == 0)
    }

    @Test func ownersWaitingForTheNextWindowShareIt() async {
        let budget = RequestBudget(account: "a", limit: 4, idleAfter: 60)
        for second in 0..<4 { #expect(await budget.take(now: at(Double(second)), claimant: "ACME") == 0) }
        // Both wait for the next window; when it opens, each gets half of it, whoever asks first.
        #expect(await budget.take(now: at(10), claimant: "ACME") > 0)
        #expect(await budget.take(now: at(11), claimant: "BETA") > 0)
        #expect(await budget.take(now: at(3600), claimant: "ACME") == 0)
        #expect(await budget.take(now: at(3600.1), claimant: "ACME") == 0)
        #expect(await budget.take(now: at(3600.2), claimant: "ACME") > 0)
        #expect(await budget.take(now: at(3601), claimant: "BETA") == 0)
        #expect(await budget.take(now: at(3602), claimant: "BETA") == 0)
        #expect(await budget.remaining(now: at(3602)) == 0)
    }

    @Test func theRuleAsAValueCountsPerWindow() {
        var shares = BudgetShares(idleAfter: 30)
        #expect(shares.wait(for: "A", remaining: 2, limit: 2, window: nil, now: at(0)) == 0)
        shares.taken("A", window: at(0))
        #expect(shares.used(by: "A") == 1)
        // A new window counts afresh.
        shares.taken("A", window: at(3600))
        #expect(shares.used(by: "A") == 1)
    }
}
