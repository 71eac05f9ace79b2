import Synchronization

/// The credentials ``CachingCredentialStore`` has read, kept only while a change feed proves that none
/// of them changed since.
///
/// The feed (for PostgreSQL, `CredentialChangeFeed`: LISTEN on a channel a trigger notifies on every
/// change of a credential row) drives three calls: ``changed()`` when any credential changed or the feed
/// (re)started, ``confirm(since:)`` when every change committed before an instant has been reported, and
/// ``feedLost()`` when changes may go unreported. Entries are answered only while the last confirmation
/// is younger than `staleAfter`; otherwise every lookup goes to the store, as without a cache.
///
/// A lookup that was in flight when a change was reported could carry the old row: every lookup takes a
/// ``Ticket`` (the change generation) before it starts, and its answer is kept only if no change was
/// reported since. An entry also ends when the credential expires (measured from the lookup's start on the
/// monotonic clock, so the database's and this host's clocks need not agree) and after `maxAge`.
public final class CredentialCache: Sendable {
    /// Bounds on what is kept and for how long it is believed.
    public struct Limits: Sendable {
        /// The longest an entry is kept, whatever the feed says.
        public var maxAge: Duration
        /// How old the feed's last confirmation may be for entries to be answered.
        public var staleAfter: Duration
        /// The most entries of each kind; when full, the cache starts over.
        public var capacity: Int

        public init(maxAge: Duration = .seconds(60), staleAfter: Duration = .seconds(2), capacity: Int = 10_000) {
            self.maxAge = maxAge
            self.staleAfter = staleAfter
            self.capacity = capacity
        }
    }

    /// Taken before a lookup starts; its answer is kept only if no change was reported since.
    public struct Ticket: Sendable {
        let generation: UInt64
        let startedAt: ContinuousClock.Instant
    }

    private struct TokenKey: Hashable {
        let project: String
        let hash: [UInt8]
    }

    private struct AccessKeyKey: Hashable {
        let project: String
        let accessKey: String
    }

    private struct Entry<Value> {
        let value: Value
        let validUntil: ContinuousClock.Instant
    }

    private struct State {
        var generation: UInt64 = 0
        /// The feed's last confirmation; nil while it is not (yet) running.
        var confirmedSince: ContinuousClock.Instant?
        var tokens: [TokenKey: Entry<StoredToken>] = [:]
        var accessKeys: [AccessKeyKey: Entry<StoredAccessKey>] = [:]

        mutating func dropAll() {
            generation &+= 1
            tokens.removeAll(keepingCapacity: true)
            accessKeys.removeAll(keepingCapacity: true)
        }
    }

    private let state = Mutex(State())
    private let limits: Limits
    private let now: @Sendable () -> ContinuousClock.Instant

    /// - Parameters:
    ///   - limits: how much is kept and for how long.
    ///   - now: the monotonic clock (injectable for tests).
    public init(limits: Limits = Limits(), now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.limits = limits
        self.now = now
    }

    // MARK: The feed

    /// A credential changed, or the feed (re)started: forget everything, and every lookup in flight.
    public func changed() {
        state.withLock { $0.dropAll() }
    }

    /// Every change committed before `instant` has been reported.
    public func confirm(since instant: ContinuousClock.Instant) {
        state.withLock { state in
            if state.confirmedSince.map({ $0 < instant }) ?? true { state.confirmedSince = instant }
        }
    }

    /// Changes may go unreported from now on: answer nothing until the feed confirms again.
    public func feedLost() {
        state.withLock { state in
            state.confirmedSince = nil
            state.dropAll()
        }
    }

    // MARK: Lookups

    /// Take before asking the store.
    public func ticket() -> Ticket {
        let startedAt = now()
        return state.withLock { Ticket(generation: $0.generation, startedAt: startedAt) }
    }

    /// The live token of `project` with this hash, if one is kept and may be believed.
    public func token(sha256 hash: [UInt8], project: String) -> StoredToken? {
        let at = now()
        return state.withLock { state in
            guard isBelieved(state, at: at), let entry = state.tokens[TokenKey(project: project, hash: hash)],
                at < entry.validUntil
            else { return nil }
            return entry.value
        }
    }

    /// The live AK/SK credential of `project` with this access key, if one is kept and may be believed.
    public func accessKey(_ accessKey: String, project: String) -> StoredAccessKey? {
        let at = now()
        return state.withLock { state in
            guard isBelieved(state, at: at),
                let entry = state.accessKeys[AccessKeyKey(project: project, accessKey: accessKey)], at < entry.validUntil
            else { return nil }
            return entry.value
        }
    }

    /// Keeps what a lookup for `project` found, if it is a live credential of that project and nothing
    /// changed since `ticket` was taken.
    public func keep(_ token: StoredToken, sha256 hash: [UInt8], project: String, ticket: Ticket) {
        guard token.projectID == project, !token.isRevoked, !token.isExpired else { return }
        let validUntil = validUntil(ticket, expiresInMillis: token.expiresInMillis)
        state.withLock { state in
            guard state.generation == ticket.generation, state.confirmedSince != nil else { return }
            if state.tokens.count >= limits.capacity { state.tokens.removeAll(keepingCapacity: true) }
            state.tokens[TokenKey(project: project, hash: hash)] = Entry(value: token, validUntil: validUntil)
        }
    }

    /// Keeps what an access-key lookup for `project` found, as ``keep(_:sha256:project:ticket:)`` does.
    public func keep(_ key: StoredAccessKey, project: String, ticket: Ticket) {
        guard key.projectID == project, !key.isRevoked, !key.isExpired else { return }
        let validUntil = validUntil(ticket, expiresInMillis: key.expiresInMillis)
        state.withLock { state in
            guard state.generation == ticket.generation, state.confirmedSince != nil else { return }
            if state.accessKeys.count >= limits.capacity { state.accessKeys.removeAll(keepingCapacity: true) }
            state.accessKeys[AccessKeyKey(project: project, accessKey: key.accessKey)] = Entry(
                value: key, validUntil: validUntil)
        }
    }

    private func isBelieved(_ state: State, at instant: ContinuousClock.Instant) -> Bool {
        guard let confirmed = state.confirmedSince else { return false }
        return instant - confirmed < limits.staleAfter
    }

    /// The lookup started no later than the database read the remaining lifetime, so this is never later
    /// than the credential's expiry.
    private func validUntil(_ ticket: Ticket, expiresInMillis: Int64?) -> ContinuousClock.Instant {
        let lifetime = expiresInMillis.map { min(Duration.milliseconds($0), limits.maxAge) } ?? limits.maxAge
        return ticket.startedAt.advanced(by: lifetime)
    }
}
