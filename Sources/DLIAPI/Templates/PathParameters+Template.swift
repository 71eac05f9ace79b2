import HTTPServer
import JobDomain

extension PathParameters {
    /// `{template_id}`: validated like `job_id` (a positive decimal int64), 400 `DLI.0001` otherwise.
    static func templateID(_ parameters: [String: PercentEncodedString]) throws(APIError) -> TemplateID {
        guard let decoded = parameters["template_id"]?.decoded, let id = TemplateID(decimal: decoded) else {
            throw .invalidParameter("template_id", "must be a positive decimal integer no larger than 9223372036854775807")
        }
        return id
    }
}
