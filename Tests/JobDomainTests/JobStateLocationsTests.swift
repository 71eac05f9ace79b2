import Testing

@testable import JobDomain

/// The one rule for where a job's checkpoints and savepoints go.
struct JobStateLocationsTests {
    func job(_ type: JobType, id: Int64 = 42, _ configure: (inout JobConfig) -> Void) -> Job {
        var config = JobConfig()
        configure(&config)
        return Job(
            projectID: ProjectID("p1")!, id: JobID(id)!, name: "n", description: "", jobType: type, status: .jobInit,
            statusDescription: "", queueName: nil, userName: nil, runMode: .sharedCluster, sqlBody: "SELECT 1",
            templateID: nil, config: config, tags: [], edgeGroupIDs: [], rootID: -1, hasSavepoint: false,
            savepointPath: nil, createdAtMillis: 0, updatedAtMillis: 0, startedAtMillis: nil, version: 1)
    }

    @Test func sqlJobsUseAJobFolderInTheirObsBucket() {
        let sql = job(.flinkOpenSourceSQL) { $0.obsBucket = "obs://my-bucket/" }
        #expect(JobStateLocations.checkpointBase(sql) == "obs://my-bucket/jobs/42/checkpoints")
        #expect(JobStateLocations.savepointBase(sql) == "obs://my-bucket/jobs/42/savepoints")
        // A SQL job's checkpoint_path (stored before it was refused) is not a location.
        let noBucket = job(.flinkSQL) { $0.checkpointPath = "obs://other/cp" }
        #expect(JobStateLocations.checkpointBase(noBucket) == nil && JobStateLocations.savepointBase(noBucket) == nil)
    }

    @Test func jarJobsUseTheirCheckpointPath() {
        let jar = job(.flinkJar) {
            $0.checkpointPath = "obs://state/app/"
            $0.obsBucket = "obs://logs"
        }
        #expect(JobStateLocations.checkpointBase(jar) == "obs://state/app")
        #expect(JobStateLocations.savepointBase(jar) == "obs://state/app/savepoints")
        #expect(JobStateLocations.checkpointBase(job(.flinkJar) { $0.checkpointPath = "" }) == nil)
    }

    @Test func logsGoToAJobFolderInTheObsBucketOfAnyJobTypeOnlyWithLogEnabled() {
        for type in [JobType.flinkJar, .flinkOpenSourceSQL] {
            let on = job(type) {
                $0.obsBucket = "obs://logs/"
                $0.logEnabled = true
            }
            #expect(JobStateLocations.logsBase(on) == "obs://logs/jobs/42/logs")
            #expect(JobStateLocations.logsBase(job(type) { $0.obsBucket = "obs://logs" }) == nil)
            #expect(JobStateLocations.logsBase(job(type) { $0.logEnabled = true }) == nil)
        }
    }
}
