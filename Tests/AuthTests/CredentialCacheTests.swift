import Synchronization
import Testing

@testable import Auth

/// `CredentialCache` and `CachingCredentialStore` over an in-memory store and a hand-driven clock: what
/// is kept, when it is believed, and that a change reported during a lookup keeps its answer out.
struct CredentialCacheTests {
    /// A monotonic clock the test moves by hand.
    final class ManualClock: Sendable {
        private let offset = Mutex<Duration>(.zero)
        private let origin = ContinuousClock.now
        var now: ContinuousClock.Instant { origin.advanced(by: offset.withLock { $0 }) }
        func advance(_ by: Duration) { offset.withLock { $0 += by } }
    }

    let clock = ManualClock()
    let hash: [UInt8] = Array(repeating: 7, count: 32)

    func cache(_ limits: CredentialCache.Limits = .init()) -> CredentialCache {
        CredentialCache(limits: limits, now: { [clock] in clock.now })
    }

    func live(_ project: String = "p1", expiresIn: Int64? = 3_600_000) -> StoredToken {
        StoredToken(credentialID: "cred-1", projectID: project, isRevoked: false, isExpired: false, expiresInMillis: expiresIn)
    }

    @Test func nothingIsKeptOrAnsweredBeforeTheFeedConfirms() {
        let cache = cache()
        cache.keep(live(), sha256: hash, project: "p1", ticket: cache.ticket())
        cache.confirm(since: clock.now)
        #expect(cache.token(sha256: hash, project: "p1") == nil)
    }

    @Test func aKeptTokenIsAnsweredForItsProjectOnly() {
        let cache = cache()
        cache.confirm(since: clock.now)
        cache.keep(live(), sha256: hash, project: "p1", ticket: cache.ticket())
        #expect(cache.token(sha256: hash, project: "p1") == live())
        #expect(cache.token(sha256: hash, project: "p2") == nil)
    }

    @Test func revokedExpiredAndForeignCredentialsAreNeverKept() {
        let cache = cache()
        cache.confirm(since: clock.now)
        var revoked = live()
        revoked.isRevoked = true
        var expired = live()
        expired.isExpired = true
        for token in [revoked, expired, live("p2")] {
            cache.keep(token, sha256: hash, project: "p1", ticket: cache.ticket())
            #expect(cache.token(sha256: hash, project: "p1") == nil)
        }
    }

    @Test func aChangeReportedWhileALookupIsInFlightKeepsItsAnswerOut() {
        let cache = cache()
        cache.confirm(since: clock.now)
        let ticket = cache.ticket()  // the lookup starts, reads the row before the revocation commits …
        cache.changed()  // … the revocation is reported …
        cache.keep(live(), sha256: hash, project: "p1", ticket: ticket)  // … and then the old row comes back
        #expect(cache.token(sha256: hash, project: "p1") == nil)
    }

    @Test func aChangeDropsWhatIsKept() {
        let cache = cache()
        cache.confirm(since: clock.now)
        cache.keep(live(), sha256: hash, project: "p1", ticket: cache.ticket())
        cache.changed()
        #expect(cache.token(sha256: hash, project: "p1") == nil)
    }

    @Test func withoutARecentConfirmationNothingIsBelieved() {
        let cache = cache(.init(staleAfter: .seconds(2)))
        cache.confirm(since: clock.now)
        cache.keep(live(), sha256: hash, project: "p1", ticket: cache.ticket())
        clock.advance(.milliseconds(1999))
        #expect(cache.token(sha256: hash, project: "p1") != nil)
        clock.advance(.milliseconds(1))
        #expect(cache.token(sha256: hash, project: "p1") == nil)
        cache.confirm(since: clock.now)  // the feed speaks again: the entry was never dropped by a change
        #expect(cache.token(sha256: hash, project: "p1") != nil)
    }

    @Test func aLostFeedDropsEverythingUntilItConfirmsAgain() {
        let cache = cache()
        cache.confirm(since: clock.now)
        cache.keep(live(), sha256: hash, project: "p1", ticket: cache.ticket())
        cache.feedLost()
        cache.confirm(since: clock.now)
        #expect(cache.token(sha256: hash, project: "p1") == nil)
    }

    @Test func anEntryEndsWhenTheCredentialExpiresCountedFromTheLookupsStart() {
        let cache = cache()
        cache.confirm(since: clock.now)
        let ticket = cache.ticket()
        clock.advance(.milliseconds(300))  // the lookup's round trip
        cache.keep(live(expiresIn: 1_000), sha256: hash, project: "p1", ticket: ticket)
        clock.advance(.milliseconds(699))
        cache.confirm(since: clock.now)
        #expect(cache.token(sha256: hash, project: "p1") != nil)
        clock.advance(.milliseconds(1))
        cache.confirm(since: clock.now)
        #expect(cache.token(sha256: hash, project: "p1") == nil)
    }

    @Test func anEntryEndsAfterMaxAgeWhateverTheFeedSays() {
        let cache = cache(.init(maxAge: .seconds(60)))
        cache.confirm(since: clock.now)
        cache.keep(live(expiresIn: nil), sha256: hash, project: "p1", ticket: cache.ticket())
        clock.advance(.seconds(60))
        cache.confirm(since: clock.now)
        #expect(cache.token(sha256: hash, project: "p1") == nil)
    }

    @Test func theCachingStoreAnswersRepeatsFromMemoryAndFailuresFromTheStore() {
        let backing = CountingStore()
        let cache = cache()
        cache.confirm(since: clock.now)
        let store = CachingCredentialStore(backing, cache: cache)
        let token = "tok-live"
        backing.inner.addToken(token, project: "p1", id: "cred-1")
        for _ in 0..<5 {
            store.token(sha256: CredentialSecrets.tokenHash(token), project: "p1") { #expect((try? $0.get())??.projectID == "p1") }
            store.token(sha256: CredentialSecrets.tokenHash("tok-unknown"), project: "p1") { #expect((try? $0.get()) == .some(nil)) }
        }
        #expect(backing.tokenLookups.load(ordering: .relaxed) == 1 + 5)
        cache.changed()
        store.token(sha256: CredentialSecrets.tokenHash(token), project: "p1") { _ in }
        #expect(backing.tokenLookups.load(ordering: .relaxed) == 7)
    }

    /// The in-memory store, counting token lookups.
    final class CountingStore: CredentialStore {
        let inner = InMemoryCredentialStore()
        let tokenLookups = Atomic<Int>(0)

        func accessKey(_ accessKey: String, project: String, completion: @escaping CredentialLookup<StoredAccessKey?>) {
            inner.accessKey(accessKey, project: project, completion: completion)
        }

        func token(sha256 hash: [UInt8], project: String, completion: @escaping CredentialLookup<StoredToken?>) {
            tokenLookups.add(1, ordering: .relaxed)
            inner.token(sha256: hash, project: project, completion: completion)
        }

        func hasCredentials(project: String, completion: @escaping CredentialLookup<Bool>) {
            inner.hasCredentials(project: project, completion: completion)
        }
    }
}
