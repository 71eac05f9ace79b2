import Foundation
import JSONCodec
import Synchronization
import TestSupport

/// A bounded mixed write load (create, then delete some of what was created) from several client
/// threads, recording every request's outcome so a test can check afterwards that each
/// acknowledged write is in the database and every other request got a clear answer in time.
final class WriteLoad: Sendable {
    /// One request and what came back.
    struct Record: Sendable {
        enum Operation: Sendable { case create(name: String), delete(id: Int64) }
        let operation: Operation
        /// HTTP status, or nil when the connection failed before any response.
        let status: Int?
        let jobID: Int64?
        let seconds: Double
        let finishedAt: ContinuousClock.Instant
    }

    let endpoint: LiveEndpoint
    let project: String
    private let stopFlag = Atomic<Bool>(false)
    private let records = Mutex<[Record]>([])

    /// - Parameters:
    ///   - endpoint: where the service listens, and the credentials its requests carry.
    ///   - project: the project the load works in.
    init(endpoint: LiveEndpoint, project: String) {
        self.endpoint = endpoint
        self.project = project
    }

    /// Runs `threads` writers until `stop()`.
    func start(threads: Int) -> [Thread] {
        let workers = (0..<threads).map { worker in Thread { [self] in self.drive(worker: worker) } }
        workers.forEach { $0.start() }
        return workers
    }

    func stop() { stopFlag.store(true, ordering: .sequentiallyConsistent) }

    var all: [Record] { records.withLock { $0 } }

    private func drive(worker: Int) {
        var created: [Int64] = []
        var n = 0
        while !stopFlag.load(ordering: .relaxed) {
            n += 1
            if n % 3 == 0, let id = created.popLast() {
                record(.delete(id: id)) { client in
                    try client.send(method: "DELETE", target: "/v1.0/\(project)/streaming/jobs/\(id)")
                }
            } else {
                let name = "w\(worker)-\(n)"
                let r = record(.create(name: name)) { client in
                    try client.send(
                        method: "POST", target: "/v1.0/\(project)/streaming/sql-jobs",
                        headers: [("Content-Type", "application/json")], body: Array(#"{"name":"\#(name)","sql_body":"SELECT 1"}"#.utf8))
                }
                if let id = r?.jobID { created.append(id) }
            }
        }
    }

    @discardableResult
    private func record(_ operation: Record.Operation, _ send: (HTTPTestClient) throws -> HTTPTestResponse) -> Record? {
        let started = ContinuousClock.now
        var status: Int?
        var jobID: Int64?
        if let client = try? endpoint.client(timeout: .seconds(15)), let response = try? send(client) {
            status = response.status
            jobID = (try? JSONParser.parse(response.body))?["job"]?["job_id"]?.int64Value
        }
        let elapsed = ContinuousClock.now - started
        let r = Record(
            operation: operation, status: status, jobID: jobID,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            finishedAt: ContinuousClock.now)
        records.withLock { $0.append(r) }
        if status == nil || status == 503 { usleep(20_000) }  // do not spin while the database is away
        return r
    }
}
