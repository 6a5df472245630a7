extension PipelineSpec {
    /// The spec as protojson with lowerCamelCase keys and zero values left out: the "effective
    /// spec" reported back by `CreatePipelineV2` and `inspect pipeline`. Decoding the result
    /// gives back an equal spec (without `notes`), and encoding that gives the same text.
    public func canonicalJSON(pretty: Bool = false) -> String {
        JSONWriter.write(specValue, pretty: pretty)
    }

    /// The spec as a `SpecValue` tree, as `canonicalJSON` writes it.
    public var specValue: SpecValue {
        var object = SpecObjectBuilder()
        var name = SpecObjectBuilder()
        name.add("name", pipeline.name)
        if !pipeline.project.isEmpty {
            var project = SpecObjectBuilder()
            project.add("name", pipeline.project)
            name.add("project", message: project.value)
        }
        object.add("pipeline", message: name.value)
        object.add("tfJob", message: tfJob.map { job in
            var builder = SpecObjectBuilder()
            builder.add("tfJob", job.tfJob)
            return builder.value
        })
        object.add("transform", message: transform?.specValue)
        object.add("parallelismSpec", message: parallelismSpec.map { spec in
            var builder = SpecObjectBuilder()
            builder.add("constant", unsigned: spec.constant)
            return builder.value
        })
        object.add("egress", message: egress?.specValue)
        object.add("update", update)
        object.add("outputBranch", outputBranch)
        object.add("s3Out", s3Out)
        object.add("resourceRequests", message: resourceRequests?.specValue)
        object.add("resourceLimits", message: resourceLimits?.specValue)
        object.add("sidecarResourceLimits", message: sidecarResourceLimits?.specValue)
        object.add("input", message: input?.specValue)
        object.add("description", description)
        object.add("reprocess", reprocess)
        object.add("service", message: service?.specValue)
        object.add("spout", message: spout.map { spout in
            var builder = SpecObjectBuilder()
            builder.add("service", message: spout.service?.specValue)
            return builder.value
        })
        object.add("datumSetSpec", message: datumSetSpec.map { spec in
            var builder = SpecObjectBuilder()
            builder.add("number", spec.number)
            builder.add("sizeBytes", spec.sizeBytes)
            builder.add("perWorker", spec.perWorker)
            return builder.value
        })
        object.add("datumTimeout", datumTimeout)
        object.add("jobTimeout", jobTimeout)
        object.add("salt", salt)
        object.add("datumTries", datumTries)
        object.add("schedulingSpec", message: schedulingSpec.map { spec in
            var builder = SpecObjectBuilder()
            builder.add("nodeSelector", spec.nodeSelector)
            builder.add("priorityClassName", spec.priorityClassName)
            return builder.value
        })
        object.add("podSpec", podSpec)
        object.add("podPatch", podPatch)
        object.add("metadata", message: metadata.map { metadata in
            var builder = SpecObjectBuilder()
            builder.add("annotations", metadata.annotations)
            builder.add("labels", metadata.labels)
            return builder.value
        })
        object.add("reprocessSpec", reprocessSpec)
        object.add("autoscaling", autoscaling)
        object.add("tolerations", messages: tolerations.map(\.specValue))
        object.add("sidecarResourceRequests", message: sidecarResourceRequests?.specValue)
        object.add("dryRun", dryRun)
        object.add("determined", message: determined.map { determined in
            var builder = SpecObjectBuilder()
            builder.add("workspaces", determined.workspaces)
            return builder.value
        })
        object.add("maximumExpectedUptime", maximumExpectedUptime)
        return object.value
    }
}

extension Transform {
    var specValue: SpecValue {
        var builder = SpecObjectBuilder()
        builder.add("image", image)
        builder.add("cmd", cmd)
        builder.add("errCmd", errCmd)
        builder.add("env", env)
        builder.add("secrets", messages: secrets.map { secret in
            var item = SpecObjectBuilder()
            item.add("name", secret.name)
            item.add("key", secret.key)
            item.add("mountPath", secret.mountPath)
            item.add("envVar", secret.envVar)
            return item.value
        })
        builder.add("imagePullSecrets", imagePullSecrets)
        builder.add("stdin", stdin)
        builder.add("errStdin", errStdin)
        builder.add("acceptReturnCode", acceptReturnCode)
        builder.add("debug", debug)
        builder.add("user", user)
        builder.add("workingDir", workingDir)
        builder.add("dockerfile", dockerfile)
        builder.add("memoryVolume", memoryVolume)
        builder.add("datumBatching", datumBatching)
        return builder.value
    }
}
