import Synchronization
import Testing

@testable import Auth

@Suite struct FailedAuthThrottleTests {
    private func key(_ address: String, project: String = "p", credential: String = "anonymous", reason: String = "bad_signature")
        -> FailedAuthKey
    {
        FailedAuthKey(clientAddress: address, projectID: project, credentialID: credential, reason: reason)
    }

    @Test func onePerKeyPerSecondCarryingTheSuppressedCount() {
        let clock = Atomic<Int64>(100)
        let throttle = FailedAuthThrottle(globalPerSecond: 3, maxPending: 2, now: { clock.load(ordering: .relaxed) })
        #expect(throttle.admit(key("a")) == 1)
        #expect(throttle.admit(key("a")) == nil)
        #expect(throttle.admit(key("a")) == nil)
        #expect(throttle.admit(key("b")) == 1)
        #expect(throttle.admit(key("c")) == 1)
        #expect(throttle.admit(key("d")) == nil, "global limit of 3 per second")
        #expect(throttle.admit(key("e")) == nil)
        #expect(throttle.droppedTotal == 1, "pending table full (a, d)")
        clock.store(101, ordering: .relaxed)
        #expect(throttle.admit(key("a")) == 3, "this one and the two suppressed")
        #expect(throttle.admit(key("d")) == 2)
        #expect(throttle.admit(key("e")) == 1)
    }

    /// The hostile-tenant case: one address fails first on project X, then 15 times with A's credential
    /// on B's path. B's record counts exactly B's failures; X's record never absorbs them.
    @Test func oneProjectsFailuresAreNeverCountedIntoAnothersRecord() {
        let clock = Atomic<Int64>(100)
        let throttle = FailedAuthThrottle(now: { clock.load(ordering: .relaxed) })
        let x = key("10.0.0.1", project: "x", credential: "anonymous", reason: "missing_credentials")
        let b = key("10.0.0.1", project: "b", credential: "cred-a", reason: "wrong_project")
        #expect(throttle.admit(x) == 1)
        #expect(throttle.admit(b) == 1, "another project's failure is recorded at once, not counted into x's record")
        for _ in 0..<14 { #expect(throttle.admit(b) == nil) }
        clock.store(101, ordering: .relaxed)
        #expect(throttle.admit(x) == 1, "x's record carries only x's failures")
        #expect(throttle.admit(b) == 15, "b's record carries the 14 suppressed and this one")
    }

    @Test func everyPartOfTheKeySeparatesCounts() {
        let clock = Atomic<Int64>(100)
        let throttle = FailedAuthThrottle(now: { clock.load(ordering: .relaxed) })
        let base = key("10.0.0.1", project: "p", credential: "cred-1", reason: "bad_signature")
        var others: [FailedAuthKey] = []
        var k = base
        k.clientAddress = "10.0.0.2"
        others.append(k)
        k = base
        k.projectID = "q"
        others.append(k)
        k = base
        k.credentialID = "anonymous"
        others.append(k)
        k = base
        k.reason = "expired"
        others.append(k)
        #expect(throttle.admit(base) == 1)
        #expect(throttle.admit(base) == nil)
        for other in others { #expect(throttle.admit(other) == 1, "\(other) has a record of its own") }
        clock.store(101, ordering: .relaxed)
        #expect(throttle.admit(base) == 2)
        for other in others { #expect(throttle.admit(other) == 1) }
    }
}
