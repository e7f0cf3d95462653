import TwentyFourSeven

/// Reads arbitrary bytes as a 24SevenOffice SOAP answer and decodes every item it holds.
///
/// See `SOAPAnswerFuzzing` in the TwentyFourSeven module for what is exercised.
/// - Parameter data: the fuzzer's input.
public func fuzzSOAPAnswer(_ data: UnsafeRawBufferPointer) {
    SOAPAnswerFuzzing.decode(Array(data))
}
