import XMLStream

/// Reading answers: a SOAP response becomes the operation's result element or a typed error.
extension TwentyFourSevenClient {
    /// Turns a transport answer into the response element or a typed error; with `items`, each result item of that
    /// name goes to `sink` as it is read and is left out of the element.
    static func interpret(
        _ response: SOAPResponse, operation: String, items: String? = nil, sink: (XMLElement) -> Void = { _ in }
    ) -> Result<XMLElement, TwentyFourSevenError> {
        let content: SOAPEnvelope.Content
        do {
            content = try SOAPEnvelope.parse(
                response.body, document: "\(operation) response", items: items, sink: sink)
        } catch {
            if response.status != 200 {
                return .failure(TwentyFourSevenError(.httpStatus, operation: operation, httpStatus: response.status))
            }
            return .failure(
                TwentyFourSevenError(.malformedResponse("\(error)"), operation: operation, httpStatus: response.status))
        }
        switch content {
        case .fault(let code, let text):
            return .failure(
                TwentyFourSevenError(.fault(code: code, text: text), operation: operation, httpStatus: response.status))
        case .response(let element):
            guard response.status == 200 else {
                return .failure(TwentyFourSevenError(.httpStatus, operation: operation, httpStatus: response.status))
            }
            guard element.name == "\(operation)Response" else {
                return .failure(
                    TwentyFourSevenError(
                        .malformedResponse("expected \(operation)Response, found \(element.name)"),
                        operation: operation,
                        httpStatus: response.status))
            }
            return .success(element)
        }
    }
}
