import Auth
import Logging
import PostgresClient
import Synchronization

/// Drives a ``CredentialCache`` from PostgreSQL: a session of its own LISTENs on the channel that
/// migrations/0008's trigger notifies whenever a credential row changes, and pings every `heartbeat`.
///
/// Any notification drops the whole cache (changes are rare: revocations, re-sealing); every completed
/// ping confirms the cache up to when it was sent; a lost session makes the cache answer nothing until
/// the session listens again. So a change reaches every instance's cache as soon as PostgreSQL delivers
/// the notification, and never later than the cache's `staleAfter` (the cache stops believing itself).
public final class CredentialChangeFeed: Sendable {
    /// The channel migrations/0008 notifies on.
    public static let channel = "streamjobs_credentials"

    private let listener: PGNotificationListener
    private let cache: CredentialCache

    /// Starts listening (in the background; the cache answers nothing until the first ping completes).
    /// - Parameters:
    ///   - conninfo: the libpq connection string (the service's database).
    ///   - cache: the cache to drive.
    ///   - heartbeat: how often the session is pinged.
    ///   - logger: where losing and regaining the session is reported.
    public init(conninfo: String, cache: CredentialCache, heartbeat: Duration = .milliseconds(500), logger: Logger) {
        self.cache = cache
        let wasLost = Mutex(false)
        listener = PGNotificationListener(conninfo: conninfo, channel: Self.channel, heartbeat: heartbeat) { event in
            switch event {
            case .listening:
                cache.changed()
                if wasLost.withLock({ lost in defer { lost = false }; return lost }) {
                    logger.info("credential change feed listening again; cached credentials dropped")
                }
            case .notified:
                cache.changed()
            case .confirmed(let since):
                cache.confirm(since: since)
            case .lost(let error):
                cache.feedLost()
                if !wasLost.withLock({ lost in defer { lost = true }; return lost }) {
                    logger.warning(
                        "credential change feed lost; every request reads its credential from the database",
                        metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// Stops listening; the cache answers nothing from then on. Idempotent.
    public func close() {
        listener.close()
        cache.feedLost()
    }
}
