import BridgeEngine
import BridgeModel
import Foundation

/// The bridge's configuration, typed and validated (interfaces section 2).
struct BridgeConfiguration: Sendable, Equatable {
    /// How to reach 24SevenOffice.
    struct ERP: Sendable, Equatable {
        var endpoint: String
        var applicationId: String
        var username: String
        var password: String
        var identityId: String?
        var requestsPerHour: Int
    }

    /// The four folders, as absolute paths.
    struct Folders: Sendable, Equatable {
        var outbox: String
        var inbox: String
        var archive: String
        var state: String
    }

    /// Which processes run.
    struct Processes: Sendable, Equatable {
        var articles: Bool
        var orders: Bool
        var suppliers: Bool
        var stock: Bool
        var shipments: Bool
    }

    /// Order export and write-back settings.
    struct Orders: Sendable, Equatable {
        var pullStatuses: [OrderSlipState]
        var notifyShipped: Bool
        var reportAtStatuses: [Int]
        var sentStatus: OrderSlipState
        var statusOnImport: OrderSlipState?
    }

    var goodsOwnerCode: String
    var erp: ERP
    var folders: Folders
    var interval: Duration
    var inboxSettle: Duration
    var inboxRescan: Duration
    var archiveRetention: Duration?
    var formats: Set<ExportSettings.Format>
    var processes: Processes
    var orders: Orders
    var stockField: String
    var variantPattern: String?
    var extraFields: [MappingRow]
    /// `http.listen`: where the daemon serves its status page, metrics and health; `nil` for nowhere.
    var httpListen: ListenAddress?
    /// `alerts.inboxSilence`: how long without a file from the WMS is an alert; `nil` for never.
    var inboxSilence: Duration?

    /// The effective mapping table: the standard one, variants when configured, and the extra fields.
    var mappingTable: MappingTable {
        MappingTable.standard(extra: extraFields, variants: variantPattern != nil)
    }
}
