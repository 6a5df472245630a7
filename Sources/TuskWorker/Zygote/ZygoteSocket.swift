import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One end of the `SOCK_SEQPACKET` socket pair between the daemon and its zygote.
///
/// Sequenced packets keep message boundaries, so one `send` is one message; descriptors travel
/// beside a message as `SCM_RIGHTS` ancillary data. Both ends use only plain system calls, so
/// the zygote (single-threaded, forking) and the daemon (many threads) share this code.
struct ZygoteSocket: Sendable {
    let descriptor: Int32

    /// The largest message either side sends (a spawn request carries the whole environment).
    static let maximumMessageBytes = 1 << 20
    /// The most descriptors one message carries.
    static let maximumDescriptors = 4

    /// A connected pair of close-on-exec sequenced-packet sockets: `(daemon end, zygote end)`.
    static func pair() throws -> (ZygoteSocket, ZygoteSocket) {
        var descriptors: [Int32] = [-1, -1]
        let type = Int32(SOCK_SEQPACKET.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &descriptors) == 0 else {
            throw SystemCallError(operation: "socketpair for the datum zygote", code: errno)
        }
        return (ZygoteSocket(descriptor: descriptors[0]), ZygoteSocket(descriptor: descriptors[1]))
    }

    /// Sends one message with `descriptors` attached; throws on any failure (a closed peer
    /// gives EPIPE, never SIGPIPE).
    func send(_ payload: [UInt8], descriptors: [Int32] = []) throws {
        precondition(descriptors.count <= Self.maximumDescriptors, "at most \(Self.maximumDescriptors) descriptors per message")
        let controlBytes = descriptors.isEmpty ? 0 : Self.controlSpace(descriptors.count)
        var control = [UInt8](repeating: 0, count: max(controlBytes, 1))
        var payload = payload
        let sent = Self.withHeader(payload: &payload, control: &control, controlLength: controlBytes) { header, controlBase in
            if controlBytes > 0 { Self.writeRights(descriptors, into: controlBase) }
            return Glibc.sendmsg(descriptor, &header, Int32(MSG_NOSIGNAL))
        }
        guard sent == payload.count else {
            throw SystemCallError(operation: "sending to the datum zygote", code: sent < 0 ? errno : EMSGSIZE)
        }
    }

    /// A receive buffer for `receive(into:)`, allocated once per reading loop.
    static func receiveBuffer() -> [UInt8] {
        [UInt8](repeating: 0, count: maximumMessageBytes)
    }

    /// Receives one message into `buffer` (from `receiveBuffer()`) with the descriptors that
    /// came with it (owned by the caller). Returns nil when the peer has closed its end.
    func receive(into buffer: inout [UInt8]) throws -> (payload: [UInt8], descriptors: [Int32])? {
        var control = [UInt8](repeating: 0, count: Self.controlSpace(Self.maximumDescriptors))
        while true {
            var descriptors: [Int32] = []
            let controlLength = control.count
            let received = Self.withHeader(payload: &buffer, control: &control, controlLength: controlLength) { header, controlBase in
                let count = Glibc.recvmsg(descriptor, &header, Int32(MSG_CMSG_CLOEXEC))
                if count >= 0 { descriptors = Self.readRights(from: controlBase, length: Int(header.msg_controllen)) }
                return count
            }
            if received < 0 {
                if errno == EINTR { continue }
                throw SystemCallError(operation: "receiving from the datum zygote", code: errno)
            }
            if received == 0 && descriptors.isEmpty { return nil }
            return (Array(buffer[0..<received]), descriptors)
        }
    }

    /// Calls `body` with a `msghdr` over `payload` (one iovec) and the first `controlLength`
    /// bytes of `control` (none when 0), and the control buffer's address.
    private static func withHeader(
        payload: inout [UInt8], control: inout [UInt8], controlLength: Int,
        _ body: (inout msghdr, UnsafeMutableRawPointer) -> Int
    ) -> Int {
        payload.withUnsafeMutableBytes { payloadBuffer in
            control.withUnsafeMutableBytes { controlBuffer in
                guard let controlBase = controlBuffer.baseAddress else { return -1 }
                var vector = iovec(iov_base: payloadBuffer.baseAddress, iov_len: payloadBuffer.count)
                return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                    var header = msghdr()
                    header.msg_iov = vectorPointer
                    header.msg_iovlen = 1
                    if controlLength > 0 {
                        header.msg_control = controlBase
                        header.msg_controllen = controlLength
                    }
                    return body(&header, controlBase)
                }
            }
        }
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    // MARK: SCM_RIGHTS layout (struct cmsghdr: size_t length, int level, int type, then data)

    private static let headerBytes = MemoryLayout<cmsghdr>.size
    private static func aligned(_ count: Int) -> Int { (count + MemoryLayout<Int>.size - 1) & ~(MemoryLayout<Int>.size - 1) }
    private static func controlSpace(_ descriptorCount: Int) -> Int {
        aligned(headerBytes) + aligned(descriptorCount * MemoryLayout<Int32>.size)
    }

    private static func writeRights(_ descriptors: [Int32], into base: UnsafeMutableRawPointer) {
        let header = base.assumingMemoryBound(to: cmsghdr.self)
        header.pointee.cmsg_len = aligned(headerBytes) + descriptors.count * MemoryLayout<Int32>.size
        header.pointee.cmsg_level = SOL_SOCKET
        header.pointee.cmsg_type = Int32(SCM_RIGHTS)
        let data = base.advanced(by: aligned(headerBytes)).assumingMemoryBound(to: Int32.self)
        for (index, descriptor) in descriptors.enumerated() { data[index] = descriptor }
    }

    private static func readRights(from base: UnsafeMutableRawPointer, length: Int) -> [Int32] {
        var result: [Int32] = []
        var offset = 0
        while offset + headerBytes <= length {
            let header = base.advanced(by: offset).assumingMemoryBound(to: cmsghdr.self).pointee
            let messageLength = Int(header.cmsg_len)
            guard messageLength >= headerBytes else { break }
            if header.cmsg_level == SOL_SOCKET && header.cmsg_type == Int32(SCM_RIGHTS) {
                let count = (messageLength - aligned(headerBytes)) / MemoryLayout<Int32>.size
                let data = base.advanced(by: offset + aligned(headerBytes)).assumingMemoryBound(to: Int32.self)
                for index in 0..<count { result.append(data[index]) }
            }
            offset += aligned(messageLength)
        }
        return result
    }
}
