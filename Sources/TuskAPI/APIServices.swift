import GRPCCore
import Logging
import TuskPFS
import TuskPPS

/// The set of gRPC services `tusk serve` offers, built in one place so the server's
/// composition root registers them without knowing each one.
public enum APIServices {
    /// Every service over one file system and pipeline system: `pfs_v2.API`, `pps_v2.API`
    /// (UNIMPLEMENTED throughout when `pipelines` is nil), `versionpb_v2.API`, `admin_v2.API`,
    /// `auth_v2.API` (answering "not activated"), `grpc.health.v1.Health` and Tusk's own
    /// `tusk_v1.LocalRead` (short-circuit reads for clients on the daemon's host) and
    /// `tusk_v1.Listing` (listings packed many entries per message).
    public static func all(fileSystem: FileSystem, pipelines: PipelineSystem? = nil, logger: Logger, version: TuskVersion = .current) -> [any RegistrableRPCService] {
        [
            PFSService(fileSystem: fileSystem, logger: logger),
            PPSService(pipelines: pipelines, logger: logger),
            VersionService(version: version, logger: logger),
            AdminService(fileSystem: fileSystem, logger: logger),
            AuthService(logger: logger),
            HealthService(logger: logger),
            LocalReadService(fileSystem: fileSystem, logger: logger),
            ListingService(fileSystem: fileSystem, logger: logger),
        ]
    }
}
