import HTTPServer
import JSONCodec

/// The ids an audited request acted on: the path's `job_id`/`template_id`, a batch body's `job_ids`,
/// and the id a create returned (`job.job_id`, `template.template_id`).
enum AuditTargets {
    static func of(_ request: HTTPRequest, _ facts: AccessFacts, _ response: HTTPResponse) -> [String] {
        var targets: [String] = []
        for name in ["job_id", "template_id"] {
            if let value = facts.parameters[name]?.decoded { targets.append("\(name)=\(value.sanitizedForMessage)") }
        }
        if !request.body.isEmpty, request.body.count <= 65_536, let body = try? JSONParser.parse(request.body),
            let ids = body["job_ids"]?.arrayValue
        {
            for id in ids.prefix(100) {
                if let n = id.int64Value { targets.append("job_id=\(n)") }
            }
        }
        if response.status == 200, targets.isEmpty, response.body.count <= 65_536, let body = try? JSONParser.parse(response.body) {
            if let id = body["job"]?["job_id"]?.int64Value { targets.append("job_id=\(id)") }
            if let id = body["template"]?["template_id"]?.int64Value { targets.append("template_id=\(id)") }
        }
        return targets
    }
}
