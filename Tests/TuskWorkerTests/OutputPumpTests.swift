import Foundation
import Synchronization
import Testing
import TuskCore
@testable import TuskWorker

#if canImport(Glibc)
import Glibc
#endif

/// One thread reads every datum's output pipes: lines in order per stream, tails kept, and a
/// pipe that never closes given up at its deadline.
@Suite struct OutputPumpTests {
    private final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: DatumLogLine) { lines.withLock { $0.append(line.text) } }
        var all: [String] { lines.withLock { $0 } }
    }

    private func pipePair() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [-1, -1]
        try #require(pipe(&descriptors) == 0)
        return (descriptors[0], descriptors[1])
    }

    private func write(_ text: String, to descriptor: Int32) {
        _ = text.withCString { Glibc.write(descriptor, $0, strlen($0)) }
    }

    @Test func manyStreamsAreReadAtOnceEachInOrderWithItsTail() async throws {
        let pump = OutputPump()
        let streams = try (0..<12).map { _ in try pipePair() }
        let collected = (0..<12).map { _ in Lines() }
        let results = await withTaskGroup(of: (Int, String).self) { group in
            for (index, stream) in streams.enumerated() {
                let reader = OutputLineReader(stream: .stderr, tailLimit: 8, clock: SystemWallClock(), deliver: collected[index].append)
                let started = pump.start(stream.read, with: reader)
                group.addTask { (index, await pump.tail(of: started)) }
            }
            for round in 0..<50 {
                for (index, stream) in streams.enumerated() {
                    // A line split over two writes, and a carriage return dropped.
                    write("s\(index)-", to: stream.write)
                    write("line\(round)\r\n", to: stream.write)
                }
            }
            for (index, stream) in streams.enumerated() {
                write("last\(index)", to: stream.write)
                close(stream.write)
            }
            return await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        for index in 0..<12 {
            #expect(collected[index].all == (0..<50).map { "s\(index)-line\($0)" } + ["last\(index)"])
            #expect(results[index] == String("line49\r\nlast\(index)".utf8.suffix(8)))
        }
    }

    @Test func aPipeHeldOpenIsGivenUpAtItsDeadline() async throws {
        let pump = OutputPump()
        let stream = try pipePair()
        defer { close(stream.write) }
        let lines = Lines()
        let reader = OutputLineReader(stream: .stdout, tailLimit: 0, clock: SystemWallClock(), deliver: lines.append)
        write("before the end\npartial", to: stream.write)
        let began = ContinuousClock.now
        let started = pump.start(stream.read, with: reader)
        pump.stop(started, after: .milliseconds(200))
        _ = await pump.tail(of: started)
        #expect(ContinuousClock.now - began < .seconds(30))
        #expect(lines.all == ["before the end", "partial"])
    }

    /// A stop that comes after its stream ended must not touch the next stream that gets the
    /// same descriptor number (the service pipeline whose stderr was cut this way).
    @Test func aLateStopNeverReachesAStreamReusingTheDescriptor() async throws {
        // Both pipes' read ends are moved to one high descriptor number, far above what the
        // other tests running in parallel open, so the second stream surely reuses it.
        let reused: Int32 = 900
        let pump = OutputPump()
        let first = try pipePair()
        try #require(dup2(first.read, reused) == reused)
        close(first.read)
        let reader = OutputLineReader(stream: .stdout, tailLimit: 0, clock: SystemWallClock(), deliver: { _ in })
        let firstStream = pump.start(reused, with: reader)
        close(first.write)
        _ = await pump.tail(of: firstStream)
        let second = try pipePair()
        try #require(dup2(second.read, reused) == reused)
        close(second.read)
        let lines = Lines()
        let secondReader = OutputLineReader(stream: .stdout, tailLimit: 0, clock: SystemWallClock(), deliver: lines.append)
        let secondStream = pump.start(reused, with: secondReader)
        pump.stop(firstStream, after: .zero)
        try await Task.sleep(for: .milliseconds(300))
        write("still read\n", to: second.write)
        close(second.write)
        _ = await pump.tail(of: secondStream)
        #expect(lines.all == ["still read"])
    }

    /// With no stream left the thread ends, and the pump (and its wake-up pipe) can go; the next
    /// stream starts a thread again.
    @Test func theThreadEndsWhenIdleAndComesBackForTheNextStream() async throws {
        weak var released: OutputPump?
        do {
            let pump = OutputPump()
            released = pump
            for round in 0..<2 {
                if round == 1 { try await Task.sleep(for: OutputPump.idleLifetime + .seconds(1)) }
                let stream = try pipePair()
                let lines = Lines()
                let started = pump.start(stream.read, with: OutputLineReader(stream: .stdout, tailLimit: 0, clock: SystemWallClock(), deliver: lines.append))
                write("round \(round)\n", to: stream.write)
                close(stream.write)
                _ = await pump.tail(of: started)
                #expect(lines.all == ["round \(round)"])
            }
        }
        let deadline = ContinuousClock.now + OutputPump.idleLifetime + .seconds(30)
        while released != nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(released == nil)
    }
}
