import Foundation
import Testing

/// `certorder check --json`: the diagnostics for tools, keyed by their stable IDs (issue 11,
/// item 8). The human rendering is unchanged without the flag (``CLICommandTests/check()``).
@Suite("certorder check --json")
struct CheckJSONTests {
    @Test("a bad script: the JSON array on stdout with IDs and places, nothing on stderr, exit 65")
    func badScript() async throws {
        let world = try CLIWorld()
        try world.write("bad.order", """
            order cs <
              certificate < hash sha256 >
              organization 5
              validity 4
            >

            """)
        let result = try await world.certorder(["check", "--json", "bad.order"])
        #expect(result.status == 65)
        #expect(result.stderr == "")
        #expect(result.stdout == #"[{"column":12,"end_column":13,"end_line":4,"file":"bad.order","id":"order.validity.range","line":4,"#
                    + #""message":"validity_years must be 1, 2 or 3; got 4","notes":[],"path":"validity_years","severity":"error"}]"#
                    + "\n")
    }

    @Test("a script with a syntax error gives the language's ID; a clean one an empty array and exit 0")
    func languageErrorAndCleanScript() async throws {
        let world = try CLIWorld()
        try world.write("open.order", "order cs <\n")
        let open = try await world.certorder(["check", "--json", "open.order"])
        #expect(open.status == 65)
        #expect(open.stdout.contains(#""id":"lang.block.unclosed""#), "\(open)")
        try world.write("ok.order", "order cs < certificate < hash sha256 >; organization 5; validity 1 >\n")
        let ok = try await world.certorder(["check", "--json", "ok.order"])
        #expect(ok.status == 0)
        #expect(ok.stdout == "[]\n")
    }
}
