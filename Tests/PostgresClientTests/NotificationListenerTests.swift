import Glibc
import PostgresClient
import Synchronization
import Testing
import TestSupport

/// `PGNotificationListener` against the real test server: it listens, confirms with pings, reports what
/// is notified after commit, and reports a lost session before listening again.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct NotificationListenerTests {
    /// Events as they came, in order.
    final class Recorder: Sendable {
        let events = Mutex<[PGNotificationListener.Event]>([])
        func record(_ event: PGNotificationListener.Event) { events.withLock { $0.append(event) } }

        /// Waits up to 5 s for an event that `matches`, returning how many events came before it.
        func wait(after index: Int = 0, for matches: (PGNotificationListener.Event) -> Bool) -> Int? {
            for _ in 0..<500 {
                if let found = events.withLock({ Array($0.dropFirst(index)) }).firstIndex(where: matches) {
                    return index + found
                }
                usleep(10_000)
            }
            return nil
        }
    }

    /// The test server's URL with an application name that finds the listener's session.
    static func url(named name: String) throws -> String {
        let base = try TestDatabase.url()
        return base + (base.contains("?") ? "&" : "?") + "application_name=\(name)"
    }

    static func isListening(_ event: PGNotificationListener.Event) -> Bool {
        if case .listening = event { return true }
        return false
    }

    static func isConfirmed(_ event: PGNotificationListener.Event) -> Bool {
        if case .confirmed = event { return true }
        return false
    }

    static func isLost(_ event: PGNotificationListener.Event) -> Bool {
        if case .lost = event { return true }
        return false
    }

    static func payloads(_ event: PGNotificationListener.Event) -> [String] {
        if case .notified(let all) = event { return all.map(\.payload) }
        return []
    }

    @Test func itReportsCommittedNotificationsInOrderAndNothingRolledBack() throws {
        let recorder = Recorder()
        let channel = "listener_test_\(UInt32.random(in: 0...UInt32.max))"
        let listener = PGNotificationListener(
            conninfo: try TestDatabase.url(), channel: channel, heartbeat: .milliseconds(100), handler: recorder.record)
        defer { listener.close() }
        let confirmed = try #require(recorder.wait(for: Self.isConfirmed))
        try withTestConnection { sender in
            _ = try sender.execute(unsafeSQL: "BEGIN; SELECT pg_notify('\(channel)', 'rolled-back'); ROLLBACK")
            _ = try sender.execute(unsafeSQL: "SELECT pg_notify('\(channel)', 'one')")
            _ = try sender.execute(unsafeSQL: "BEGIN; SELECT pg_notify('\(channel)', 'two'); COMMIT")
        }
        _ = recorder.wait(after: confirmed) { Self.payloads($0).contains("two") }
        let received = recorder.events.withLock { $0 }.flatMap(Self.payloads)
        #expect(received == ["one", "two"])
        let confirmations = recorder.events.withLock { $0 }.filter(Self.isConfirmed).count
        #expect(confirmations >= 1)
    }

    @Test func aTerminatedSessionIsReportedLostThenListensAgain() throws {
        let recorder = Recorder()
        let name = "listener-test-\(UInt32.random(in: 0...UInt32.max))"
        let channel = "listener_test_\(UInt32.random(in: 0...UInt32.max))"
        let listener = PGNotificationListener(
            conninfo: try Self.url(named: name), channel: channel, heartbeat: .milliseconds(100),
            reconnectBackoff: .milliseconds(50), handler: recorder.record)
        defer { listener.close() }
        _ = try #require(recorder.wait(for: Self.isConfirmed))
        let pid = try withTestConnection { admin in
            try admin.execute(
                PGStatement(name: "test.listener_pid", sql: "SELECT pid FROM pg_stat_activity WHERE application_name = $1"),
                [name]
            ).int64(0, 0)
        }
        try terminateBackend(try #require(pid))
        let lost = try #require(recorder.wait(for: Self.isLost))
        let again = try #require(recorder.wait(after: lost, for: Self.isListening))
        _ = try #require(recorder.wait(after: again, for: Self.isConfirmed))
        try withTestConnection { _ = try $0.execute(unsafeSQL: "SELECT pg_notify('\(channel)', 'after')") }
        #expect(recorder.wait(after: again) { Self.payloads($0) == ["after"] } != nil)
    }

    @Test func closeReturnsPromptlyAndStopsReporting() throws {
        let recorder = Recorder()
        let listener = PGNotificationListener(
            conninfo: try TestDatabase.url(), channel: "listener_test_close", heartbeat: .seconds(30), handler: recorder.record)
        _ = try #require(recorder.wait(for: Self.isConfirmed))
        listener.close()
        let count = recorder.events.withLock { $0.count }
        usleep(100_000)
        #expect(recorder.events.withLock { $0.count } == count)
    }

    @Test func itsSessionIsNamedAfterItsChannel() throws {
        let recorder = Recorder()
        let channel = "listener_test_\(UInt32.random(in: 0...UInt32.max))"
        let listener = PGNotificationListener(conninfo: try TestDatabase.url(), channel: channel, handler: recorder.record)
        defer { listener.close() }
        _ = try #require(recorder.wait(for: Self.isConfirmed))
        let named = try withTestConnection { admin in
            try admin.execute(
                PGStatement(
                    name: "test.listener_named",
                    sql: "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE '% listen ' || $1"),
                [channel]
            ).int64(0, 0)
        }
        #expect(named == 1)
    }
}
