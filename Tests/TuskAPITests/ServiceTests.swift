import GRPCCore
import SwiftProtobuf
import Testing
import TuskAPI
import TuskProto

@Suite struct ServiceTests {
    @Test func versionIsPachyderm212ByTusk() async throws {
        try await APIHarness.run { api in
            let version = try await api.version.getVersion(Google_Protobuf_Empty())
            #expect(version.major == 2)
            #expect(version.minor == 12)
            #expect(version.additional == "tusk")
            #expect(version.platform.contains("/"))
        }
    }

    @Test func authAnswersNotActivated() async throws {
        try await APIHarness.run { api in
            let error = await rpcError { _ = try await api.auth.whoAmI(AuthV2_WhoAmIRequest()) }
            #expect(error?.code == .unimplemented)
            #expect(error?.message.contains("the auth service is not activated") == true)
        }
    }

    @Test func inspectClusterReportsAStableDeploymentAndWarnsAboutSkew() async throws {
        try await APIHarness.run { api in
            var request = AdminV2_InspectClusterRequest()
            request.clientVersion.major = 1
            request.currentProject.name = "nowhere"
            let info = try await api.admin.inspectCluster(request)
            #expect(info.warningsOk)
            #expect(!info.deploymentID.isEmpty)
            #expect(info.warnings.count == 2)
            let again = try await api.admin.inspectCluster(AdminV2_InspectClusterRequest())
            #expect(again.deploymentID == info.deploymentID)
            #expect(again.warnings.isEmpty)
        }
    }

    @Test func healthIsServing() async throws {
        try await APIHarness.run { api in
            let answer = try await api.health.check(Grpc_Health_V1_HealthCheckRequest())
            #expect(answer.status == .serving)
        }
    }

    @Test func missingThingsAreNotFoundAndDuplicatesAlreadyExist() async throws {
        try await APIHarness.run { api in
            var inspect = PfsV2_InspectRepoRequest()
            inspect.repo = Wire.repo("ghost")
            #expect(await rpcError { _ = try await api.pfs.inspectRepo(inspect) }?.code == .notFound)
            try await api.createRepo("data")
            #expect(await rpcError { try await api.createRepo("data") }?.code == .alreadyExists)
            var project = PfsV2_InspectProjectRequest()
            project.project.name = "ghost"
            #expect(await rpcError { _ = try await api.pfs.inspectProject(project) }?.code == .notFound)
            var bad = PfsV2_CreateRepoRequest()
            bad.repo = Wire.repo("bad name")
            #expect(await rpcError { _ = try await api.pfs.createRepo(bad) }?.code == .invalidArgument)
        }
    }

    @Test func inspectCommitWithWaitReturnsOnceTheCommitFinishes() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("data")
            var start = PfsV2_StartCommitRequest()
            start.branch.repo = Wire.repo("data")
            start.branch.name = "master"
            let commit = try await api.pfs.startCommit(start)
            var wait = PfsV2_InspectCommitRequest()
            wait.commit = commit
            wait.wait = .finished
            async let waited = api.pfs.inspectCommit(wait)
            var finish = PfsV2_FinishCommitRequest()
            finish.commit = commit
            _ = try await api.pfs.finishCommit(finish)
            let info = try await waited
            #expect(info.hasFinished)
            #expect(info.commit.id == commit.id)
        }
    }

    @Test func listRepoWithEmptyTypeListsEveryRepo() async throws {
        try await APIHarness.run { api in
            try await api.createRepo("a")
            try await api.createRepo("b")
            let names = try await api.pfs.listRepo(PfsV2_ListRepoRequest()) { response in
                var names: [String] = []
                for try await info in response.messages { names.append(info.repo.name) }
                return names
            }
            #expect(names.sorted() == ["a", "b"])
        }
    }

    @Test func unimplementedRPCsNameThemselves() async throws {
        try await APIHarness.run { api in
            let error = await rpcError { _ = try await api.pfs.egress(PfsV2_EgressRequest()) }
            #expect(error?.code == .unimplemented)
            #expect(error?.message.contains("Egress") == true)
        }
    }
}
