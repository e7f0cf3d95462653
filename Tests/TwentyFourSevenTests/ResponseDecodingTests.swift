import BridgeModel
import Foundation
import Testing
import TwentyFourSevenSimulator
import XMLStream

@testable import TwentyFourSeven

/// Real captured 24SevenOffice responses (golden files) decode into the model; sentinels and xsi:nil read
/// as absent.
@Suite struct ResponseDecodingTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "xml", subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }

    static func response(_ name: String, _ operation: String) throws -> XMLElement {
        let answer = SOAPResponse(status: 200, body: try fixture(name))
        return try TwentyFourSevenClient.interpret(answer, operation: operation).get()
    }

    @Test func capturedSaveInvoicesResponseDecodesWithSentinelsAsAbsent() throws {
        let result = try Self.response("save_invoices_response", "SaveInvoices")
        let item = try #require(result.child("SaveInvoicesResult")?.children("InvoiceOrder").first)
        let order = try #require(ERPDecoder.invoiceOrder(item))
        #expect(order.orderId == 698)
        #expect(order.customerId == 119_566)
        #expect(order.deliveryDate == nil)  // 0001-01-01T00:00:00 in the capture
        #expect(order.addresses?.delivery?.postalArea == "Kalandseidet")
        #expect(order.rows?.first?.price == Decimal(string: "739.5"))
        #expect(order.rows?.first?.quantity == 1)
        #expect(ERPDecoder.apiException(item) == nil)
    }

    @Test func capturedAPIExceptionIsAPerItemError() throws {
        let result = try Self.response("save_invoices_error_response", "SaveInvoices")
        let item = try #require(result.child("SaveInvoicesResult")?.children("InvoiceOrder").first)
        let exception = try #require(ERPDecoder.apiException(item))
        #expect(exception.type == "Office24Seven.Library.Data.DataBaseServerException")
        #expect(exception.message.contains("severity level 14"))
    }

    @Test func capturedCompaniesTreatNilAsAbsent() throws {
        let result = try Self.response("get_companies_response", "GetCompanies")
        let companies = (result.child("GetCompaniesResult")?.children("Company") ?? []).compactMap(ERPDecoder.company)
        #expect(!companies.isEmpty)
        for company in companies {
            #expect(company.phoneNumbers.values.allSatisfy { !$0.isEmpty })
            #expect(company.addresses?.post == nil || company.addresses?.post?.isEmpty == false)
        }
    }

    @Test func aResponseForAnotherOperationIsRefused() throws {
        let answer = SOAPResponse(status: 200, body: try Self.fixture("login_response"))
        let result = TwentyFourSevenClient.interpret(answer, operation: "GetProducts")
        guard case .failure(let error) = result, case .malformedResponse = error.kind else {
            Issue.record("expected a malformed-response error, got \(result)")
            return
        }
        #expect(error.operation == "GetProducts")
    }

    @Test func anHTMLErrorPageIsAnHTTPStatusError() {
        let answer = SOAPResponse(status: 503, body: Array("<html><body>Service Unavailable</body></html>".utf8))
        guard case .failure(let error) = TwentyFourSevenClient.interpret(answer, operation: "GetInvoices") else {
            Issue.record("expected failure")
            return
        }
        #expect(error.kind == .httpStatus && error.httpStatus == 503 && error.isTransient && !error.isSafeToRetry)
    }

    @Test(
        arguments: [
            ("-2147483648", nil), ("42", 42), (nil, nil),
        ] as [(String?, Int?)])
    func intSentinelsReadAsAbsent(_ text: String?, _ expected: Int?) {
        #expect(SOAPValue.int(text) == expected)
    }

    @Test func decimalsAreWrittenPlainAndSentinelsReadAsAbsent() {
        #expect(SOAPValue.decimal("-79228162514264337593543950335") == nil)
        #expect(SOAPValue.decimal("1e+06") == 1_000_000)
        #expect(SOAPValue.format(Decimal(1_000_000)) == "1000000")
        #expect(SOAPValue.format(Decimal(string: "0.0000001")!) == "0.0000001")
        #expect(SOAPValue.format(Decimal(string: "-1E+3")!) == "-1000")
        #expect(SOAPValue.format(Decimal(string: "12345678901234.5")!) == "12345678901234.5")
        #expect(SOAPValue.date("0001-01-01T00:00:00") == nil)
    }

    /// Found by fuzzing the answer decoder: a decimal is read only when the whole text is one, not by its longest
    /// numeric prefix (Fuzz/Findings).
    @Test(
        arguments: [
            ("899.00", Decimal(string: "899.00")), ("-1.5", Decimal(string: "-1.5")), ("1E+3", Decimal(1000)),
            ("+7", Decimal(7)), ("899.00 NOK", nil), ("e5", nil), ("1,35", nil), ("-", nil), (".", nil), ("5-", nil),
            ("1.2.3", nil), ("", nil), ("1e", nil),
        ] as [(String, Decimal?)])
    func decimalsAreReadWholeOrNotAtAll(_ text: String, _ expected: Decimal?) {
        #expect(SOAPValue.decimal(text) == expected)
    }

    /// Plain decimals are built from their digits, not by `Decimal(string:)`: the same value and the same text for every
    /// shape a price or quantity takes (seeded, so a failure repeats).
    @Test func plainDecimalsMatchFoundationsReading() {
        var generator = SplitMix64(seed: 0x5EB1)
        var texts = [
            "0", "-0", "0.00", "-0.00", "899.00", "1.50", "007.10", "1.", "+5", "123456789012345678", "0.0001",
        ]
        for _ in 0..<5_000 {
            let whole = String(generator.next() % 1_000_000)
            let fraction = String(repeating: "0", count: Int(generator.next() % 3)) + String(generator.next() % 10_000)
            texts.append(
                (generator.next() % 2 == 0 ? "-" : "") + whole + (generator.next() % 2 == 0 ? "." + fraction : ""))
        }
        for text in texts {
            let expected = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            let read = SOAPValue.decimal(text)
            #expect(read == expected, "\(text)")
            #expect(read.map(SOAPValue.format) == expected.map(SOAPValue.format), "\(text)")
        }
    }

    @Test func quarantineTextGivesItsEndTime() {
        let now = XSDDateTime.parse("2026-11-28T09:12:00Z")!
        #expect(
            QuarantineNotice.end(
                in: "Limit exceeded by 1. Request is blocked. Quarantine ends at 2026-11-28T10:00:00Z", now: now)
                == XSDDateTime.parse("2026-11-28T10:00:00Z"))
        #expect(
            QuarantineNotice.end(
                in: "Limit exceeded by 3. Request is blocked. Quarantine ends at 28.11.2026 10:00:00", now: now)
                == XSDDateTime.parse("2026-11-28T10:00:00Z"))
        #expect(
            QuarantineNotice.end(in: "Limit exceeded. Quarantine ends at soon", now: now)
                == XSDDateTime.parse("2026-11-28T10:00:00Z"))
    }

    @Test func credentialsNeverPrintTheirPassword() {
        let credential = Credential(applicationId: "a", username: "u@example.no", password: "hunter2")
        #expect(!credential.description.contains("hunter2"))
        #expect(!"\(credential)".contains("hunter2"))
    }
}
