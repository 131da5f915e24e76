import Foundation
import Testing
import CertOrder
@testable import OrderLanguage

/// A 10,000-row CSV batch through a recipe: what it compiles to. Its time (and that the time
/// grows linearly with the rows) is measured by `scripts/bench csv`, in release.
@Suite struct PerformanceTests {
    static func batch(rows: Int) throws -> (script: Source, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("certorder-perf-\(rows)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var csv = "name,addr1,city,state,zip,country\n"
        csv.reserveCapacity(rows * 64)
        for i in 0..<rows {
            csv += "\"Developer \(i)\",\"\(i) Main Street, Unit \(i % 7)\",Richmond,va,\(String(format: "%05d", i % 99999)),us\n"
        }
        try csv.write(to: folder.appendingPathComponent("developers.csv"), atomically: true, encoding: .utf8)
        let acme = Repo.example("recipes/acme.order")
        let text = """
            include "\(acme)"
            for dev in csv "developers.csv" <
              use ev_token($dev.name, $dev.addr1, $dev.city, $dev.state, $dev.zip, country: $dev.country)
            >

            """
        let url = folder.appendingPathComponent("batch.order")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return (Source(name: "batch.order", text: text, url: url), folder)
    }

    @Test func tenThousandRowsThroughARecipe() async throws {
        let (source, folder) = try Self.batch(rows: 10_000)
        defer { try? FileManager.default.removeItem(at: folder) }
        let compilation = await Compiler(validator: Validator(today: testToday)).compile(source)
        #expect(compilation.json() != nil)
        #expect(compilation.orders.count == 10_000)
        #expect(!compilation.hasErrors)
        // One warning (EV-only OU advice), given once for all the orders.
        #expect(compilation.diagnostics.count == 1)
        #expect(compilation.diagnostics.first?.notes.map(\.description)
                == ["batch.order:3:7: note: in recipe 'ev_token' used here", "developers.csv:2:1: note: in row 1 of developers.csv", "note: and in 9999 other orders"])
        #expect(compact(compilation.orders[9_999]).contains("\"name\":\"Developer 9999\""))
    }
}
