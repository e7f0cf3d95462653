/// A 24SevenOffice order status (`OrderSlipStateType`), with the exact names the WSDL defines.
public enum OrderSlipState: String, Sendable, Hashable, CaseIterable, Codable {
    case none = "None"
    case offer = "Offer"
    case pack = "Pack"
    case invoiced = "Invoiced"
    case web = "Web"
    case repeating = "Repeating"
    case collectingOrder = "CollectingOrder"
    case `return` = "Return"
    case distribution = "Distribution"
    case rest = "Rest"
    case forInvoicing = "ForInvoicing"
    case overtimeRent = "OvertimeRent"
    case confirmed = "Confirmed"
    case sent = "OrderState_Sent"
    case production = "Production"
    case paymentReminder = "PaymentReminder"
    case onAccount = "OnAccount"
    case lending = "Lending"
    case invoicedCashAccount = "InvoicedCashAccount"
    case invoicedPack = "InvoicedPack"
    case inactive = "Inactive"
    case hours = "Hours"
    case superStore = "OrderState_SuperStore"
    case draft = "Draft"

    /// Whether 24SevenOffice refuses changes to an order in this state (it is an invoice).
    public var isInvoiced: Bool {
        self == .invoiced || self == .invoicedCashAccount || self == .invoicedPack
    }
}

/// A 24SevenOffice company type.
public enum CompanyType: String, Sendable, Hashable, CaseIterable, Codable {
    case none = "None"
    case lead = "Lead"
    case consumer = "Consumer"
    case business = "Business"
    case supplier = "Supplier"
}

/// The type of a 24SevenOffice invoice row.
public enum InvoiceRowType: String, Sendable, Hashable, CaseIterable, Codable {
    case normal = "Normal"
    case text = "Text"
    case textBold = "TextBold"
}
