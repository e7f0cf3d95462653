import Foundation
import XMLStream

/// The fuzzing entry point of the SOAP answer decoder, for the package's fuzz targets only.
///
/// It reads arbitrary bytes the way the client reads a 24SevenOffice answer: as a SOAP envelope, then
/// through ``TwentyFourSevenClient/interpret(_:operation:)`` for the operation the answer claims to answer,
/// and then decodes every item of the result the way each operation does. Errors are expected and ignored;
/// only a crash, a hang or a leak is a finding.
package enum SOAPAnswerFuzzing {
    /// The operations whose answers the client reads, with the element that holds their items.
    private static let operations = [
        "Login", "HasSession", "GetIdentity", "GetProducts", "SetStockQuantity", "GetOrderSyncList", "GetInvoices",
        "SaveInvoices", "GetCompanies", "GetCompanySyncList",
    ]

    /// Parses `bytes` as an answer and decodes whatever it holds; never throws.
    package static func decode(_ bytes: [UInt8]) {
        let claimed: String
        switch try? SOAPEnvelope.parse(bytes, document: "fuzzed answer") {
        case .response(let element)?:
            claimed =
                element.name.hasSuffix("Response") ? String(element.name.dropLast("Response".count)) : element.name
        case .fault(let code, let text)?:
            // A fault comes with HTTP 500; the client must still read its text.
            if case .failure(let error) = TwentyFourSevenClient.interpret(
                SOAPResponse(status: 500, body: bytes), operation: "GetProducts")
            {
                _ = (code, error.description, error.isSafeToRetry, error.isTransient)
            }
            // The quarantine answer is a fault whose text names when it ends.
            _ = XSDDateTime.format(QuarantineNotice.end(in: text, now: Date(timeIntervalSince1970: 0)), zone: true)
            return
        case nil:
            claimed = operations[bytes.count % operations.count]
        }
        switch TwentyFourSevenClient.interpret(SOAPResponse(status: 200, body: bytes), operation: claimed) {
        case .failure(let error):
            _ = (error.description, error.isSafeToRetry, error.isTransient)
        case .success(let response):
            decodeResponse(response)
        }
        // The streaming path of list answers: each item handed to its decoder as it ends.
        for item in ["Product", "InvoiceOrder", "Company", "int"] {
            _ = TwentyFourSevenClient.interpret(SOAPResponse(status: 200, body: bytes), operation: claimed, items: item)
            {
                decodeItem($0)
            }
        }
    }

    /// Reads a response element as each operation does, then decodes every grandchild with every decoder.
    private static func decodeResponse(_ response: XMLElement) {
        // The operations' own paths.
        _ = response.value("LoginResult")
        _ = SOAPValue.bool(response.value("HasSessionResult"))
        _ = SOAPValue.bool(response.value("SetStockQuantityResult"))
        if let identity = response.child("GetIdentityResult") {
            _ = (identity.value("Id"), identity.child("User")?.value("Name"))
            _ = identity.child("Client")?.value("Id").flatMap { Int($0) }
        }
        if let page = response.child("GetCompanySyncListResult") {
            _ = (page.child("Items")?.children("SyncCompany") ?? []).compactMap(ERPDecoder.syncCompany)
            _ = SOAPValue.int(page.value("TotalPages"))
        }
        for item in response.child("SaveInvoicesResult")?.children("InvoiceOrder") ?? [] {
            _ = (SOAPValue.int(item.value("OrderId")), ERPDecoder.apiException(item))
        }
        // Every item of every result, with every decoder: the decoders must take any element.
        for result in response.children {
            for item in result.children + (result.child("Items")?.children ?? []) {
                decodeItem(item)
            }
        }
    }

    /// Decodes one element as every kind of item.
    private static func decodeItem(_ item: XMLElement) {
        _ = ERPDecoder.product(item).map { "\($0)" }
        _ = ERPDecoder.invoiceOrder(item).map { "\($0)" }
        _ = ERPDecoder.company(item).map { "\($0)" }
        _ = ERPDecoder.syncCompany(item).map { "\($0)" }
        _ = ERPDecoder.apiException(item)
        _ = "\(ERPDecoder.invoiceRow(item))"
        _ = (SOAPValue.decimal(item.trimmedText), SOAPValue.date(item.trimmedText), SOAPValue.int(item.trimmedText))
    }
}
