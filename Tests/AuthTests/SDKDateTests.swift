import Testing

@testable import Auth

@Suite struct SDKDateTests {
    @Test func parsesAndFormatsTheSDKFormat() {
        #expect(SDKDate.epochSeconds("19700101T000000Z") == 0)
        #expect(SDKDate.epochSeconds("20261128T232256Z") == 1_795_908_176)
        #expect(SDKDate.format(epochSeconds: 1_795_908_176) == "20261128T232256Z")
        for t in stride(from: Int64(0), to: 4_000_000_000, by: 97_654_321) {
            #expect(SDKDate.epochSeconds(SDKDate.format(epochSeconds: t)) == t)
        }
    }

    @Test func rejectsOtherFormats() {
        for bad in ["", "2026-11-28T23:22:56Z", "20261128T232256", "20261328T232256Z", "20261128T246060Z", "2026112xT232256Z"] {
            #expect(SDKDate.epochSeconds(bad) == nil, "\(bad)")
        }
    }
}
