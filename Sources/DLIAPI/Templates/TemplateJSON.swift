import JSONCodec
import JobDomain

/// Template objects and envelopes on the wire (dli-api.md §3.16). On template APIs `is_success` is a
/// JSON *boolean* (§6.3: Terraform asserts `.(bool)`; the Python SDK types it `bool`).
enum TemplateJSON {
    /// `{"is_success":true,"message":…}` followed by whatever `fields` writes, then `}`.
    static func envelope(message: String, capacity: Int = 96, _ fields: (inout JSONWriter) -> Void = { _ in }) -> [UInt8] {
        var w = JSONWriter(capacity: capacity)
        w.beginObject()
        w.key("is_success")
        w.bool(true)
        w.key("message")
        w.string(message)
        fields(&w)
        w.endObject()
        return w.bytes
    }

    /// The `template` object of the create response: `{template_id, name, desc, create_time, job_type}`.
    static func writeCreated(_ t: Template, to w: inout JSONWriter) {
        w.beginObject()
        w.key("template_id"); w.int(t.id.rawValue)
        w.key("name"); w.string(t.name)
        w.key("desc"); w.string(t.description)
        w.key("create_time"); w.int(t.createdAtMillis)
        w.key("job_type"); w.string(t.jobType.rawValue)
        w.endObject()
    }

    /// A list item: the documented fields plus `tags` (clients ignore fields they do not know).
    static func writeListItem(_ t: Template, to w: inout JSONWriter) {
        w.beginObject()
        w.key("template_id"); w.int(t.id.rawValue)
        w.key("name"); w.string(t.name)
        w.key("desc"); w.string(t.description)
        w.key("create_time"); w.int(t.createdAtMillis)
        w.key("update_time"); w.int(t.updatedAtMillis)
        w.key("sql_body"); w.string(t.sqlBody)
        w.key("job_type"); w.string(t.jobType.rawValue)
        w.key("tags"); w.tags(t.tags)
        w.endObject()
    }
}
