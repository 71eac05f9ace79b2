import Foundation
import JSONCodec
import JobDomain

// The plan of a job without running it (gen-graph).
extension FlinkEngine {
    /// `POST /jars/{id}/plan` with the program `submit` would run (same jar, arguments, class path and
    /// configuration, no job id): Flink runs `main()` in a plan environment that captures the pipeline and
    /// starts nothing. A program that fails (bad SQL) is `.invalidJob` with the planner's root cause.
    public func plan(_ job: Job) throws(EngineError) -> EnginePlan {
        let program = try FlinkProgram.make(job, store: store, sqlRunnerJar: configuration.sqlRunnerJar)
        var retried = false
        while true {
            let jarID = try jars.jarID(for: program.jarPath)
            let response = try http.send(
                "POST", "/jars/\(jarID)/plan", body: runBody(program, id: nil, savepoint: nil), timeout: configuration.submitTimeoutSeconds)
            let text = String(decoding: response.body, as: UTF8.self)
            switch response.status {
            case 200:
                return try Self.parsePlan(response.body)
            case 404 where !retried, 500 where !retried && text.contains("does not exist"):
                // The cluster may have restarted and lost its uploaded jars: upload again, once.
                jars.forget(program.jarPath)
                retried = true
            case 400:
                throw .invalidJob(FlinkErrorText.reason(response.body))
            case 500 where text.contains("ProgramInvocationException"):
                throw .invalidJob(FlinkErrorText.reason(response.body))
            default:
                throw .rejected(FlinkErrorText.reason(response.body))
            }
        }
    }

    /// Flink's `JobPlanInfo` (`{"plan":{"jid","name","nodes":[…]}}`) as an `EnginePlan`.
    static func parsePlan(_ body: [UInt8]) throws(EngineError) -> EnginePlan {
        guard let value = try? JSONParser.parse(body, maxDepth: 64), let plan = value["plan"],
            let nodes = plan["nodes"]?.arrayValue
        else { throw .protocolError("the plan is not JSON with plan.nodes") }
        return EnginePlan(
            engineJobID: plan["jid"]?.stringValue ?? "", name: plan["name"]?.stringValue ?? "",
            nodes: nodes.map { node in
                EnginePlanNode(
                    id: node["id"]?.stringValue ?? "", description: operators(node["description"]?.stringValue ?? ""),
                    parallelism: Int(node["parallelism"]?.int64Value ?? 0), operatorName: node["operator"]?.stringValue ?? "",
                    operatorStrategy: node["operator_strategy"]?.stringValue ?? "",
                    inputs: (node["inputs"]?.arrayValue ?? []).map { input in
                        EnginePlanInput(
                            id: input["id"]?.stringValue ?? "", shipStrategy: input["ship_strategy"]?.stringValue ?? "",
                            exchange: input["exchange"]?.stringValue ?? "")
                    })
            })
    }

    /// A plan node's HTML description (`[1]:Source…<br/>+- [2]:Calc(… &gt; 0)<br/>`) as plain lines.
    static func operators(_ html: String) -> String {
        html.components(separatedBy: "<br/>").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: "\n")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
