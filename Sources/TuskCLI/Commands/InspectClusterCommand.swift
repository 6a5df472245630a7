import TuskClient

/// `tusk inspect cluster`: the cluster id and any version-skew warnings (`InspectCluster`).
struct InspectClusterCommand: Command {
    let words = ["inspect", "cluster"]
    let summary = "Show the cluster's id and warnings."

    func run(_ invocation: Invocation) async throws {
        let info = try await invocation.connection().inspectCluster(clientVersion: VersionCommand.clientVersionInfo, project: invocation.project)
        if invocation.printsRaw { invocation.console.print(info.jsonLine()); return }
        var pairs = [("Cluster ID", info.id), ("Deployment ID", info.deploymentID)]
        for warning in info.warnings { pairs.append(("Warning", warning)) }
        invocation.console.write(InfoRows.details(pairs))
    }
}
