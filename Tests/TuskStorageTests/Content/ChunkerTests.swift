import Foundation
import Testing
import TuskCore
import TuskStorage
import TuskTesting

@Suite struct ChunkerTests {
    static let small = try! ChunkerParameters(minimumSize: 1024, averageSize: 4096, maximumSize: 16384)

    @Test func rejectsInconsistentParameters() {
        #expect(throws: TuskError.self) { try ChunkerParameters(minimumSize: 4096, averageSize: 1024, maximumSize: 16384) }
        #expect(throws: TuskError.self) { try ChunkerParameters(minimumSize: 8, averageSize: 1024, maximumSize: 16384) }
    }

    @Test func chunkSizesStayWithinBoundsAndAverageNearTheTarget() {
        var random = SeededBytes(seed: 7)
        let data = random.next(count: 2 << 20)
        let lengths = data.withUnsafeBytes { Chunker(parameters: Self.small).chunkLengths(of: $0) }
        #expect(lengths.reduce(0, +) == data.count)
        #expect(lengths.dropLast().allSatisfy { $0 >= 1024 && $0 <= 16384 })
        let average = data.count / lengths.count
        #expect(average > 2048 && average < 8192, "average chunk size \(average)")
    }

    @Test func boundariesAreDeterministic() {
        var random = SeededBytes(seed: 8)
        let data = random.next(count: 300_000)
        let first = data.withUnsafeBytes { Chunker(parameters: Self.small).chunkLengths(of: $0) }
        let second = data.withUnsafeBytes { Chunker(parameters: Self.small).chunkLengths(of: $0) }
        #expect(first == second)
    }

    @Test func uniformDataIsCutAtTheMaximum() {
        let data = Data(repeating: 0, count: 40000)
        let lengths = data.withUnsafeBytes { Chunker(parameters: Self.small).chunkLengths(of: $0) }
        #expect(lengths == [16384, 16384, 40000 - 32768])
    }

    @Test func shortBufferNeedsMoreDataUnlessFinal() {
        let data = Data(repeating: 1, count: 500)
        data.withUnsafeBytes { buffer in
            #expect(Chunker(parameters: Self.small).boundary(in: buffer, isFinal: false) == nil)
            #expect(Chunker(parameters: Self.small).boundary(in: buffer, isFinal: true) == 500)
        }
    }

    @Test func standardParametersAreTheDocumentedSizes() {
        #expect(ChunkerParameters.standard.minimumSize == 256 * 1024)
        #expect(ChunkerParameters.standard.averageSize == 1024 * 1024)
        #expect(ChunkerParameters.standard.maximumSize == 4 * 1024 * 1024)
    }
}
