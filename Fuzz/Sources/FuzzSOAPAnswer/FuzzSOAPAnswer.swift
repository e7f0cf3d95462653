import FuzzTargets

/// libFuzzer's entry point: called once per input, which must not crash, hang or leak.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzSOAPAnswer(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
