import Synchronization
import Testing

@testable import JobDomain

/// The alarm rules: which statuses raise one, the back-off schedule, when delivery gives up, and what
/// the dispatcher records for each outcome (over an in-memory outbox and a scripted receiver).
struct AlarmDispatchRuleTests {
    @Test func exactlyTheThreeFailureStatusesRaiseAnAlarm() {
        #expect(Set(JobStatus.allCases.filter(\.raisesAlarm)) == [.jobRunningException, .jobSubmitFail, .jobCancelFail])
    }

    /// User commands never move a job into an alarm status (only the engine does, through the
    /// reconciler's one transition statement, which records the alarm).
    @Test func noUserCommandEntersAnAlarmStatus() {
        let commands: [JobCommand] = [
            .delete, .run(resumeSavepoint: false), .run(resumeSavepoint: true), .stop(triggerSavepoint: false),
            .stop(triggerSavepoint: true), .update(runtimeSafe: false), .update(runtimeSafe: true), .triggerSavepoint,
            .importSavepoint, .overwrite,
        ]
        for status in JobStatus.allCases {
            for command in commands {
                guard let t = try? JobStateMachine.transition(from: status, on: command) else { continue }
                #expect(!(t.to.raisesAlarm && t.to != status), "\(command) from \(status) enters \(t.to)")
            }
        }
    }

    @Test func engineFailuresRaiseAlarmsAndRepeatsDoNot() throws {
        let submitFail = try #require(JobStateMachine.transition(from: .jobSubmitting, observing: .submitFailed(reason: "x")))
        let exception = try #require(JobStateMachine.transition(from: .jobRunning, observing: .failed(reason: "x")))
        let cancelFail = try #require(JobStateMachine.transition(from: .jobCanceling, observing: .stopFailed(reason: "x")))
        #expect(submitFail.raisesAlarm && exception.raisesAlarm && cancelFail.raisesAlarm)
        let running = try #require(JobStateMachine.transition(from: .jobSubmitting, observing: .running))
        #expect(!running.raisesAlarm)
        let same = EngineTransition(event: .failed(reason: "x"), from: .jobRunningException, to: .jobRunningException, description: "x")
        #expect(!same.raisesAlarm)
    }

    @Test func backOffDoublesFromOneSecondUpToTheCap() {
        let rule = AlarmRetryRule(initialDelayMillis: 1000, maxDelayMillis: 60_000, maxAttempts: 10)
        #expect((1...9).map { rule.delayMillis(afterAttempt: $0) } == [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000])
        #expect(rule.delayMillis(afterAttempt: 500) == 60_000)  // no overflow
        #expect(rule.afterFailure(attempts: 1) == .retry(afterMillis: 1000))
        #expect(rule.afterFailure(attempts: 9) == .retry(afterMillis: 60_000))
        #expect(rule.afterFailure(attempts: 10) == .giveUp)
        #expect(rule.afterFailure(attempts: 11) == .giveUp)
        #expect(AlarmRetryRule(maxAttempts: 1).afterFailure(attempts: 1) == .giveUp)
    }

    /// An in-memory outbox: one alarm, claimed while it is due.
    final class MemoryOutbox: AlarmOutbox {
        struct Entry {
            var alarm: Alarm
            var claimedBy: String?
        }
        let entry: Mutex<Entry>
        init(_ alarm: Alarm) { entry = Mutex(Entry(alarm: alarm)) }

        func claimDue(owner: String, leaseMillis: Int64, limit: Int) throws(JobError) -> [Alarm] {
            entry.withLock { e in
                guard e.alarm.state == .pending, e.claimedBy == nil else { return [] }
                e.claimedBy = owner
                e.alarm.attempts += 1
                return [e.alarm]
            }
        }
        func recordDelivered(_ alarm: Alarm, owner: String, httpStatus: Int) throws(JobError) {
            entry.withLock { e in
                guard e.claimedBy == owner else { return }
                e.claimedBy = nil
                e.alarm.state = .delivered
                e.alarm.lastHTTPStatus = httpStatus
                e.alarm.lastError = nil
            }
        }
        func recordFailure(_ alarm: Alarm, owner: String, error: String, httpStatus: Int?, retryAfterMillis: Int64?)
            throws(JobError)
        {
            entry.withLock { e in
                guard e.claimedBy == owner else { return }
                e.claimedBy = nil
                e.alarm.state = retryAfterMillis == nil ? .gaveUp : .pending
                e.alarm.nextAttemptAtMillis = retryAfterMillis
                e.alarm.lastError = error
                e.alarm.lastHTTPStatus = httpStatus
            }
        }
        var alarm: Alarm { entry.withLock { $0.alarm } }
    }

    /// A receiver answering from a script, one outcome per attempt.
    final class ScriptedSender: AlarmSender {
        let script: Mutex<[AlarmSendOutcome]>
        init(_ script: [AlarmSendOutcome]) { self.script = Mutex(script) }
        func send(_ alarm: Alarm) -> AlarmSendOutcome {
            script.withLock { $0.isEmpty ? .failed(reason: "script ended", httpStatus: nil) : $0.removeFirst() }
        }
    }

    func alarm() -> Alarm {
        Alarm(
            project: ProjectID("p")!, id: 1, jobID: JobID(7)!, topic: "ops", status: .jobSubmitFail, reason: "x",
            createdAtMillis: 0)
    }

    @Test func failuresAreRetriedOnTheScheduleUntilAnAckDeliversIt() throws {
        let outbox = MemoryOutbox(alarm())
        let sender = ScriptedSender([
            .failed(reason: "the receiver answered HTTP 500", httpStatus: 500), .failed(reason: "timed out", httpStatus: nil),
            .delivered(httpStatus: 200),
        ])
        let dispatcher = AlarmDispatcher(outbox: outbox, sender: sender, rule: AlarmRetryRule(), owner: "d")
        var delays: [Int64?] = []
        for _ in 0..<2 {
            #expect(try dispatcher.tick().failed == 1)
            delays.append(outbox.alarm.nextAttemptAtMillis)
            #expect(outbox.alarm.state == .pending)
        }
        #expect(delays == [1000, 2000])
        #expect(outbox.alarm.lastError == "timed out" && outbox.alarm.lastHTTPStatus == nil)
        let report = try dispatcher.tick()
        #expect(report.delivered == 1 && report.claimed == 1)
        #expect(outbox.alarm.state == .delivered && outbox.alarm.attempts == 3 && outbox.alarm.lastHTTPStatus == 200)
        #expect(try dispatcher.tick().claimed == 0)
    }

    @Test func afterTheLastAllowedAttemptFailsTheAlarmIsGivenUp() throws {
        let outbox = MemoryOutbox(alarm())
        let sender = ScriptedSender(Array(repeating: .failed(reason: "connection refused", httpStatus: nil), count: 5))
        let dispatcher = AlarmDispatcher(outbox: outbox, sender: sender, rule: AlarmRetryRule(maxAttempts: 3), owner: "d")
        #expect(try dispatcher.tick().failed == 1)
        #expect(try dispatcher.tick().failed == 1)
        let last = try dispatcher.tick()
        #expect(last.gaveUp == 1 && last.failed == 0)
        #expect(outbox.alarm.state == .gaveUp && outbox.alarm.attempts == 3 && outbox.alarm.nextAttemptAtMillis == nil)
        #expect(try dispatcher.tick().claimed == 0)
    }
}
