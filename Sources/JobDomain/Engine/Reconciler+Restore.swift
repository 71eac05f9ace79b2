// Where a resubmitted job's state comes from: the restore rule.
//
// - `restore` work (the engine lost the job, e.g. the cluster restarted without high availability):
//   always restore, whatever `resume_checkpoint` says, from the lost engine job's latest completed
//   checkpoint; else from what that engine job was itself started from; else start without state and
//   say why. The state is the user's, and a silent fresh start would lose it.
// - `submit` work (a user run without resume_savepoint) with `resume_checkpoint` and checkpointing on:
//   the latest retained checkpoint of the job's previous engine job, else without state.
// - Otherwise (and `submit_from_savepoint`, handled by `submit`): no restore here.
extension Reconciler {
    /// What `submit` starts the job from.
    enum StartPoint: Equatable {
        /// No restore applies.
        case fresh
        /// Restore from `path` (nil: start without state); `note` says which, for the journal.
        case state(path: String?, note: String)
        /// The engine could not be asked; retry the work later.
        case engineUnavailable(String)
    }

    /// The restore rule above, for the work `item` about to submit engine job `newID`.
    func startPoint(_ item: EngineWorkItem, _ record: EngineJobRecord, newID: EngineJobID) -> StartPoint {
        let config = record.job.config
        let lost = item.kind == .restore
        guard lost || (item.kind == .submit && config.resumeCheckpoint && config.checkpointEnabled) else { return .fresh }
        // A retry after setEngineJob already recorded newID finds the earlier engine job as `previous`.
        guard let source = record.engineJobID == newID ? record.previous : record.current else {
            return .state(path: nil, note: "started WITHOUT state: no earlier engine job of this job is recorded")
        }
        let old = source.engineJobID
        let why = lost ? "lost engine job \(old)" : "previous engine job \(old)"
        switch engineCall({ () throws(EngineError) in
            try engine.latestCheckpoint(of: old, base: source.checkpointDir, project: record.job.projectID)
        }) {
        case .success(let path?):
            return .state(path: path, note: "restored from \(path) (latest checkpoint of \(why))")
        case .success(nil):
            if lost, let earlier = source.restoredFrom {
                return .state(
                    path: earlier,
                    note: "restored from \(earlier) (\(why) completed no checkpoint; it had started from there)")
            }
            let reason = config.checkpointEnabled ? "\(why) has no completed checkpoint" : "checkpoint_enabled is false"
            return .state(path: nil, note: "started WITHOUT state: \(reason)")
        case .failure(.unavailable(let reason)):
            return .engineUnavailable(reason)
        case .failure(let error):
            return .state(path: nil, note: "started WITHOUT state: the checkpoints of \(why) cannot be read (\(error.reason))")
        }
    }
}
