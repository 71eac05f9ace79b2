import Glibc

/// A pthread mutex with one condition variable that waits on `CLOCK_MONOTONIC`.
///
/// Both live on the heap because a `pthread_mutex_t` must never move.
/// `@unchecked Sendable`: pthread mutexes and condition variables are made to be shared between threads,
/// and the pointers themselves never change.
final class ConditionLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }

    func unlock() { pthread_mutex_unlock(mutex) }

    /// Waits for a signal with the mutex held; returns `false` when `deadline` passed first.
    /// Spurious wake-ups return `true`, so callers re-check their condition in a loop.
    func wait(until deadline: MonotonicTime) -> Bool {
        var spec = deadline.cTimespec
        return pthread_cond_timedwait(condition, mutex, &spec) != ETIMEDOUT
    }

    /// Wakes one waiter.
    func signal() { pthread_cond_signal(condition) }

    /// Wakes every waiter.
    func broadcast() { pthread_cond_broadcast(condition) }
}
