import Testing

@testable import FlinkEngine

/// Which JobManager log files a log collection searches, and which of their lines it keeps (no cluster
/// needed; the whole collection runs against the test cluster in JobLogsFlinkTests).
struct JobManagerLogFilterTests {
    @Test func onlyTheJobManagersLogFilesAreSearched() {
        // Names as the test cluster's GET /jobmanager/logs lists them (TaskManagers share the folder).
        for name in ["flink--standalonesession-0-vm.log", "flink--standalonesession-0-vm.log.10", "jobmanager.log"] {
            #expect(FlinkJobManagerLog.isJobManagerLog(name), "\(name)")
        }
        for name in [
            "flink--taskexecutor-0-vm.log", "flink--taskexecutor-0-vm.log.2", "flink--standalonesession-0-vm.out",
            "taskmanager.log", "flink--standalonesession-0-vm.log.x", "gc.log.0.current", "../jobmanager.log",
            "a/jobmanager.log", "job manager.log", "%2e%2e.log", ".log", "",
        ] {
            #expect(!FlinkJobManagerLog.isJobManagerLog(name), "\(name)")
        }
    }

    @Test func keepsWholeLinesNamingTheJobAndDropsALineCutByTheTail() {
        let id = "0123456789abcdef0123456789abcdef"
        let text = "tail of a line naming \(id)\nINFO Job seq (\(id)) switched from state RUNNING to FAILED.\n"
            + "\tat some.Frame(Frame.java:1)\nINFO Job other (fedcba98765432100123456789abcdef) switched\n"
            + "INFO checkpoint 3 of job \(id) completed"
        let kept = String(decoding: FlinkJobManagerLog.matching(Array(text.utf8), id, partialFirstLine: true), as: UTF8.self)
        #expect(kept == "INFO Job seq (\(id)) switched from state RUNNING to FAILED.\nINFO checkpoint 3 of job \(id) completed\n")
        let whole = String(decoding: FlinkJobManagerLog.matching(Array(text.utf8), id, partialFirstLine: false), as: UTF8.self)
        #expect(whole.hasPrefix("tail of a line naming \(id)\n"))
        #expect(FlinkJobManagerLog.matching([], id, partialFirstLine: false).isEmpty)
    }
}
