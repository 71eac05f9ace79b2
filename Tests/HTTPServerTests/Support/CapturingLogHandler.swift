import Logging
import Synchronization

/// Keeps every log record, for tests that check what reached the logger and at which level.
struct CapturingLogHandler: LogHandler {
    /// One captured record.
    struct Record: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: Logger.Metadata
    }

    /// Shared storage, so that copies of the handler append to the same list.
    final class Store: Sendable {
        let records = Mutex<[Record]>([])
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.records.withLock {
            $0.append(Record(level: event.level, message: event.message.description, metadata: event.metadata ?? [:]))
        }
    }

    /// A logger writing into a new store.
    static func logger() -> (Logger, Store) {
        let store = Store()
        return (Logger(label: "http-test") { _ in CapturingLogHandler(store: store) }, store)
    }
}
