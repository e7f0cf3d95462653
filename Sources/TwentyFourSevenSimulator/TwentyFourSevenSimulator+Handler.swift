import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle
import XMLStream

/// Raised inside a response body to make the server drop the connection, as a failing network does.
struct SimulatedConnectionDrop: Error {}

extension TwentyFourSevenSimulator {
    /// Answers one SOAP request: parse, validate, inject faults, authenticate, perform, reply.
    func handle(_ request: Request, service: SimulatedService) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 32 << 20)
        let body: XMLElement
        do {
            let envelope = try XMLElement.parse(Array(buffer: buffer), document: "request")
            guard envelope.name == "Envelope", let first = envelope.child("Body")?.children.first else {
                throw SimulatedFault.client(
                    "There is an error in XML document (1, 1). ---> The root is not a SOAP 1.1 Envelope with a Body.")
            }
            body = first
        } catch let fault as SimulatedFault {
            await store.record("?", "fault")
            return Self.fault(fault)
        } catch {
            await store.record("?", "fault")
            return Self.fault(.client("There is an error in XML document. ---> \(error)"))
        }
        let sessionId = Self.sessionCookie(request)
        let (index, store) = company(for: body, sessionId: sessionId)
        let latency = await store.faults.latency
        if latency > .zero { try await Task.sleep(for: latency) }
        let operation = body.name
        guard service.operations.contains(operation), body.namespaceURI == SimulatedService.namespace else {
            await store.record(operation, "fault")
            return Self.fault(.client("Server did not recognize the value of HTTP Header SOAPAction: \(operation)."))
        }
        if let problems = service.validator?.validate(
            Array(buffer: buffer), document: operation, elementPath: ["Envelope", "Body", "*"]),
            let problem = problems.first
        {
            await store.record(operation, "fault")
            let position = problem.line.map { "(\($0), 1)" } ?? "(1, 1)"
            return Self.fault(
                .client(
                    "There is an error in XML document \(position). ---> Instance validation error: \(problem.reason)"))
        }
        let admission = await store.admit(operation)
        if let end = await store.checkQuarantine() {
            await store.record(operation, "quarantined")
            return Self.fault(
                SimulatedFault(
                    code: "soap:Server",
                    text:
                        "Limit exceeded by 1. Request is blocked. Quarantine ends at \(XSDDateTime.format(end, zone: true))"
                ))
        }
        let isWrite = SimulatedService.writes.contains(operation)
        switch admission {
        case .serverFault:
            await store.record(operation, "fault")
            return Self.fault(SimulatedFault(code: "soap:Server", text: SimulatorFaults.deadlock))
        case .hang:
            await store.record(operation, "hung")
            // Until the client gives up, or the simulator stops.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
            return Self.dropped()
        case .drop(let after) where !after || !isWrite:
            await store.record(operation, "dropped")
            return Self.dropped()
        case .serverError(let after) where !after || !isWrite:
            await store.record(operation, "http500")
            return Self.serverError()
        default:
            break
        }
        let result: OperationResult
        do {
            result = try await answer(operation, body, sessionId: sessionId, store: store)
            if operation == "Login", case .text(let id) = result, !id.isEmpty { routes.record(id, company: index) }
        } catch let fault as SimulatedFault {
            await store.record(
                operation, fault.text.contains("Session is not authenticated") ? "unauthenticated" : "fault")
            return Self.fault(fault)
        }
        switch admission {
        case .drop:
            await store.record(operation, "dropped")
            return Self.dropped()
        case .serverError:
            await store.record(operation, "http500")
            return Self.serverError()
        case .proceed:
            await store.record(operation, "ok")
            return try Self.reply(operation, result)
        case .serverFault, .hang:
            return Self.dropped()
        }
    }

    /// The company a request is for: a login's by its credentials, any other call's by its session; the first
    /// company when none matches.
    private func company(for body: XMLElement, sessionId: String?) -> (Int, SimulatorStore) {
        if body.name == "Login" {
            let credential = body.child("credential")
            let index = stores.firstIndex {
                $0.accepts(
                    applicationId: credential?.value("ApplicationId"), username: credential?.value("Username"),
                    password: credential?.value("Password"), identityId: credential?.value("IdentityId"))
            }
            return index.map { ($0, stores[$0]) } ?? (0, stores[0])
        }
        let index = routes.company(of: sessionId) ?? 0
        return (index, stores[index])
    }

    private func answer(
        _ operation: String, _ body: XMLElement, sessionId: String?, store: SimulatorStore
    ) async throws -> OperationResult {
        switch operation {
        case "Login":
            let credential = body.child("credential")
            let id = await store.login(
                applicationId: credential?.value("ApplicationId"), username: credential?.value("Username"),
                password: credential?.value("Password"), identityId: credential?.value("IdentityId"))
            return .text(id)
        case "HasSession":
            return .text(await store.isValidSession(sessionId) ? "true" : "false")
        case "GetIdentity":
            guard await store.authenticate(sessionId) else {
                throw SimulatedFault.server("Session is not authenticated")
            }
            return .page(Self.identity(store.identity))
        default:
            guard await store.authenticate(sessionId) else {
                throw SimulatedFault.server("Session is not authenticated")
            }
            return try await store.perform(operation, body)
        }
    }

    /// The `GetIdentity` answer for a company's identity.
    static func identity(_ identity: SimulatorIdentity) -> XMLElement {
        XMLElement(
            name: "GetIdentityResult",
            children: [
                XMLElement(name: "Id", text: identity.id),
                XMLElement(name: "User", children: [XMLElement(name: "Name", text: identity.userName)]),
                XMLElement(
                    name: "Client",
                    children: [
                        XMLElement(name: "Id", text: String(identity.clientId)),
                        XMLElement(name: "Name", text: identity.clientName),
                    ]),
                XMLElement(name: "IsCurrent", text: "true"), XMLElement(name: "IsDefault", text: "true"),
                XMLElement(name: "IsProtected", text: "false"),
            ])
    }

    static func sessionCookie(_ request: Request) -> String? {
        guard let header = request.headers[.cookie] else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2 && pair[0] == "ASP.NET_SessionId" { return String(pair[1]) }
        }
        return nil
    }

    static func reply(_ operation: String, _ result: OperationResult) throws -> Response {
        let bytes = try envelope { writer in
            try writer.startElement("\(operation)Response", namespaceURI: SimulatedService.namespace)
            switch result {
            case .text(let text):
                try writer.element("\(operation)Result", text: text)
            case .elements(let items):
                try writer.startElement("\(operation)Result")
                for item in items { try item.write(to: writer) }
                try writer.endElement()
            case .page(let page):
                try page.write(to: writer)
            }
            try writer.endElement()
        }
        return Response(
            status: .ok, headers: [.contentType: "text/xml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func fault(_ fault: SimulatedFault) -> Response {
        let bytes =
            (try? envelope { writer in
                try writer.startElement("Fault", prefix: "soap")
                try writer.element("faultcode", text: fault.code)
                try writer.element("faultstring", text: fault.text)
                try writer.startElement("detail")
                try writer.endElement()
                try writer.endElement()
            }) ?? []
        return Response(
            status: .internalServerError, headers: [.contentType: "text/xml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static func envelope(_ content: (XMLWriter) throws -> Void) throws -> [UInt8] {
        let writer = try XMLWriter(document: "response")
        try writer.startElement("Envelope", prefix: "soap", namespaceURI: "http://schemas.xmlsoap.org/soap/envelope/")
        try writer.namespace(prefix: "xsi", uri: XMLElement.xsiNamespace)
        try writer.namespace(prefix: "xsd", uri: "http://www.w3.org/2001/XMLSchema")
        try writer.startElement("Body", prefix: "soap")
        try content(writer)
        try writer.endElement()
        try writer.endElement()
        return try writer.finish()
    }

    static func serverError() -> Response {
        Response(
            status: .internalServerError, headers: [.contentType: "text/html"],
            body: .init(
                byteBuffer: ByteBuffer(string: "<html><body><h1>500 - Internal server error.</h1></body></html>")))
    }

    static func dropped() -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/xml; charset=utf-8"],
            body: ResponseBody(contentLength: 4096) { _ in throw SimulatedConnectionDrop() })
    }
}
