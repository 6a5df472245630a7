import Foundation
import Testing
import Yams
@testable import TuskCLI
import TuskKubernetes

@Suite struct ManifestValueTests {
    @Test func stringsThatLookLikeOtherTypesAreQuotedAndReadBackAsStrings() throws {
        let tricky = ["5432", "true", "no", "null", "~", "1.5", "-1", ".inf", "a: b", "x #y", "@at", "", " lead", "trail ",
                      "postgres://u@h:5432/d?sslmode=disable", "line\nbreak", "quote\"and\\slash", "=", "*", "&a", "plain-text_1.2/x"]
        let value: ManifestValue = .map(tricky.enumerated().map { ManifestField(key: "k\($0.offset)", value: .string($0.element)) })
        let parsed = try #require(try Yams.load(yaml: value.yaml) as? [String: Any])
        for (index, text) in tricky.enumerated() {
            #expect(parsed["k\(index)"] as? String == text, "\(text) did not survive YAML")
        }
    }

    @Test func plainTextStaysUnquoted() {
        let value: ManifestValue = ["kind": "Deployment", "image": "tusk", "key": "app.kubernetes.io/name"]
        #expect(value.yaml == "kind: Deployment\nimage: tusk\nkey: app.kubernetes.io/name\n")
    }

    @Test func nestedMapsAndListsPrintInBlockStyleInFieldOrder() throws {
        let value: ManifestValue = [
            "apiVersion": "v1",
            "items": [["name": "a", "ports": [1, 2]], "b", [:], []],
            "empty": [:],
            "skipped": .absent,
            "flag": true,
        ]
        #expect(value.yaml == """
        apiVersion: v1
        items:
          - name: a
            ports:
              - 1
              - 2
          - b
          - {}
          - []
        empty: {}
        flag: true

        """)
        let parsed = try #require(try Yams.load(yaml: value.yaml) as? [String: Any])
        #expect(parsed["skipped"] == nil)
        #expect(parsed["flag"] as? Bool == true)
    }

    @Test func jsonKeepsOrderDropsAbsentFieldsAndEscapes() throws {
        let value: ManifestValue = ["b": "x\"y\n", "a": 1, "gone": .absent, "list": [true, [:]]]
        #expect(value.json == """
        {
          "b": "x\\"y\\n",
          "a": 1,
          "list": [
            true,
            {}
          ]
        }

        """)
        let decoded = try JSONSerialization.jsonObject(with: Data(ManifestValue.jsonList([value]).utf8)) as? [String: Any]
        #expect(decoded?["kind"] as? String == "List")
        #expect((decoded?["items"] as? [Any])?.count == 1)
    }

    @Test func namesAreMadeValidAndStable() {
        #expect(KubernetesNames.label(from: "tusk-pipeline-default-edges") == "tusk-pipeline-default-edges")
        let changed = KubernetesNames.label(from: "tusk-pipeline-My_Project-Edges")
        #expect(KubernetesNames.isValidLabel(changed))
        #expect(changed.hasPrefix("tusk-pipeline-my-project-edges-"))
        #expect(changed != KubernetesNames.label(from: "tusk-pipeline-my-project-edges"))
        let long = KubernetesNames.label(from: "tusk-pipeline-default-" + String(repeating: "a", count: 100))
        #expect(long.count == 63)
        #expect(KubernetesNames.isValidLabel(long))
        #expect(long == KubernetesNames.label(from: "tusk-pipeline-default-" + String(repeating: "a", count: 100)))
        #expect(!KubernetesNames.isValidLabel("Bad_Name"))
        #expect(!KubernetesNames.isValidLabel("-x"))
    }
}
