/// A write the simulator applied to its data, recorded so tests can count ERP writes exactly.
public struct SimulatorWrite: Sendable, Equatable, CustomStringConvertible {
    /// The operation, `SaveInvoices` or `SetStockQuantity`.
    public var operation: String
    /// The order or product id.
    public var id: Int
    /// The value written: the new status or the new stock quantity.
    public var value: String

    /// Creates a record.
    public init(operation: String, id: Int, value: String) {
        self.operation = operation
        self.id = id
        self.value = value
    }

    /// A readable description, for logs and error messages.
    public var description: String { "\(operation)(\(id) = \(value))" }
}

/// A request the simulator received, recorded for tests.
public struct SimulatorCall: Sendable, Equatable {
    /// The SOAP operation.
    public var operation: String
    /// What happened to it: `ok`, `fault`, `http500`, `dropped`, `quarantined`, `unauthenticated`.
    public var outcome: String
}
