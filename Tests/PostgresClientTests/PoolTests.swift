import PostgresClient
import Synchronization
import Testing
import TestSupport

/// The blocking pool: bounded concurrency, checkout timeout, hygiene on check-in, close.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct PoolTests {
    static let add = PGStatement(name: "pool.add", sql: "SELECT $1::int8 + $2::int8")

    @Test func manyThreadsShareFewerConnections() throws {
        let pool = PGPool(conninfo: try TestDatabase.url(), size: 3, checkoutTimeout: .seconds(20))
        defer { pool.close() }
        let threads = 8
        let queries = 40
        let failures = Atomic<Int>(0)
        let inUse = Atomic<Int>(0)
        let maxInUse = Atomic<Int>(0)
        let pids = Mutex<Set<Int64>>([])
        onThreads(threads) { thread in
            for query in 0..<queries {
                do {
                    let sum = try pool.withConnection { connection throws in
                        let now = inUse.add(1, ordering: .relaxed).newValue
                        maxInUse.max(now, ordering: .relaxed)
                        defer { inUse.subtract(1, ordering: .relaxed) }
                        let pid = try connection.execute(backendPID).int64(0, 0) ?? -1
                        pids.withLock { _ = $0.insert(pid) }
                        return try connection.execute(Self.add, [Int64(thread), Int64(query)]).int(0, 0)
                    }
                    if sum != thread + query { failures.add(1, ordering: .relaxed) }
                } catch {
                    failures.add(1, ordering: .relaxed)
                }
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
        #expect(maxInUse.load(ordering: .relaxed) <= 3)
        #expect(pids.withLock { $0.count } <= 3)
        let stats = pool.stats
        #expect(stats.size == 3 && stats.inUse == 0 && stats.waiting == 0)
    }

    @Test func checkoutTimesOutWhenAllConnectionsAreBusy() throws {
        let pool = PGPool(conninfo: try TestDatabase.url(), size: 1, checkoutTimeout: .milliseconds(200))
        defer { pool.close() }
        let holding = Atomic<Bool>(false)
        let observed = Mutex<(error: PGError?, elapsed: Double, waiting: Int)>((nil, 0, 0))
        onThreads(3) { role in
            switch role {
            case 0:  // holds the only connection for a while
                _ = try? pool.withConnection { _ in
                    holding.store(true, ordering: .sequentiallyConsistent)
                    sleep(milliseconds: 700)
                }
            case 1:  // waits for it, in vain
                while !holding.load(ordering: .sequentiallyConsistent) { sleep(milliseconds: 1) }
                var error: PGError?
                let elapsed = milliseconds { error = pgError { try pool.withConnection { _ in } } }
                observed.withLock { $0.error = error; $0.elapsed = elapsed }
            default:  // sees the waiter
                while !holding.load(ordering: .sequentiallyConsistent) { sleep(milliseconds: 1) }
                sleep(milliseconds: 100)
                let waiting = pool.stats.waiting
                observed.withLock { $0.waiting = waiting }
            }
        }
        let result = observed.withLock { $0 }
        #expect(result.error?.kind == .poolTimeout)
        #expect(result.error?.description.contains("SQL") == false)
        #expect(result.elapsed >= 150 && result.elapsed < 600, "waited \(result.elapsed) ms")
        #expect(result.waiting == 1)
        #expect(pool.stats.waiting == 0)
    }

    @Test func aTransactionLeftOpenIsRolledBackOnCheckIn() throws {
        let pool = PGPool(conninfo: try TestDatabase.url(), size: 1)
        defer { pool.close() }
        try pool.withConnection { connection throws in
            try connection.execute(unsafeSQL: "CREATE TEMP TABLE leftover (x int)")
            try connection.execute(unsafeSQL: "BEGIN")
            try connection.execute(unsafeSQL: "INSERT INTO leftover VALUES (1)")
        }
        let rows = try pool.withConnection { connection throws in
            try connection.execute(unsafeSQL: "SELECT count(*) FROM leftover").int(0, 0)
        }
        #expect(rows == 0)
        try pool.withConnection { connection throws in
            _ = try connection.transaction { _ in }  // would throw 25001 if still inside BEGIN
        }
    }

    @Test func closeWakesWaitersAndRefusesCheckouts() throws {
        let pool = PGPool(conninfo: try TestDatabase.url(), size: 1, checkoutTimeout: .seconds(10))
        let holding = Atomic<Bool>(false)
        let waiterError = Mutex<PGError?>(nil)
        onThreads(2) { role in
            if role == 0 {
                _ = try? pool.withConnection { _ in
                    holding.store(true, ordering: .sequentiallyConsistent)
                    while pool.stats.waiting == 0 { sleep(milliseconds: 1) }
                    pool.close()
                }
            } else {
                while !holding.load(ordering: .sequentiallyConsistent) { sleep(milliseconds: 1) }
                let error = pgError { try pool.withConnection { _ in } }
                waiterError.withLock { $0 = error }
            }
        }
        #expect(waiterError.withLock { $0 }?.kind == .closed)
        #expect(pgError { try pool.withConnection { _ in } }?.kind == .closed)
        #expect(pool.stats.inUse == 0)
    }

    @Test func bodyErrorsPassThroughUnchanged() throws {
        struct Marker: Error, Equatable {}
        let pool = PGPool(conninfo: try TestDatabase.url(), size: 1)
        defer { pool.close() }
        #expect(throws: Marker()) { try pool.withConnection { _ in throw Marker() } }
        #expect(try pool.withConnection { try $0.execute(Self.add, [Int64(1), Int64(2)]).int(0, 0) } == 3)
    }
}
