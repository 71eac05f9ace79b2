import CLibPQ
import Glibc
import Synchronization

/// PostgreSQL sessions in libpq's non-blocking pipeline mode, driven by a thread of their own, so that
/// callers wait for no database round trip: they submit a *unit* (a fixed list of statements plus
/// transaction-local settings, like ``PGConnection/pipelined(_:localSettings:)``) from any thread and
/// get its results in a completion, on the channel's thread.
///
/// Units submitted while a batch is in flight go out together in the next one: one write carries them
/// all and one read brings their results back. Read-only units share one Sync (one implicit transaction,
/// so PostgreSQL also answers them with few writes); a failing one fails alone, and the read-only units
/// behind it, which the server skipped, are sent again. Other units get a Sync each: each is its own
/// implicit transaction, committed or rolled back alone. With several sessions (``PipelineLoop``), the
/// first takes the reads and writes go to the least loaded of the others, so concurrent commits share
/// WAL flushes.
///
/// Prepared statements are cached per session, as in ``PGConnection``. A lost session fails the units in
/// flight with `.unavailable` (never retried: a write may have run) and is reopened on the next unit, at
/// most once per `reconnectBackoff`: units that come inside it wait for that attempt (so at most the
/// back-off) and fail with `.unavailable` if it fails. A unit with no answer within `timeout` fails the
/// session the same way. Call ``close()`` when done: the thread keeps the channel alive.
public final class PGPipelineChannel: Sendable {
    /// Receives a unit's results (one per statement of its batch, in order) or its error, exactly once.
    public typealias Completion = @Sendable (Result<[PGResult], PGError>) -> Void

    /// A submitted unit.
    struct Unit: Sendable {
        /// The local settings' statements, then the batch's.
        let items: [PGBatch.Item]
        /// How many leading items are settings (their results are not handed back).
        let settingsCount: Int
        let readOnly: Bool
        let completion: Completion
        let submitted: ContinuousClock.Instant
    }

    /// What submitters hand to the channel's thread.
    struct Inbox {
        var units: [Unit] = []
        /// The thread sleeps with nothing in flight: a submit must wake it.
        var idle = false
        /// The thread sleeps with its read session free: a read-only unit must wake it (else reads wait
        /// to go with the next batch).
        var readerFree = false
        /// The thread sleeps with a write session free: a write must wake it.
        var writerFree = false
        var closed = false
    }

    /// What every session of the channel is opened and run with.
    struct Settings: Sendable {
        let conninfo: String
        let sessions: Int
        let timeout: Duration
        let reconnectBackoff: Duration
    }

    let settings: Settings
    let inbox = Mutex(Inbox())
    /// A pipe the thread polls besides the socket (read end) and submitters write a byte to (write end)
    /// to wake it.
    let wakeFD: Int32
    private let wakeWriteFD: Int32
    private let thread = Mutex<pthread_t?>(nil)
    /// Units submitted and not yet answered (see ``load``).
    private let unanswered = Atomic<Int>(0)

    /// Creates the channel and starts its thread; each session opens with its first unit.
    /// - Parameters:
    ///   - conninfo: the libpq connection string (see ``PGConnection/init(conninfo:)``).
    ///   - sessions: how many PostgreSQL sessions the thread drives, at least 1.
    ///   - timeout: the longest a unit may wait for its results before its session is given up.
    ///   - reconnectBackoff: the minimum time between two connect attempts of a session.
    public init(
        conninfo: String, sessions: Int = 1, timeout: Duration = .seconds(30),
        reconnectBackoff: Duration = .milliseconds(250)
    ) {
        precondition(sessions > 0, "a pipeline channel needs a session")
        settings = Settings(conninfo: conninfo, sessions: sessions, timeout: timeout, reconnectBackoff: reconnectBackoff)
        var ends: [Int32] = [-1, -1]
        precondition(pipe(&ends) == 0, "pipe failed: errno \(errno)")
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        wakeFD = ends[0]
        wakeWriteFD = ends[1]
        start()
    }

    deinit {
        // The thread holds the channel until close() ends it, so it is gone by now.
        Glibc.close(wakeFD)
        Glibc.close(wakeWriteFD)
    }

    /// Sends `batch` as one unit, after setting `localSettings` for its transaction.
    /// - Parameters:
    ///   - batch: the statements, none depending on another's result.
    ///   - localSettings: parameters set with `set_config(name, value, true)` before the statements.
    ///   - readOnly: the statements change nothing, so the unit may share a transaction with other
    ///     read-only units (each statement still sees its own snapshot, as in READ COMMITTED).
    ///   - completion: the results, or ``PGError`` as ``PGConnection/pipelined(_:localSettings:)`` reports
    ///     it (`.closed` after ``close()``); called on the channel's thread, or on the caller's when the
    ///     unit is refused at once.
    public func submit(
        _ batch: PGBatch, localSettings: [PGLocalSetting] = [], readOnly: Bool, completion: @escaping Completion
    ) {
        let items = localSettings.map(\.item) + batch.items
        unanswered.add(1, ordering: .relaxed)
        let unit = Unit(
            items: items, settingsCount: localSettings.count, readOnly: readOnly,
            completion: { [self] outcome in
                unanswered.subtract(1, ordering: .relaxed)
                completion(outcome)
            },
            submitted: .now)
        let (accepted, wake) = inbox.withLock { inbox -> (Bool, Bool) in
            guard !inbox.closed else { return (false, false) }
            inbox.units.append(unit)
            let wake = inbox.idle || (readOnly ? inbox.readerFree : inbox.writerFree)
            if wake {
                inbox.idle = false
                inbox.readerFree = false
                inbox.writerFree = false
            }
            return (true, wake)
        }
        guard accepted else {
            unit.completion(.failure(PGError(kind: .closed, serverMessage: "the pipeline channel was closed")))
            return
        }
        if wake { signal() }
    }

    /// Stops the thread: units not yet answered fail with `.closed`, and the session ends. Idempotent.
    public func close() {
        inbox.withLock { $0.closed = true }
        signal()
        if let handle = thread.withLock({ state in defer { state = nil }; return state }) {
            pthread_join(handle, nil)
        }
    }

    /// How many units were submitted and are not answered yet: what a group balances on.
    public var load: Int { unanswered.load(ordering: .relaxed) }

    /// Wakes the thread.
    func signal() {
        var byte: UInt8 = 1
        _ = write(wakeWriteFD, &byte, 1)  // a full pipe already wakes it
    }

    private func start() {
        // Unmanaged: +1 held by the thread until its loop ends (after close()).
        let retained = Unmanaged.passRetained(self).toOpaque()
        var handle = pthread_t()
        let body: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { raw in
            let channel = Unmanaged<PGPipelineChannel>.fromOpaque(raw!).takeRetainedValue()
            PipelineLoop(channel: channel).run()
            return nil
        }
        guard pthread_create(&handle, nil, body, retained) == 0 else {
            Unmanaged<PGPipelineChannel>.fromOpaque(retained).release()
            inbox.withLock { $0.closed = true }
            return
        }
        thread.withLock { $0 = handle }
    }
}
