import ArgumentParser
import Auth
import JSONCodec
import JobDomain

/// `streamjobs audit --project P --since T`: a project's audit trail (mutating requests, failed
/// authentications, credential changes), newest first. `--operator` instead reads the operator's trail
/// (`AuditScope.operatorScope`): failed authentications on the paths of projects without credentials.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show a project's audit events, or the operator's (--operator).")

    @Option(help: "The project.") var project: String?
    @Flag(help: "Read the operator's trail: failed authentications on paths of projects that have no credentials.")
    var `operator` = false
    @Option(help: "Start: an RFC 3339 time (2026-01-02T03:04:05Z) or a duration back from now (90s, 15m, 1h, 7d).")
    var since = "24h"
    @Option(help: "At most this many events, the newest.") var limit = 1000
    @Flag(help: "Print one JSON object per line.") var json = false

    func validate() throws {
        switch (project, `operator`) {
        case (nil, false): throw ValidationError("give --project P or --operator")
        case (_?, true): throw ValidationError("give --project P or --operator, not both")
        case (let p?, false):
            guard ProjectID(p) != nil else { throw ValidationError("--project must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'") }
        case (nil, true): break
        }
        guard CLITime.sinceMillis(since) != nil else { throw ValidationError("--since must be an RFC 3339 time or a duration such as 1h") }
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 100000") }
    }

    func run() throws {
        let stores = try AdminStores.open("audit")
        defer { stores.pool.close() }
        let start = CLITime.sinceMillis(since) ?? 0
        let records = try stores.run("audit") { () throws(CredentialStoreError) in
            try stores.audit.events(project: project ?? AuditScope.operatorScope, sinceMillis: start, limit: limit)
        }
        for r in records {
            let e = r.event
            if json {
                var w = JSONWriter()
                w.beginObject()
                w.field("time", CLITime.rfc3339(millis: r.occurredAtMillis))
                w.field("project_id", e.projectID)
                w.field("actor", e.actor)
                w.field("action", e.action)
                w.field("targets", JSONValue.array(e.targets.map { JSONValue.string($0) }))
                w.field("status", e.status)
                w.field("error_code", e.errorCode)
                w.field("reason", e.reason)
                w.field("request_id", e.requestID)
                w.field("client_address", e.clientAddress)
                w.field("count", e.count)
                w.endObject()
                Console.out(String(decoding: w.bytes, as: UTF8.self))
            } else {
                let outcome = [e.status == 0 ? nil : "\(e.status)", e.errorCode, e.reason, e.count > 1 ? "x\(e.count)" : nil]
                    .compactMap { $0 }.joined(separator: " ")
                Console.out(
                    "\(CLITime.rfc3339(millis: r.occurredAtMillis))  \(e.actor)  \(e.action)  [\(e.targets.joined(separator: ","))]  \(outcome)  request=\(e.requestID)  from=\(e.clientAddress)")
            }
        }
    }
}
