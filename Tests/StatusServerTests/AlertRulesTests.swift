import BridgeEngine
import Foundation
import Testing

/// The alert rules of interfaces section 8, each on its own, without I/O.
@Suite struct AlertRulesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let interval = Duration.seconds(900)

    func facts(_ change: (inout AlertRules.Facts) -> Void = { _ in }) -> AlertRules.Facts {
        var facts = AlertRules.Facts(
            now: now, interval: interval,
            processes: [
                .init(
                    name: "orders", lastSuccess: now.addingTimeInterval(-60), firstRun: now.addingTimeInterval(-86_400))
            ])
        change(&facts)
        return facts
    }

    @Test func allWellRaisesNothing() {
        #expect(AlertRules.evaluate(facts()).isEmpty)
    }

    @Test func anExportOverdueByThreeIntervalsIsAnAlertButNotBefore() {
        let justInTime = facts { $0.processes[0].lastSuccess = now.addingTimeInterval(-2_700) }
        #expect(AlertRules.evaluate(justInTime).isEmpty)
        let late = facts { $0.processes[0].lastSuccess = now.addingTimeInterval(-2_701) }
        let alerts = AlertRules.evaluate(late)
        #expect(alerts.map(\.kind) == [.exportOverdue])
        #expect(alerts.first?.message.hasPrefix("orders: no successful export since") == true)
    }

    @Test func aProcessThatNeverSucceededIsMeasuredFromItsFirstRunAndOneThatNeverRanIsNot() {
        let never = facts {
            $0.processes = [.init(name: "articles", lastSuccess: nil, firstRun: now.addingTimeInterval(-3_000))]
        }
        #expect(AlertRules.evaluate(never).map(\.kind) == [.exportOverdue])
        let notYet = facts { $0.processes = [.init(name: "articles", lastSuccess: nil, firstRun: nil)] }
        #expect(AlertRules.evaluate(notYet).isEmpty)
    }

    @Test func aWriteBackFailingForMoreThanAnHourIsAnAlert() {
        let recent = facts {
            $0.writeBackFailingSince = now.addingTimeInterval(-3_600)
            $0.failingWriteBacks = 2
        }
        #expect(AlertRules.evaluate(recent).isEmpty)
        let old = facts {
            $0.writeBackFailingSince = now.addingTimeInterval(-3_601)
            $0.failingWriteBacks = 2
        }
        #expect(
            AlertRules.evaluate(old).map(\.message) == ["2 write-backs failing, the oldest since 2027-01-15T06:59:59Z"])
    }

    @Test func aHeldStockFileAndAFailedImportAreAlertsAtOnce() {
        let alerts = AlertRules.evaluate(
            facts {
                $0.heldFiles = [("stock-2.csv", now), ("stock-1.csv", now.addingTimeInterval(-10))]
                $0.importFailures = [("5017", now)]
            })
        #expect(alerts.map(\.kind) == [.stockFileHeld, .wmsImportFailed])
        #expect(alerts[0].message.contains("stock-1.csv, stock-2.csv"))
        #expect(alerts[0].since == now.addingTimeInterval(-10))
        #expect(alerts[1].message == "the WMS could not import order 5017")
    }

    @Test func inboxSilenceIsOffByDefaultAndCountsFromTheLastFileOrTheFirstRun() {
        let silentButOff = facts { $0.lastInboxFile = now.addingTimeInterval(-86_400) }
        #expect(AlertRules.evaluate(silentButOff).isEmpty)
        let silent = facts {
            $0.inboxSilence = .seconds(14_400)
            $0.lastInboxFile = now.addingTimeInterval(-14_401)
        }
        #expect(AlertRules.evaluate(silent).map(\.kind) == [.inboxSilent])
        let quietSinceStart = facts {
            $0.inboxSilence = .seconds(14_400)
            $0.watchingSince = now.addingTimeInterval(-20_000)
        }
        #expect(AlertRules.evaluate(quietSinceStart).first?.message.hasPrefix("no file from the WMS yet") == true)
        let heard = facts {
            $0.inboxSilence = .seconds(14_400)
            $0.lastInboxFile = now.addingTimeInterval(-100)
            $0.watchingSince = now.addingTimeInterval(-20_000)
        }
        #expect(AlertRules.evaluate(heard).isEmpty)
    }
}
