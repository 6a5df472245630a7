import Testing
@testable import TuskMetadata

@Suite struct SerialGateTests {
    /// Records the order in which holders entered.
    actor Log {
        var entries: [Int] = []
        func append(_ entry: Int) { entries.append(entry) }
    }

    @Test func waitersEnterInArrivalOrder() async throws {
        let gate = SerialGate()
        let log = Log()
        #expect(await gate.enter())
        var waiters: [Task<Void, Never>] = []
        for index in 0..<20 {
            waiters.append(Task {
                if await gate.enter() {
                    await log.append(index)
                    await gate.leave()
                }
            })
            // Let this waiter queue up before the next one starts.
            while await gate.waitingCount < index + 1 { await Task.yield() }
        }
        await gate.leave()
        for waiter in waiters { await waiter.value }
        #expect(await log.entries == Array(0..<20))
    }

    @Test func closingTurnsWaitersAndLaterCallersAway() async throws {
        let gate = SerialGate()
        #expect(await gate.enter())
        let waiter = Task { await gate.enter() }
        while await gate.waitingCount < 1 { await Task.yield() }
        await gate.leaveAndClose()
        #expect(await waiter.value == false)
        #expect(await gate.enter() == false)
    }
}
