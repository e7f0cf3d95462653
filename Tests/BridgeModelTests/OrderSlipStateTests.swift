import BridgeModel
import Testing

@Suite struct OrderSlipStateTests {
    @Test func hasTheWSDLsTwentyFourStatesWithExactNames() {
        #expect(OrderSlipState.allCases.count == 24)
        #expect(OrderSlipState(rawValue: "OrderState_Sent") == .sent)
        #expect(OrderSlipState(rawValue: "Sent") == nil)
    }

    @Test func invoicedStatesAreRecognised() {
        #expect(OrderSlipState.invoiced.isInvoiced && OrderSlipState.invoicedPack.isInvoiced)
        #expect(!OrderSlipState.confirmed.isInvoiced)
    }
}
