import Glibc
import Testing
import WaitRule

/// The mark is per thread and nests; code run elsewhere (another thread) is free to wait.
struct WaitRuleTests {
    @Test func theMarkHoldsOnTheMarkingThreadOnlyAndNests() async {
        #expect(!WaitRule.forbidsWaiting)
        WaitRule.noWaiting {
            #expect(WaitRule.forbidsWaiting)
            WaitRule.noWaiting { #expect(WaitRule.forbidsWaiting) }
            #expect(WaitRule.forbidsWaiting)
            let other = UnsafeThread { WaitRule.forbidsWaiting }
            #expect(other.join() == false)
        }
        #expect(!WaitRule.forbidsWaiting)
        WaitRule.mayWait("allowed here")
    }
}

/// A plain thread running `body` (Foundation-free), for checking per-thread state.
final class UnsafeThread: @unchecked Sendable {  // result written by the thread before pthread_join returns
    private var thread = pthread_t()
    private var result = false
    private let body: () -> Bool

    init(_ body: @escaping () -> Bool) {
        self.body = body
        let context = Unmanaged.passRetained(self).toOpaque()
        pthread_create(&thread, nil, { raw in
            let me = Unmanaged<UnsafeThread>.fromOpaque(raw!).takeRetainedValue()
            me.result = me.body()
            return nil
        }, context)
    }

    func join() -> Bool {
        pthread_join(thread, nil)
        return result
    }
}
