import Foundation
import JobDomain
import Testing

@testable import FlinkEngine

/// `FlinkProgram.make`'s configuration for a job's state and restarts, without a cluster: where
/// checkpoints and savepoints go (`JobStateLocations`), their retention, and the restart strategy.
struct FlinkProgramStateConfigTests {
    let root = NSTemporaryDirectory() + "sj-program-\(UInt32.random(in: 0...UInt32.max))"

    func configuration(_ job: NewJob, id: Int64 = 7) throws -> [String: String] {
        try FileManager.default.createDirectory(atPath: root + "/projects/adapter", withIntermediateDirectories: true)
        let program = try FlinkProgram.make(job.stored(id: id), store: EngineObjects(root: root), sqlRunnerJar: "/runner.jar")
        return Dictionary(program.configuration, uniquingKeysWith: { _, last in last })
    }

    @Test func sqlJobWithObsBucketCheckpointsUnderItsJobFolderAndRetainsThem() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        var job = FlinkTestEnvironment.sqlJob(name: "s")
        job.config.obsBucket = "obs://my-bucket"
        let conf = try configuration(job)
        #expect(conf["execution.checkpointing.dir"] == "file://\(root)/projects/adapter/my-bucket/jobs/7/checkpoints")
        #expect(conf["execution.checkpointing.savepoint-dir"] == "file://\(root)/projects/adapter/my-bucket/jobs/7/savepoints")
        #expect(conf["execution.checkpointing.externalized-checkpoint-retention"] == "RETAIN_ON_CANCELLATION")
        #expect(conf["execution.checkpointing.num-retained"] == "1")
    }

    @Test func jarJobCheckpointsUnderCheckpointPathAndWithoutCheckpointingSetsNoRetention() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/projects/adapter/jars", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: root + "/projects/adapter/jars/test-jobs.jar", contents: Data()))
        var job = FlinkTestEnvironment.jarJob(name: "j")
        job.config.checkpointPath = "obs://state/app"
        let conf = try configuration(job)
        #expect(conf["execution.checkpointing.dir"] == "file://\(root)/projects/adapter/state/app")
        #expect(conf["execution.checkpointing.savepoint-dir"] == "file://\(root)/projects/adapter/state/app/savepoints")
        #expect(conf["execution.checkpointing.externalized-checkpoint-retention"] == nil)
    }

    @Test func restartWhenExceptionMapsToFailureRatePerHourUnboundedOrNone() {
        var c = JobConfig()
        #expect(FlinkProgram.restartStrategy(c).elementsEqual([("restart-strategy.type", "none")], by: ==))
        c.restartWhenException = true
        #expect(FlinkProgram.restartStrategy(c).elementsEqual([("restart-strategy.type", "exponential-delay")], by: ==))
        c.resumeMaxNum = 3
        let rate = Dictionary(FlinkProgram.restartStrategy(c), uniquingKeysWith: { a, _ in a })
        #expect(rate == [
            "restart-strategy.type": "failure-rate",
            "restart-strategy.failure-rate.max-failures-per-interval": "3",
            "restart-strategy.failure-rate.failure-rate-interval": "1 h",
            "restart-strategy.failure-rate.delay": "1 s",
        ])
    }
}
