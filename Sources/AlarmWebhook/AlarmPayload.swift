import JSONCodec
import JobDomain

/// The JSON body of an alarm delivery (README, "Alarms"):
/// `{"alarm_id", "topic", "project_id", "job_id", "job_name", "status", "reason", "created_at", "attempt"}`,
/// `created_at` in epoch milliseconds, `attempt` counting from 1.
public enum AlarmPayload {
    public static func body(_ alarm: Alarm) -> [UInt8] {
        var w = JSONWriter(capacity: 256 + alarm.reason.utf8.count)
        w.beginObject()
        w.field("alarm_id", alarm.id)
        w.field("topic", alarm.topic)
        w.field("project_id", alarm.project.rawValue)
        w.field("job_id", alarm.jobID.rawValue)
        w.field("job_name", alarm.jobName)
        w.field("status", alarm.status.rawValue)
        w.field("reason", alarm.reason)
        w.field("created_at", alarm.createdAtMillis)
        w.field("attempt", alarm.attempts)
        w.endObject()
        return w.bytes
    }
}
