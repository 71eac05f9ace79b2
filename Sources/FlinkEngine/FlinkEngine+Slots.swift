import JSONCodec
import JobDomain

// Task slots: a job that can never fit the cluster is refused before it is submitted, and a job that
// waits for slots says so.
extension FlinkEngine {
    /// Refuses a program the cluster can never run, before it is submitted (Flink would keep it waiting
    /// until `slot.request.timeout` and then fail it, or would run it on less than it asked for):
    /// - more task slots than the cluster has (`GET /overview`, `slots-total`);
    /// - with `tm_slot_num` set, TaskManagers of another slot count (`GET /taskmanagers`): a session
    ///   cluster's TaskManagers are sized once for all jobs;
    /// - `tm_cus` more than the CPU cores of the cluster's largest TaskManager (`totalResource.cpuCores`,
    ///   Flink's `taskmanager.cpu.cores`, by default its slot count);
    /// - `cu_number − manager_cu_number` (DLI's CUs for TaskManagers) more than the CPU cores of all the
    ///   cluster's TaskManagers together.
    /// A cluster reporting no slots or no TaskManagers (still registering) is not judged.
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
        let managers = try getJSON("/taskmanagers")["taskmanagers"]?.arrayValue ?? []
        guard !managers.isEmpty else { return }
        if let perManager = job.config.tmSlotNum, perManager > 0 {
            let sizes = Set(managers.compactMap { $0["slotsNumber"]?.int64Value.map(Int.init) })
            if sizes != [perManager] {
                let actual = sizes.sorted().map(String.init).joined(separator: " or ")
                throw .invalidJob(
                    "tm_slot_num \(perManager) cannot be honoured: this cluster's TaskManagers have \(actual) task "
                        + "slots each, fixed for all jobs; leave tm_slot_num unset")
            }
        }
        try checkCUs(job.config, managers: managers)
    }

    /// The CU fields against the TaskManagers' CPU cores (1 DLI CU is 1 CPU core; memory per TaskManager
    /// is the cluster's setting, `taskmanager.memory.process.size`, and is not compared).
    private func checkCUs(_ c: JobConfig, managers: [JSONValue]) throws(EngineError) {
        let cores = managers.compactMap { $0["totalResource"]?["cpuCores"]?.doubleValue }
        guard let largest = cores.max(), largest > 0 else { return }  // no TaskManager reports its cores
        let all = cores.reduce(0, +)
        if c.tmCus > 0, Double(c.tmCus) > largest {
            throw .invalidJob(
                "tm_cus \(c.tmCus) asks for TaskManagers of \(c.tmCus) CPU cores, but this cluster's largest has "
                    + "\(Self.cores(largest)) (taskmanager.cpu.cores, fixed for all jobs)")
        }
        let forManagers = c.cuNumber - c.managerCuNumber
        if forManagers > 0, Double(forManagers) > all {
            throw .invalidJob(
                "cu_number \(c.cuNumber) with manager_cu_number \(c.managerCuNumber) asks for \(forManagers) CPU cores "
                    + "of TaskManagers, but this cluster's TaskManagers have \(Self.cores(all)) in all")
        }
    }

    private static func cores(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
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
