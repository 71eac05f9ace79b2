import JSONCodec
import JobDomain

// Task slots: a job that can never fit the cluster is refused before it is submitted, and a job that
// waits for slots says so.
extension FlinkEngine {
    /// Refuses a program that needs more task slots than the cluster has (`GET /overview`, `slots-total`):
    /// Flink would keep it waiting until `slot.request.timeout` and then fail it. A cluster reporting no
    /// slots at all (TaskManagers still registering) is not judged. With `tm_slot_num` set, every
    /// TaskManager must have that many slots (`GET /taskmanagers`): a session cluster's TaskManagers are
    /// sized once for all jobs.
    /// - Throws: `EngineError.invalidJob` with the numbers; `.unavailable` when the cluster does not answer.
    func checkSlots(_ program: FlinkProgram, job: Job) throws(EngineError) {
        let overview = try getJSON("/overview")
        let total = Int(overview["slots-total"]?.int64Value ?? 0)
        let free = Int(overview["slots-available"]?.int64Value ?? 0)
        guard total > 0 else { return }
        if program.parallelism > total {
            throw .invalidJob(
                "parallel_number \(program.parallelism) needs \(program.parallelism) task slots, but the cluster has "
                    + "only \(total) (\(free) free now); the job could never be scheduled")
        }
        if let perManager = job.config.tmSlotNum, perManager > 0 {
            let managers = try getJSON("/taskmanagers")["taskmanagers"]?.arrayValue ?? []
            let sizes = Set(managers.compactMap { $0["slotsNumber"]?.int64Value.map(Int.init) })
            if sizes != [perManager] {
                let actual = sizes.sorted().map(String.init).joined(separator: " or ")
                throw .invalidJob(
                    "tm_slot_num \(perManager) cannot be honoured: this cluster's TaskManagers have \(actual) task "
                        + "slots each, fixed for all jobs; leave tm_slot_num unset")
            }
        }
    }

    /// The slots a RUNNING job still waits for, from its details (`GET /jobs/{id}`): nil when no task is
    /// CREATED or SCHEDULED, or the job already holds the slots it needs. Needed slots are the highest vertex parallelism (tasks share slots); held,
    /// free and total slots come from each TaskManager (`GET /taskmanagers/{id}`), read together.
    func slotShortage(_ id: EngineJobID, details: JSONValue) -> SlotShortage? {
        let vertices = details["vertices"]?.arrayValue ?? []
        let waiting = vertices.reduce(Int64(0)) { sum, vertex in
            sum + (vertex["tasks"]?["CREATED"]?.int64Value ?? 0) + (vertex["tasks"]?["SCHEDULED"]?.int64Value ?? 0)
        }
        guard waiting > 0, let managers = (try? getJSON("/taskmanagers"))?["taskmanagers"]?.arrayValue else { return nil }
        let needed = vertices.compactMap { $0["parallelism"]?.int64Value }.max() ?? 0
        var shortage = SlotShortage(needed: Int(needed), held: 0, available: 0, total: 0)
        for manager in managers {
            guard let managerID = manager["id"]?.stringValue, let detail = try? getJSON("/taskmanagers/\(managerID)")
            else { continue }
            shortage.total += Int(detail["slotsNumber"]?.int64Value ?? 0)
            shortage.available += Int(detail["freeSlots"]?.int64Value ?? 0)
            shortage.held += (detail["allocatedSlots"]?.arrayValue ?? []).filter { $0["jobId"]?.stringValue == id.rawValue }.count
        }
        // Tasks are CREATED or SCHEDULED for a moment at every start, also when the job holds its slots:
        // only a job holding fewer than it needs is waiting for slots.
        return shortage.held < shortage.needed ? shortage : nil
    }

    /// `GET path` as JSON.
    /// - Throws: `EngineError.unavailable`, `.protocolError` for another status or a body that is not JSON.
    private func getJSON(_ path: String) throws(EngineError) -> JSONValue {
        let response = try http.send("GET", path, timeout: timeout)
        guard response.status == 200 else { throw .protocolError("GET \(path) answered \(response.status)") }
        guard let value = try? JSONParser.parse(response.body, maxDepth: 64) else {
            throw .protocolError("GET \(path) is not JSON")
        }
        return value
    }
}
