import Dispatch
import Glibc
import PostgresClient
import Synchronization
import Testing
import TestSupport

/// `PGPipelineChannel` against a real server: units from many threads share round trips and each gets
/// its own results; a failing unit fails alone; writes commit one by one; a lost session fails what is
/// in flight and reconnects; closed and unreachable channels answer at once.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct PipelineChannelTests {
    static let echo = PGStatement(name: "chan.echo", sql: "SELECT $1::text")
    static let setting = PGStatement(name: "chan.setting", sql: "SELECT current_setting('app.chan', true)")
    static let divide = PGStatement(name: "chan.divide", sql: "SELECT (10 / $1::int)::text")

    /// The first value of each result, or the error.
    typealias Outcome = Result<[String?], PGError>

    /// Submits one unit and waits for its outcome.
    static func run(
        _ channel: PGPipelineChannel, _ batch: PGBatch, settings: [PGLocalSetting] = [], readOnly: Bool = true
    ) -> Outcome {
        waitForCompletion { done in submit(channel, batch, settings: settings, readOnly: readOnly, completion: done) }
    }

    /// Submits one unit; `completion` gets the first value of each result.
    static func submit(
        _ channel: PGPipelineChannel, _ batch: PGBatch, settings: [PGLocalSetting] = [], readOnly: Bool = true,
        completion: @escaping @Sendable (Outcome) -> Void
    ) {
        channel.submit(batch, localSettings: settings, readOnly: readOnly) { outcome in
            completion(outcome.map { results in results.map { $0.rowCount > 0 ? $0.string(0, 0) : nil } })
        }
    }

    /// Creates a table `(entry int PRIMARY KEY)` under a fresh name starting with `prefix`; returns the name.
    static func makeEntryTable(_ prefix: String) throws -> String {
        let table = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
        _ = try withTestConnection { try $0.execute(unsafeSQL: "CREATE TABLE \(table) (entry int PRIMARY KEY)") }
        return table
    }

    static func drop(_ table: String) {
        _ = try? withTestConnection { try $0.execute(unsafeSQL: "DROP TABLE \(table)") }
    }

    @Test func unitsFromManyThreadsEachGetTheirOwnResultsAndSettings() throws {
        let channel = PGPipelineChannel(conninfo: try TestDatabase.url())
        defer { channel.close() }
        let wrong = Atomic<Int>(0)
        let answered = Atomic<Int>(0)
        onThreads(8) { thread in
            let group = DispatchGroup()
            for n in 0..<200 {
                let value = "t\(thread)-\(n)"
                var batch = PGBatch(Self.echo, [value])
                batch.add(Self.setting)
                group.enter()
                Self.submit(channel, batch, settings: [PGLocalSetting(name: "app.chan", value: "s-" + value)]) { outcome in
                    if (try? outcome.get()) != [value, "s-" + value] { wrong.add(1, ordering: .relaxed) }
                    answered.add(1, ordering: .relaxed)
                    group.leave()
                }
            }
            group.wait()
        }
        #expect(answered.load(ordering: .relaxed) == 1600)
        #expect(wrong.load(ordering: .relaxed) == 0)
    }

    @Test func aFailingReadFailsAloneAndTheReadsSkippedBehindItAreSentAgain() throws {
        let channel = PGPipelineChannel(conninfo: try TestDatabase.url())
        defer { channel.close() }
        // Submitted back to back, so most share a Sync with a failing one (division by zero).
        let outcomes = Mutex<[Int: Outcome]>([:])
        let group = DispatchGroup()
        for n in 0..<60 {
            group.enter()
            Self.submit(channel, PGBatch(Self.divide, [n % 7])) { outcome in
                outcomes.withLock { $0[n] = outcome }
                group.leave()
            }
        }
        group.wait()
        let all = outcomes.withLock { $0 }
        #expect(all.count == 60)
        for (n, outcome) in all {
            if n % 7 == 0 {
                guard case .failure(let error) = outcome else {
                    Issue.record("unit \(n) should fail")
                    continue
                }
                #expect(error.kind == .query && error.sqlState?.rawValue == "22012")
            } else {
                #expect((try? outcome.get()) == ["\(10 / (n % 7))"], "unit \(n)")
            }
        }
    }

    @Test func writeUnitsCommitOneByOne() throws {
        let url = try TestDatabase.url()
        let table = try Self.makeEntryTable("chan_ledger")
        defer { Self.drop(table) }
        let insert = PGStatement(name: "chan.insert.\(table)", sql: "INSERT INTO \(table) VALUES ($1) RETURNING entry::text")
        let channel = PGPipelineChannel(conninfo: url)
        defer { channel.close() }
        let outcomes = Mutex<[Outcome]>([])
        let group = DispatchGroup()
        for entry in [1, 2, 2, 3] {  // the second 2 violates the key; only its own transaction rolls back
            group.enter()
            Self.submit(channel, PGBatch(insert, [entry]), readOnly: false) { outcome in
                outcomes.withLock { $0.append(outcome) }
                group.leave()
            }
        }
        group.wait()
        let failures = outcomes.withLock { $0 }.compactMap { outcome -> PGError? in
            if case .failure(let error) = outcome { return error }
            return nil
        }
        #expect(failures.count == 1 && failures.first?.sqlState?.rawValue == "23505")
        let count = PGStatement(name: "chan.count", sql: "SELECT count(*)::text FROM \(table)")
        #expect(try Self.run(channel, PGBatch(count)).get() == ["3"])
    }

    @Test func aNULByteIsRefusedBeforeSendingAndTheChannelGoesOn() throws {
        let channel = PGPipelineChannel(conninfo: try TestDatabase.url())
        defer { channel.close() }
        guard case .failure(let error) = Self.run(channel, PGBatch(Self.echo, ["a\u{0}b"])) else {
            Issue.record("a NUL byte must be refused")
            return
        }
        #expect(error.kind == .query && error.sqlState?.rawValue == "22021")
        #expect(try Self.run(channel, PGBatch(Self.echo, ["after"])).get() == ["after"])
    }

    @Test func aLostSessionFailsAsUnavailableAndTheNextUnitsReconnect() throws {
        let channel = PGPipelineChannel(conninfo: try TestDatabase.url(), reconnectBackoff: .milliseconds(20))
        defer { channel.close() }
        let pid = PGStatement(name: "chan.pid", sql: "SELECT pg_backend_pid()::text")
        let first = try Self.run(channel, PGBatch(pid)).get()[0]!
        try terminateBackend(Int64(first)!)
        let outcome = Self.run(channel, PGBatch(Self.echo, ["x"]))
        if case .failure(let error) = outcome {
            #expect(error.kind == .unavailable)
        }
        var recovered: [String?]? = nil
        for _ in 0..<100 where recovered == nil {
            recovered = try? Self.run(channel, PGBatch(pid)).get()
            if recovered == nil { sleep(milliseconds: 20) }
        }
        #expect(recovered != nil && recovered?[0] != first, "a new session answers")
    }

    @Test func closedAndUnreachableChannelsAnswerAtOnce() throws {
        let closed = PGPipelineChannel(conninfo: try TestDatabase.url())
        closed.close()
        guard case .failure(let closedError) = Self.run(closed, PGBatch(Self.echo, ["x"])) else {
            Issue.record("a closed channel must refuse")
            return
        }
        #expect(closedError.kind == .closed)

        let unreachable = PGPipelineChannel(conninfo: "host=127.0.0.1 port=1 dbname=none connect_timeout=1")
        defer { unreachable.close() }
        var outcome: Outcome?
        let elapsed = milliseconds { outcome = Self.run(unreachable, PGBatch(Self.echo, ["x"])) }
        guard case .failure(let error) = outcome else {
            Issue.record("an unreachable server must fail the unit")
            return
        }
        #expect(error.kind == .unavailable)
        #expect(elapsed < 5000, "refused in \(elapsed) ms")
    }

    @Test func readsAndWritesSubmittedTogetherEachGetTheirOwnResults() throws {
        let url = try TestDatabase.url()
        let table = try Self.makeEntryTable("chan_mixed")
        defer { Self.drop(table) }
        let insert = PGStatement(name: "chan.mixed.\(table)", sql: "INSERT INTO \(table) VALUES ($1) RETURNING 'w' || entry")
        let channel = PGPipelineChannel(conninfo: url)
        defer { channel.close() }
        // Back to back, so reads and writes share batches in every order.
        let wrong = Atomic<Int>(0)
        let group = DispatchGroup()
        for n in 0..<300 {
            group.enter()
            let write = n % 3 == 1
            let expected = write ? "w\(n)" : "r\(n)"
            let batch = write ? PGBatch(insert, [n]) : PGBatch(Self.echo, ["r\(n)"])
            Self.submit(channel, batch, readOnly: !write) { outcome in
                if (try? outcome.get()) != [expected] { wrong.add(1, ordering: .relaxed) }
                group.leave()
            }
        }
        group.wait()
        #expect(wrong.load(ordering: .relaxed) == 0)
        let count = PGStatement(name: "chan.mixed.count.\(table)", sql: "SELECT count(*)::text FROM \(table)")
        #expect(try Self.run(channel, PGBatch(count)).get() == ["100"])
    }

    @Test func writesGoToAnIdleSessionNotBehindABusyOne() throws {
        let group = PGPipelineChannel(conninfo: try TestDatabase.url(), sessions: 3)  // reads on the first, writes on two
        defer { group.close() }
        let slow = PGStatement(name: "chan.slow", sql: "SELECT pg_backend_pid()::text FROM pg_sleep(0.5)")
        let pid = PGStatement(name: "chan.writer.pid", sql: "SELECT pg_backend_pid()::text")
        let slowPID = Mutex<String?>(nil)
        let quickPIDs = Mutex<[String?]>([])
        let done = DispatchGroup()
        done.enter()
        group.submit(PGBatch(slow), readOnly: false) { outcome in
            slowPID.withLock { $0 = (try? outcome.get())?.first?.string(0, 0) }
            done.leave()
        }
        for _ in 0..<5 {  // one after another, each once the last is answered
            let answered = DispatchSemaphore(value: 0)
            group.submit(PGBatch(pid), readOnly: false) { outcome in
                quickPIDs.withLock { $0.append((try? outcome.get())?.first?.string(0, 0)) }
                answered.signal()
            }
            answered.wait()
        }
        #expect(slowPID.withLock { $0 } == nil, "the quick writes did not wait for the slow one")
        done.wait()
        let quick = quickPIDs.withLock { $0 }
        #expect(quick.count == 5 && Set(quick).count == 1 && quick[0] != nil)
        #expect(quick[0] != slowPID.withLock { $0 }, "they went to the other session")
    }
}
