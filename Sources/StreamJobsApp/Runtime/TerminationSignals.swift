import Glibc

/// SIGINT/SIGTERM handling without signal handlers: the signals are blocked in every thread (so the
/// HTTP server's threads, created afterwards, inherit the mask) and the main thread waits for them.
enum TerminationSignals {
    private static func set() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }

    /// Blocks SIGINT and SIGTERM in the calling thread and the threads it creates later; ignores SIGPIPE.
    static func block() {
        var s = set()
        pthread_sigmask(SIG_BLOCK, &s, nil)
        signal(SIGPIPE, SIG_IGN)
    }

    /// Waits until SIGINT or SIGTERM arrives; returns its number.
    static func wait() -> Int32 {
        var s = set()
        var received: Int32 = 0
        while sigwait(&s, &received) != 0 {}
        return received
    }
}
