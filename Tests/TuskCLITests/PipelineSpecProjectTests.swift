import Foundation
import Testing
@testable import TuskCLI

@Suite struct PipelineSpecProjectTests {
    @Test func theDefaultProjectLeavesTheTextAlone() throws {
        let text = "pipeline: {name: edges}\n"
        #expect(try PipelineSpecProject.inject(text, project: "default") == text)
    }

    @Test func aContextProjectIsFilledIntoJSONAndYAMLSpecsThatNameNone() throws {
        let json = try PipelineSpecProject.inject(#"{"pipeline": {"name": "edges"}, "transform": {"cmd": ["true"]}}"#, project: "video")
        #expect(json.contains(#""project":{"name":"video"}"#))
        let yaml = try PipelineSpecProject.inject("pipeline:\n  name: a\n---\npipeline:\n  name: b\n  project: {name: other}\n", project: "video")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(yaml.utf8)) as? [[String: Any]])
        let projects = decoded.compactMap { (($0["pipeline"] as? [String: Any])?["project"] as? [String: Any])?["name"] as? String }
        #expect(projects == ["video", "other"])
    }
}
