@testable import StreamJobsApp
import Glibc
import Synchronization
import Testing
import TestSupport

/// Thread and connection defaults follow the CPUs the process may use (its affinity mask), not the machine.
struct WorkerDefaultsTests {
    private let base = ["STREAMJOBS_DATABASE_URL": "postgresql://u@127.0.0.1:1/x", "STREAMJOBS_AUTH": "none"]

    @Test(arguments: [
        ("Name:\tx\nCpus_allowed:\t1\nCpus_allowed_list:\t0\n", 1),
        ("Cpus_allowed:\t3\n", 2),
        ("Cpus_allowed:\tff,ffffffff\n", 40),
        ("Cpus_allowed:\t00000000,00000004\n", 1),
    ])
    func theMaskIsCountedFromProcStatus(status: String, cpus: Int) {
        #expect(AvailableCPUs.count(inStatus: status) == cpus)
    }

    @Test func withoutAMaskLineThereIsNoCount() {
        #expect(AvailableCPUs.count(inStatus: "Name:\tx\n") == nil)
        #expect(AvailableCPUs.count(inStatus: "Cpus_allowed:\tzz\n") == nil)
    }

    @Test func defaultsAreTwoWorkersPerAvailableCPUAndOneConnectionPerWorker() throws {
        #expect(AvailableCPUs.count >= 1)
        let configuration = try ServiceConfiguration.fromEnvironment(base)
        #expect(configuration.http.threadPoolSize == min(64, 2 * AvailableCPUs.count))
        #expect(configuration.databasePoolSize == configuration.http.threadPoolSize)
    }

    @Test func thePoolFollowsAnExplicitThreadCountUnlessSetItself() throws {
        var env = base
        env["STREAMJOBS_HTTP_THREADS"] = "5"
        #expect(try ServiceConfiguration.fromEnvironment(env).databasePoolSize == 5)
        env["STREAMJOBS_DB_POOL_SIZE"] = "3"
        #expect(try ServiceConfiguration.fromEnvironment(env).databasePoolSize == 3)
    }

    @Test func pipelinesDefaultToOnePerCPUAndCannotBeTurnedOff() throws {
        #expect(try ServiceConfiguration.fromEnvironment(base).databasePipelines == min(AvailableCPUs.count, 16))
        var env = base
        env["STREAMJOBS_DB_PIPELINES"] = "0"  // would make HTTP workers wait on the pool
        #expect(throws: ConfigurationError.self) { try ServiceConfiguration.fromEnvironment(env) }
        env["STREAMJOBS_DB_PIPELINES"] = "65"
        #expect(throws: ConfigurationError.self) { try ServiceConfiguration.fromEnvironment(env) }
        #expect(try ServiceConfiguration.fromEnvironment(base).databasePipelineSessions == 16)
        env = base
        env["STREAMJOBS_DB_PIPELINE_SESSIONS"] = "0"
        #expect(throws: ConfigurationError.self) { try ServiceConfiguration.fromEnvironment(env) }
    }

    @Test func batchSchedulingIsOnByDefaultAndOnlyOnOrOff() throws {
        #expect(try ServiceConfiguration.fromEnvironment(base).batchScheduling)
        var env = base
        env["STREAMJOBS_SCHED_BATCH"] = "off"
        #expect(try !ServiceConfiguration.fromEnvironment(env).batchScheduling)
        env["STREAMJOBS_SCHED_BATCH"] = "yes"
        #expect(throws: ConfigurationError.self) { try ServiceConfiguration.fromEnvironment(env) }
    }

    @Test func batchSchedulingSwitchesTheCallingThreadAndTheThreadsItStarts() {
        let policies = Mutex<[Int32]>([])
        onThreads(1) { _ in  // a thread of its own: the test process keeps its policy
            let enabled = BatchScheduling.enable()
            policies.withLock { $0.append(enabled ? sched_getscheduler(0) : -1) }
            onThreads(1) { _ in policies.withLock { $0.append(sched_getscheduler(0)) } }
        }
        #expect(policies.withLock { $0 } == [BatchScheduling.policy, BatchScheduling.policy])
    }
}
