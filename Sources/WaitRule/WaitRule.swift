#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The service's one concurrency rule, enforced: a thread marked as one that must never wait (an HTTP
/// worker, while it runs a request's callback) stops the process in debug builds when it reaches a
/// call that waits on PostgreSQL, the engine or a file. Release builds only keep the mark.
///
/// The mark is per thread (`pthread_setspecific`), so a callback that hands work to another thread
/// (a pipeline session, the blocking executor) leaves that thread free to wait.
public enum WaitRule {
    /// The thread-specific slot holding the mark (non-nil while the thread must not wait).
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    /// Runs `body` with the calling thread marked as one that must never wait (nesting is fine: the
    /// previous mark is restored).
    public static func noWaiting<R>(_ body: () throws -> R) rethrows -> R {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))  // any non-nil value: only its presence is read
        defer { pthread_setspecific(key, previous) }
        return try body()
    }

    /// Whether the calling thread is marked as one that must never wait.
    public static var forbidsWaiting: Bool { pthread_getspecific(key) != nil }

    /// A call that waits (named by `what`) is about to run: in debug builds, stops the process when the
    /// calling thread must never wait. Costs one thread-specific read; nothing in release builds.
    @inline(__always)
    public static func mayWait(_ what: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
        #if DEBUG
            if forbidsWaiting {
                preconditionFailure("\(what()) on a thread that must never wait (an HTTP worker)", file: file, line: line)
            }
        #endif
    }
}
