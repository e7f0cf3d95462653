import Foundation
import Testing

/// Configuration errors from the real binary: named keys, suggestions and fixes.
@Suite struct ConfigurationTests {
    @Test func unknownKeysAreRefusedWithASuggestion() async throws {
        let workspace = try BinaryWorkspace(
            endpoint: "http://127.0.0.1:9", extra: "orders:\n  pullStatus: [Confirmed]\nintervall: 5m")
        let result = try await runBinary(
            ["run", "--once", "--config", workspace.config], environment: workspace.environment)
        #expect(result.status != 0)
        let text = result.output + result.errors
        #expect(text.contains("unknown key orders.pullStatus; did you mean orders.pullStatuses?"))
        #expect(text.contains("unknown key intervall; did you mean interval?"))
        #expect(text.contains("line "))
    }

    @Test func missingSecretsNameTheirEnvironmentVariable() async throws {
        let workspace = try BinaryWorkspace(endpoint: "http://127.0.0.1:9")
        let result = try await runBinary(["run", "--once", "--config", workspace.config])
        #expect(result.status != 0)
        #expect((result.output + result.errors).contains("erp.password is required: set it in"))
        #expect((result.output + result.errors).contains("SEVENBRIDGE_ERP_PASSWORD"))
    }

    @Test func badValuesAndBadExtraFieldsAreExplained() async throws {
        let extra = """
            formats: [xml, pdf]
            orders:
              sentStatus: Sent
            extraFields:
              - {from: InvoiceRow.Colour, to: CustomerOrderLine.LinePrice}
              - {from: InvoiceRow.Price, to: CustomerOrderLine.Nonsense}
            """
        let workspace = try BinaryWorkspace(endpoint: "http://127.0.0.1:9", extra: extra)
        let result = try await runBinary(
            ["run", "--once", "--config", workspace.config], environment: workspace.environment)
        let text = result.output + result.errors
        #expect(result.status != 0)
        #expect(text.contains("pdf is not a format"))
        #expect(text.contains("Sent is not a 24SevenOffice order status; did you mean OrderState_Sent?"))
        #expect(text.contains("24SevenOffice's InvoiceRow has no field Colour"))
        #expect(text.contains("Ongoing has no field CustomerOrderLine.Nonsense"))
    }

    @Test func theEnvironmentWinsOverTheFileAndUnknownVariablesAreRefused() async throws {
        let workspace = try BinaryWorkspace(endpoint: "http://127.0.0.1:9")
        var environment = workspace.environment
        environment["SEVENBRIDGE_ERP_PASWORD"] = "x"
        let result = try await runBinary(["run", "--once", "--config", workspace.config], environment: environment)
        #expect((result.output + result.errors).contains("SEVENBRIDGE_ERP_PASWORD is not a configuration key"))
    }

    @Test func mappingPrintsTheSeedTablesAndConfiguredExtras() async throws {
        let workspace = try BinaryWorkspace(
            endpoint: "http://127.0.0.1:9",
            extra: "extraFields:\n  - {from: InvoiceRow.Price, to: CustomerOrderLine.LinePrice}")
        let result = try await runBinary(["mapping", "--config", workspace.config], environment: workspace.environment)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Customer.InvoiceAddress.CountryCode"))
        #expect(result.output.contains("CustomerOrderLine.LinePrice"))
        #expect(result.output.contains("configured"))
        #expect(result.output.contains("Company.Addresses.Post.Street"))
    }
}

/// The request budget is a configuration key, checked like every other.
@Suite struct RequestBudgetConfigurationTests {
    @Test func aBadBudgetIsExplained() async throws {
        let workspace = try BinaryWorkspace(endpoint: "http://127.0.0.1:9", extra: "")
        var environment = workspace.environment
        environment["SEVENBRIDGE_ERP_REQUESTS_PER_HOUR"] = "lots"
        let result = try await runBinary(["run", "--once", "--config", workspace.config], environment: environment)
        #expect(
            (result.output + result.errors).contains("erp.requestsPerHour must be a whole number above zero, not lots"))
    }
}
