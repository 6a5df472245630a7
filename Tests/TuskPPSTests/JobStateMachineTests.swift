import Testing
import TuskCore
@testable import TuskPPS

@Suite struct JobStateMachineTests {
    private func machine(_ configuration: JobConfiguration = JobConfiguration()) -> JobStateMachine {
        JobStateMachine(configuration: configuration)
    }

    private func expectConsistent(_ machine: JobStateMachine) {
        let counters = machine.counters
        #expect(counters.remaining >= 0)
        #expect(counters.total == counters.processed + counters.skipped + counters.failed + counters.recovered + counters.remaining)
    }

    @Test func happyPathRunsDatumsWithinParallelismThenFinishes() {
        var job = machine(JobConfiguration(parallelism: 2, jobTimeout: .seconds(60)))
        #expect(job.state == .created)
        #expect(job.reason != nil)
        #expect(job.handle(.start) == [.planDatums, .scheduleJobTimeout(.seconds(60))])
        #expect(job.state == .starting)
        #expect(job.handle(.datumsPlanned(toProcess: ["a", "b", "c"], toSkip: ["s"])) == [.runDatum(id: "a"), .runDatum(id: "b")])
        #expect(job.state == .running)
        #expect(job.counters.total == 4 && job.counters.skipped == 1)
        expectConsistent(job)
        #expect(job.handle(.datumStarted(id: "a")) == [])
        #expect(job.handle(.datumSucceeded(id: "a")) == [.runDatum(id: "c")])
        #expect(job.handle(.datumSucceeded(id: "b")) == [])
        #expect(job.handle(.datumSucceeded(id: "c")) == [.finishOutputCommit])
        #expect(job.state == .finishing)
        #expect(job.handle(.outputCommitFinished) == [.jobSucceeded])
        #expect(job.state == .success)
        #expect(job.reason == nil)
        #expect(job.counters.processed == 3)
        expectConsistent(job)
    }

    @Test func noDatumsToProcessGoesStraightToFinishing() {
        var job = machine()
        _ = job.handle(.start)
        #expect(job.handle(.datumsPlanned(toProcess: [], toSkip: ["x", "y"])) == [.finishOutputCommit])
        #expect(job.counters.skipped == 2)
    }

    @Test func failedDatumIsRetriedUntilTriesAreExhaustedThenTheJobFails() {
        var job = machine(JobConfiguration(parallelism: 1, datumTries: 3))
        _ = job.handle(.start)
        #expect(job.handle(.datumsPlanned(toProcess: ["a", "b"], toSkip: [])) == [.runDatum(id: "a")])
        #expect(job.handle(.datumFailed(id: "a", attempt: 1, error: "exit 1")) == [.retryDatum(id: "a", attempt: 2)])
        #expect(job.handle(.datumFailed(id: "a", attempt: 1, error: "stale")) == [])
        #expect(job.handle(.datumFailed(id: "a", attempt: 2, error: "exit 1")) == [.retryDatum(id: "a", attempt: 3)])
        #expect(job.handle(.datumFailed(id: "a", attempt: 3, error: "exit 2")) == [.runDatum(id: "b")])
        #expect(job.counters.failed == 1)
        expectConsistent(job)
        let actions = job.handle(.datumSucceeded(id: "b"))
        #expect(job.state == .failure)
        #expect(actions == [.failJob(state: .failure, reason: "1 datum failed; first: datum a failed after 3 attempts: exit 2")])
        #expect(job.reason == "1 datum failed; first: datum a failed after 3 attempts: exit 2")
        #expect(job.counters.processed == 1)
        expectConsistent(job)
    }

    @Test func errorCommandRecoversOrFailsAfterLastTry() {
        var job = machine(JobConfiguration(parallelism: 2, datumTries: 1, hasErrorCommand: true))
        _ = job.handle(.start)
        _ = job.handle(.datumsPlanned(toProcess: ["a", "b"], toSkip: []))
        #expect(job.handle(.datumFailed(id: "a", attempt: 1, error: "boom")) == [.runErrorCommand(id: "a")])
        #expect(job.handle(.datumRecovered(id: "a")) == [])
        #expect(job.counters.recovered == 1)
        #expect(job.handle(.datumFailed(id: "b", attempt: 1, error: "boom")) == [.runErrorCommand(id: "b")])
        let actions = job.handle(.errorCommandFailed(id: "b", error: "exit 3"))
        #expect(job.state == .failure)
        #expect(actions.count == 1)
        #expect(job.reason?.contains("err_cmd failed too: exit 3") == true)
        #expect(job.counters.failed == 1 && job.counters.recovered == 1)
        expectConsistent(job)
    }

    @Test func egressRunsBeforeFinishingAndItsFailureFailsTheJob() {
        var job = machine(JobConfiguration(hasEgress: true))
        _ = job.handle(.start)
        _ = job.handle(.datumsPlanned(toProcess: ["a"], toSkip: []))
        #expect(job.handle(.datumSucceeded(id: "a")) == [.startEgress])
        #expect(job.state == .egressing)
        #expect(job.reason != nil)
        var failing = job
        #expect(job.handle(.egressSucceeded) == [.finishOutputCommit])
        #expect(failing.handle(.egressFailed(error: "disk full")) == [.failJob(state: .failure, reason: "egress failed: disk full")])
    }

    @Test func stopKillsRunningDatumsAndIgnoresLateEvents() {
        var job = machine(JobConfiguration(parallelism: 2))
        _ = job.handle(.start)
        _ = job.handle(.datumsPlanned(toProcess: ["a", "b", "c"], toSkip: []))
        #expect(job.handle(.stopRequested(reason: "stopped by user")) == [
            .cancelDatums(["a", "b"]), .failJob(state: .killed, reason: "stopped by user"),
        ])
        #expect(job.state == .killed)
        #expect(job.handle(.datumSucceeded(id: "a")) == [])
        #expect(job.counters.processed == 0)
        expectConsistent(job)
    }

    @Test func jobTimeoutFailsWithReason() {
        var job = machine(JobConfiguration(jobTimeout: .seconds(30)))
        _ = job.handle(.start)
        _ = job.handle(.datumsPlanned(toProcess: ["a"], toSkip: []))
        let actions = job.handle(.jobTimeoutElapsed)
        #expect(actions == [.cancelDatums(["a"]), .failJob(state: .failure, reason: "job timed out: it ran longer than its job_timeout of 30s")])
    }

    @Test func upstreamFailureMakesWaitingJobUnrunnable() {
        var job = machine()
        _ = job.handle(.waiting(reason: "waiting for upstream job 123"))
        #expect(job.reason == "waiting for upstream job 123")
        #expect(job.handle(.upstreamFailed(reason: "upstream job 123 failed")) == [.failJob(state: .unrunnable, reason: "upstream job 123 failed")])
        #expect(job.state == .unrunnable)
        #expect(job.handle(.start) == [])
    }

    @Test func restartAfterCrashResumesWithoutRerunningSucceededDatums() {
        var job = machine(JobConfiguration(parallelism: 2, datumTries: 3))
        _ = job.handle(.start)
        _ = job.handle(.datumsPlanned(toProcess: ["a", "b", "c", "d"], toSkip: []))
        _ = job.handle(.datumSucceeded(id: "a"))            // c starts
        _ = job.handle(.datumFailed(id: "b", attempt: 1, error: "x"))  // b retries as attempt 2
        // Crash: b (attempt 2) and c were in flight; d still queued.
        let actions = job.handle(.restartedAfterCrash)
        #expect(actions == [.retryDatum(id: "b", attempt: 2), .runDatum(id: "c")])
        #expect(job.restartCount == 1)
        #expect(job.datumProgress("a") == .succeeded)
        _ = job.handle(.datumSucceeded(id: "b"))
        _ = job.handle(.datumSucceeded(id: "c"))
        #expect(job.handle(.datumSucceeded(id: "d")) == [.finishOutputCommit])
        #expect(job.counters.processed == 4)
        expectConsistent(job)
    }

    @Test func restartInOtherStatesRepeatsTheInterruptedStepAndGivesUpAfterTheLimit() {
        var starting = machine()
        _ = starting.handle(.start)
        #expect(starting.handle(.restartedAfterCrash) == [.planDatums])
        var finishing = machine(JobConfiguration(maximumRestarts: 1))
        _ = finishing.handle(.start)
        _ = finishing.handle(.datumsPlanned(toProcess: [], toSkip: []))
        #expect(finishing.handle(.restartedAfterCrash) == [.finishOutputCommit])
        let actions = finishing.handle(.restartedAfterCrash)
        #expect(finishing.state == .failure)
        #expect(actions.count == 1)
        #expect(finishing.reason?.contains("2 daemon restarts") == true)
    }

    @Test func skippedEventForQueuedDatumCountsAsSkipped() {
        var job = machine(JobConfiguration(parallelism: 1))
        _ = job.handle(.start)
        _ = job.handle(.datumsPlanned(toProcess: ["a", "b"], toSkip: []))
        #expect(job.handle(.datumSkipped(id: "b")) == [])
        #expect(job.handle(.datumSucceeded(id: "a")) == [.finishOutputCommit])
        #expect(job.counters.skipped == 1 && job.counters.processed == 1)
        expectConsistent(job)
    }

    @Test func configurationFollowsTheSpec() throws {
        let spec = try PipelineSpecParser.parseOne("""
        pipeline: {name: p}
        transform: {cmd: [sh], err_cmd: [true]}
        parallelism_spec: {constant: 4}
        datum_tries: 2
        job_timeout: 10m
        egress: {URL: "file:///tmp/x"}
        input: {pfs: {repo: r, glob: /}}
        """)
        let configuration = JobConfiguration(spec: spec)
        #expect(configuration == JobConfiguration(parallelism: 4, datumTries: 2, hasErrorCommand: true, hasEgress: true, jobTimeout: .seconds(600)))
    }

    @Test func jobStateNumbersMatchTheProtocol() {
        #expect(JobState.created.protoNumber == 1)
        #expect(JobState.unrunnable.protoNumber == 9)
        #expect(JobState.allCases.filter(\.isTerminal) == [.success, .failure, .killed, .unrunnable])
    }
}
