import Testing
import TuskCore
@testable import TuskCLI

@Suite struct CommandParsingTests {
    let registry = CLI.registry

    func parse(_ line: String) throws -> (String, ParsedArguments) {
        let tokens = line.split(separator: " ").map(String.init)
        guard let match = try registry.match(tokens) else { throw TuskError.invalid("no verb") }
        return (match.command.name, try CLI.parse(match))
    }

    @Test func twoWordVerbIsFoundWithItsArguments() throws {
        let (name, parsed) = try parse("list repo --all")
        #expect(name == "list repo")
        #expect(parsed.has("all"))
        #expect(parsed.positionals.isEmpty)
    }

    @Test func pluralNounsAreAliases() throws {
        #expect(try parse("list repos").0 == "list repo")
        #expect(try parse("list files images@master").0 == "list file")
        #expect(try parse("list branches images").0 == "list branch")
        #expect(try parse("list commits images@master").0 == "list commit")
        #expect(try parse("list projects").0 == "list project")
    }

    @Test func globalFlagsMayPrecedeTheVerb() throws {
        let (name, parsed) = try parse("--address localhost:1 list repo")
        #expect(name == "list repo")
        #expect(parsed.string("address") == "localhost:1")
    }

    @Test func repeatableShortAndLongFlagsCollectEveryValue() throws {
        let (_, parsed) = try parse("put file images@master:/dir/ -f a.txt --file b.txt -fc.txt")
        #expect(parsed.strings("file") == ["a.txt", "b.txt", "c.txt"])
        #expect(parsed.positionals == ["images@master:/dir/"])
    }

    @Test func groupedBooleanShortFlagsAndEqualsValues() throws {
        let (_, parsed) = try parse("put file -ra images@master --split=line")
        #expect(parsed.has("recursive") && parsed.has("append"))
        #expect(parsed.string("split") == "line")
    }

    @Test func commandFlagWinsOverGlobalFlagWithTheSameShortName() throws {
        let (_, parsed) = try parse("get file images@master:/a -o out.txt")
        #expect(parsed.string("output") == "out.txt")
    }

    @Test func legacyPutFileTranslatesRepoBranchPath() throws {
        let (name, parsed) = try parse("put-file images master liberty.png -f liberty.png")
        #expect(name == "put file")
        #expect(parsed.positionals == ["images@master:liberty.png"])
        #expect(parsed.strings("file") == ["liberty.png"])
        #expect(parsed.usedLegacyForm)
    }

    @Test func legacyRecursivePutFileWithFlagFirst() throws {
        let (_, parsed) = try parse("put-file -r images master -f dir")
        #expect(parsed.positionals == ["images@master"])
        #expect(parsed.has("recursive"))
    }

    @Test func legacyVerbsOfCommitsBranchesAndFiles() throws {
        #expect(try parse("list-file images master").1.positionals == ["images@master"])
        #expect(try parse("list-file images master /dir").1.positionals == ["images@master:/dir"])
        #expect(try parse("get-file edges master liberty.png").1.positionals == ["edges@master:liberty.png"])
        #expect(try parse("start-commit repo branch").1.positionals == ["repo@branch"])
        #expect(try parse("finish-commit repo 0123456789abcdef0123456789abcdef").1.positionals == ["repo@0123456789abcdef0123456789abcdef"])
        #expect(try parse("list-commit repo").1.positionals == ["repo"])
        #expect(try parse("list-commit repo master").1.positionals == ["repo@master"])
        #expect(try parse("create-branch data master --head staging^3").1.positionals == ["data@master"])
        #expect(try parse("create-branch data master --head staging^3").1.string("head") == "staging^3")
        #expect(try parse("flush-commit images/0123456789abcdef0123456789abcdef").1.positionals == ["images@0123456789abcdef0123456789abcdef"])
        #expect(try parse("delete-file repo branch path").1.positionals == ["repo@branch:path"])
        #expect(try parse("glob-file repo branch /*").1.positionals == ["repo@branch:/*"])
        #expect(try parse("create-repo images").0 == "create repo")
        #expect(try parse("list-repo").0 == "list repo")
        #expect(try parse("delete-repo images").0 == "delete repo")
        #expect(try parse("inspect-commit repo master").1.positionals == ["repo@master"])
    }

    @Test func threeWordConfigVerbs() throws {
        let (name, parsed) = try parse("config update context local --project p1")
        #expect(name == "config update context")
        #expect(parsed.positionals == ["local"])
        #expect(parsed.string("project") == "p1")
        #expect(try parse("config get active-context").0 == "config get active-context")
    }

    @Test func unknownVerbSuggestsTheClosest() {
        #expect {
            _ = try registry.match(["lsit", "repo"])
        } throws: { error in
            (error as? TuskError)?.message.contains("did you mean \"list\"") == true
        }
        #expect {
            _ = try registry.match(["list", "rpeo"])
        } throws: { error in
            (error as? TuskError)?.message.contains("did you mean \"list repo\"") == true
        }
    }

    @Test func unknownFlagSuggestsTheClosest() {
        #expect {
            _ = try parse("list repo --al")
        } throws: { error in
            (error as? TuskError)?.message.contains("did you mean --all") == true
        }
    }

    @Test func wrongArgumentCountIsRefusedWithUsage() {
        #expect {
            _ = try parse("create repo")
        } throws: { error in
            (error as? TuskError)?.message.contains("usage: tusk create repo <repo>") == true
        }
    }

    @Test func helpTextListsFlagsAndLegacyForm() throws {
        let command = try #require(try registry.match(["put", "file"])).command
        let help = HelpPrinter.help(for: command)
        #expect(help.contains("-f, --file SOURCE"))
        #expect(help.contains("(repeatable)"))
        #expect(help.contains("put-file <repo> <branch>"))
        #expect(help.contains("from 0000000000000000"))
        let overview = HelpPrinter.overview(registry)
        #expect(overview.contains("tusk list repo"))
        #expect(overview.contains("put-file"))
    }

    @Test func everyVerbHasOneUniqueWordPath() {
        let names = registry.commands.map(\.name)
        #expect(Set(names).count == names.count)
    }
}
