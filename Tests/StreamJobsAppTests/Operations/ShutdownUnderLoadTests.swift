import Auth
import Foundation
import Glibc
import Synchronization
import Testing
import TestSupport

/// The real binary under load gets SIGTERM: every request sent before the signal gets a complete
/// response, requests after it are either answered (with `Connection: close`) or refused, never cut
/// in the middle, and the process exits 0 with the pool closed.
@Suite(.enabled(if: TestDatabase.isConfigured && ChildProcess.streamjobsBinary != nil), .serialized)
struct ShutdownUnderLoadTests {
    /// What happened to one request.
    enum Outcome: Equatable {
        case answered(status: Int, closing: Bool)
        /// Refused or closed before any byte of a response: the server had not accepted it.
        case notAccepted
        /// Cut mid-response, malformed, or timed out.
        case broken(String)
    }

    final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }

    struct Record {
        let sentBeforeSignal: Bool
        let outcome: Outcome
    }

    @Test func sigtermUnderLoadAnswersEveryAcceptedRequestAndExitsZero() throws {
        let binary = try #require(ChildProcess.streamjobsBinary)
        let base = try TestDatabase.migrated()
        // A password the logs must never show (trust authentication ignores it).
        let url = base.replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://postgres:sekret-pw@")
        let port = ChildProcess.freePort()
        let tokens = ProjectTokens(databaseURL: base)
        let child = try ChildProcess(
            path: binary, arguments: ["serve"],
            environment: [
                "STREAMJOBS_DATABASE_URL": url, "STREAMJOBS_HTTP_PORT": "\(port)", "STREAMJOBS_HTTP_THREADS": "4",
                "STREAMJOBS_MIGRATIONS_DIR": TestDatabase.repositoryMigrationsDirectory,
                "STREAMJOBS_LOG_FORMAT": "json", "STREAMJOBS_SHUTDOWN_GRACE_SECONDS": "10", "PATH": "/usr/bin:/bin",
                "STREAMJOBS_AUTH": "on", "STREAMJOBS_MASTER_KEY": MasterKey.generate().base64,
            ],
            logPath: "/tmp/streamjobs-shutdown-test-\(getpid()).log")
        try waitUntilHealthy(port: port, child: child)

        let signalled = Flag()
        let records = Mutex<[Record]>([])
        let project = uniqueProject("shutdown")
        let token = try #require(tokens.headers(for: "/v1.0/\(project)/streaming/jobs").first?.1)
        let threads = (0..<6).map { worker in
            Thread {
                let mine = Self.drive(port: port, project: project, token: token, worker: worker, signalled: signalled)
                records.withLock { $0 += mine }
            }
        }
        threads.forEach { $0.start() }
        usleep(800_000)
        signalled.value.store(true, ordering: .sequentiallyConsistent)
        child.signal(SIGTERM)
        let exit = child.waitForExit(timeout: .seconds(20))
        // Client threads end on their own: each stops at Connection: close, a refusal or an error.
        let deadline = ContinuousClock.now + .seconds(15)
        while threads.contains(where: { !$0.isFinished }) {
            guard ContinuousClock.now < deadline else { break }
            usleep(10_000)
        }
        let all = records.withLock { $0 }
        let log = child.log()

        #expect(exit == 0, "exit status \(String(describing: exit)); log:\n\(log.suffix(2000))")
        let finished = threads.allSatisfy { $0.isFinished }
        #expect(finished)
        let beforeSignal = all.filter(\.sentBeforeSignal)
        #expect(beforeSignal.count > 50, "the load was too light to mean anything")
        for record in beforeSignal {
            guard case .answered(let status, _) = record.outcome, status == 200 else {
                Issue.record("a request sent before SIGTERM was not fully answered: \(record.outcome)")
                break
            }
        }
        for record in all {
            if case .broken(let why) = record.outcome { Issue.record("a response was cut: \(why)") }
            if case .answered(let status, _) = record.outcome, status != 200 { Issue.record("status \(status)") }
        }
        let drained = all.filter { if case .answered(_, true) = $0.outcome { true } else { false } }
        #expect(!drained.isEmpty, "no response was sent while draining")
        #expect(log.contains(#""msg":"stopped""#))
        #expect(!log.contains("sekret-pw"), "the database password leaked into the logs")
        #expect(log.split(separator: "\n").allSatisfy { $0.hasPrefix("{") && $0.hasSuffix("}") }, "JSON lines only")
        unlink(child.logPath)
    }

    /// One client thread: a keep-alive connection sending creates, reads and health checks until the
    /// server closes it.
    static func drive(port: UInt16, project: String, token: String, worker: Int, signalled: Flag) -> [Record] {
        var records: [Record] = []
        guard let client = try? HTTPTestClient(port: port) else { return records }
        var lastJob: Int64?
        for i in 0..<100_000 {
            let request: (method: String, target: String, body: [UInt8]?)
            switch (i % 3, lastJob) {
            case (1, let job?): request = ("GET", "/v1.0/\(project)/streaming/jobs/\(job)", nil)
            case (2, _): request = ("GET", "/healthz", nil)
            default:
                request = ("POST", "/v1.0/\(project)/streaming/sql-jobs", Array(#"{"name":"w\#(worker)-\#(i)","sql_body":"SELECT 1"}"#.utf8))
            }
            var head = "\(request.method) \(request.target) HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: \(token)\r\n"
            if let body = request.body { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
            let before = !signalled.value.load(ordering: .sequentiallyConsistent)
            let outcome: Outcome
            do {
                if let response = try client.sendRaw(Array((head + "\r\n").utf8) + (request.body ?? []), method: request.method) {
                    outcome = .answered(status: response.status, closing: response.header("Connection")?.lowercased() == "close")
                    if request.method == "POST", let id = Self.jobID(response.body) { lastJob = id }
                } else {
                    outcome = .notAccepted
                }
            } catch HTTPTestClientError.sendFailed {
                outcome = .notAccepted
            } catch {
                outcome = .broken("\(error)")
            }
            records.append(Record(sentBeforeSignal: before, outcome: outcome))
            switch outcome {
            case .answered(_, let closing) where !closing: continue
            default: return records
            }
        }
        return records
    }

    static func jobID(_ body: [UInt8]) -> Int64? {
        let text = String(decoding: body, as: UTF8.self)
        guard let range = text.range(of: #""job_id":"#) else { return nil }
        return Int64(text[range.upperBound...].prefix { $0.isNumber })
    }

    func waitUntilHealthy(port: UInt16, child: ChildProcess) throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if let code = child.waitForExit(timeout: .zero) {
                throw TestFailure("streamjobs exited with \(code) at start-up:\n\(child.log())")
            }
            if (try? HTTPTestClient(port: port, timeout: .seconds(1)).send(method: "GET", target: "/healthz"))?.status == 200 {
                return
            }
            usleep(50_000)
        }
        throw TestFailure("streamjobs did not answer /healthz:\n\(child.log())")
    }
}
