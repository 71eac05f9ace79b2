import JobDomain
import Testing

/// Which object locations a purge removes (`PurgeLocations`): the job's own state, never an imported
/// savepoint, job logs, or a shared `checkpoint_path` folder as a whole.
struct PurgeLocationsTests {
    func job(_ type: JobType, bucket: String? = nil, checkpointPath: String? = nil, savepoint: String? = nil) -> Job {
        var config = JobConfig()
        config.obsBucket = bucket
        config.checkpointPath = checkpointPath
        return Job(
            projectID: ProjectID("p1")!, id: JobID(42)!, name: "j", description: "", jobType: type, status: .jobCancelSuccess,
            statusDescription: "", queueName: nil, userName: nil, runMode: .sharedCluster, sqlBody: nil, templateID: nil,
            config: config, tags: [], edgeGroupIDs: [], rootID: -1, hasSavepoint: savepoint != nil, savepointPath: savepoint,
            createdAtMillis: 0, updatedAtMillis: 0, startedAtMillis: nil, version: 3)
    }

    let engine = String(repeating: "ab", count: 16)

    @Test func aSQLJobLosesItsBucketFoldersItsEngineCheckpointsAndItsSavepointsButNotItsLogs() {
        let facts = PurgeFacts(
            job: job(.flinkSQL, bucket: "bkt/", savepoint: "obs://streamjobs-state/savepoints/savepoint-1"), isDeleted: true,
            enginePending: false, savepoints: ["obs://streamjobs-state/savepoints/savepoint-1", "bkt/jobs/42/savepoints/savepoint-0/"],
            importedSavepoints: [], engineJobs: [EngineCheckpoints(engineJobID: engine, checkpointBase: "bkt/jobs/42/checkpoints")])
        #expect(PurgeLocations.of(facts) == [
            "bkt/jobs/42/checkpoints", "bkt/jobs/42/savepoints", "bkt/jobs/42/checkpoints/\(engine)",
            "obs://streamjobs-state/savepoints/savepoint-1", "bkt/jobs/42/savepoints/savepoint-0", "streamjobs-state/files/42",
        ])
        #expect(!PurgeLocations.of(facts).contains { $0.contains("/logs") })
    }

    @Test func aJarJobKeepsItsSharedCheckpointFolderAndImportedSavepoints() {
        let imported = "obs://mine/keep/savepoint-9"
        let facts = PurgeFacts(
            job: job(.flinkJar, checkpointPath: "obs://shared/ckpt", savepoint: imported), isDeleted: true,
            enginePending: false, savepoints: ["obs://shared/ckpt/savepoints/savepoint-2", imported],
            importedSavepoints: [imported],
            engineJobs: [
                EngineCheckpoints(engineJobID: engine, checkpointBase: "obs://shared/ckpt"),
                EngineCheckpoints(engineJobID: String(repeating: "cd", count: 16), checkpointBase: nil),
            ])
        #expect(PurgeLocations.of(facts) == [
            "obs://shared/ckpt/\(engine)", "streamjobs-state/checkpoints/\(String(repeating: "cd", count: 16))",
            "obs://shared/ckpt/savepoints/savepoint-2", "streamjobs-state/files/42",
        ])
    }
}
