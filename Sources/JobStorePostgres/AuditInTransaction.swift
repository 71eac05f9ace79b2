import JobDomain
import PostgresClient

/// A request's audit event as part of its write statement: a CTE that inserts one `audit_events` row per
/// row the write changed, so the change, its journal entry and its audit event commit together (or none
/// does), in one statement and one commit. Row-level security covers it: the event's project is the
/// changed row's, which is the transaction's `app.project_id`.
///
/// The statement gets two more parameters, ``parameters(_:)``: the action (NULL: the request is not
/// audited, nothing is inserted) and the client address. The actor and request id are the statement's own.
enum AuditInTransaction {
    /// The status recorded for a committed change (the request succeeded as far as this row goes).
    static let status = 200

    /// `audit AS (…)` over CTE `source`, whose rows have `project_id` and the id column `target`
    /// (`job_id`, `template_id`; recorded as `target=<id>`). The numbers are the statement's parameters.
    static func cte(source: String, target: String, actor: Int, requestID: Int, action: Int, clientAddress: Int) -> String {
        """
        audit AS (
            INSERT INTO audit_events (project_id, actor, action, targets, status, request_id, client_address)
            SELECT project_id, $\(actor)::text, $\(action)::text, ARRAY['\(target)=' || \(target)], \(status),
                   $\(requestID)::text, $\(clientAddress)::text
            FROM \(source) WHERE $\(action)::text IS NOT NULL
        )
        """
    }

    /// The action and client address of `context`'s audit, in the order ``cte(source:target:actor:requestID:action:clientAddress:)`` numbers them.
    static func parameters(_ context: RequestContext) -> [any PGBindable] {
        [context.audit?.action, context.audit?.clientAddress]
    }

    /// Marks `context`'s audit recorded: call once a write carrying it committed and changed a row.
    static func committed(_ context: RequestContext) {
        context.audit?.recorded.set()
    }
}
