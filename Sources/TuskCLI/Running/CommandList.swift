/// Every verb of the CLI, in the order `tusk help` lists them.
enum CommandList {
    static let all: [any Command] = [
        VersionCommand(), InspectClusterCommand(),
        CreateProjectCommand(), UpdateProjectCommand(), InspectProjectCommand(), ListProjectCommand(), DeleteProjectCommand(),
        CreateRepoCommand(), UpdateRepoCommand(), InspectRepoCommand(), ListRepoCommand(), DeleteRepoCommand(),
        StartCommitCommand(), FinishCommitCommand(), InspectCommitCommand(), ListCommitCommand(), WaitCommitCommand(), FlushCommitCommand(),
        SquashCommitCommand(), DeleteCommitCommand(), SubscribeCommitCommand(),
        CreateBranchCommand(), InspectBranchCommand(), ListBranchCommand(), DeleteBranchCommand(),
        PutFileCommand(), PutHeaderCommand(part: .header), PutHeaderCommand(part: .footer), GetFileCommand(), ListFileCommand(), GlobFileCommand(), InspectFileCommand(),
        DiffFileCommand(), CopyFileCommand(), DeleteFileCommand(),
        CreatePipelineCommand(), UpdatePipelineCommand(), InspectPipelineCommand(), ListPipelineCommand(), DeletePipelineCommand(),
        StartPipelineCommand(), StopPipelineCommand(), RunCronCommand(), RerunPipelineCommand(),
        ListJobCommand(), InspectJobCommand(), WaitJobCommand(), StopJobCommand(), DeleteJobCommand(), FlushJobCommand(),
        ListDatumCommand(), InspectDatumCommand(), RestartDatumCommand(), LogsCommand(),
        ConfigUpdateContextCommand(), ConfigGetActiveContextCommand(), ConfigSetActiveContextCommand(), ConfigListContextCommand(),
        ConnectCommand(),
        DeployKubernetesCommand(),
    ]
}
