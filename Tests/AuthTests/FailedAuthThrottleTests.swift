import Synchronization
import Testing

@testable import Auth

@Suite struct FailedAuthThrottleTests {
    @Test func onePerAddressPerSecondCarryingTheSuppressedCount() {
        let clock = Atomic<Int64>(100)
        let throttle = FailedAuthThrottle(globalPerSecond: 3, maxPending: 2, now: { clock.load(ordering: .relaxed) })
        #expect(throttle.admit("a") == 1)
        #expect(throttle.admit("a") == nil)
        #expect(throttle.admit("a") == nil)
        #expect(throttle.admit("b") == 1)
        #expect(throttle.admit("c") == 1)
        #expect(throttle.admit("d") == nil, "global limit of 3 per second")
        #expect(throttle.admit("e") == nil)
        #expect(throttle.droppedTotal == 1, "pending table full (a, d)")
        clock.store(101, ordering: .relaxed)
        #expect(throttle.admit("a") == 3, "this one and the two suppressed")
        #expect(throttle.admit("d") == 2)
        #expect(throttle.admit("e") == 1)
    }
}
