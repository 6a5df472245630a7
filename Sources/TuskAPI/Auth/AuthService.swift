import GRPCCore
import Logging
import TuskCore
import TuskProto

/// The `auth_v2.API` service while authentication is off: every RPC of the service answers
/// UNIMPLEMENTED with "the auth service is not activated".
///
/// Clients depend on exactly that: the Python SDK turns UNIMPLEMENTED plus that phrase into
/// `AuthServiceNotActivated`, and pachctl treats it as "no auth, carry on". Rather than spell
/// out dozens of identical handlers, the service registers one handler for every method the
/// generated descriptor list names, reading requests as opaque bytes, so a method added to the
/// proto is covered without code changes.
public struct AuthService: RegistrableRPCService {
    /// The phrase clients match to recognise that auth is off.
    public static let notActivatedMessage = "the auth service is not activated"

    let execution: RPCExecution

    public init(logger: Logger) {
        self.execution = RPCExecution(logger: logger)
    }

    public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let execution = self.execution
        for method in AuthV2_API.Method.descriptors {
            router.registerHandler(
                forMethod: method,
                deserializer: OpaqueBytesCoding(),
                serializer: OpaqueBytesCoding(),
                handler: { _, context in
                    try await execution.run(context) { () -> StreamingServerResponse<[UInt8]> in
                        throw TuskError(.unimplemented, Self.notActivatedMessage, location: context.descriptor.fullyQualifiedMethod)
                    }
                })
        }
    }
}

/// Passes message bytes through undecoded, for handlers that never look at their messages.
struct OpaqueBytesCoding: MessageSerializer, MessageDeserializer {
    typealias Message = [UInt8]

    func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes {
        Bytes(message)
    }

    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> [UInt8] {
        serializedMessageBytes.withUnsafeBytes { Array($0) }
    }
}
