import Foundation
import Testing
import CertOrder
@testable import OrderLanguage

/// A 10,000-row CSV batch through a recipe. In debug this only prints the time (and checks the
/// work grows linearly); the release figure comes from `scripts/bench`.
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

    static func time(rows: Int) async throws -> (seconds: Double, compilation: Compilation) {
        let (source, folder) = try batch(rows: rows)
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = ContinuousClock()
        var compilation: Compilation?
        let elapsed = await clock.measure {
            compilation = await Compiler(validator: Validator(today: testToday)).compile(source)
            _ = compilation?.json()
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (seconds, compilation!)
    }

    @Test func tenThousandRowsThroughARecipe() async throws {
        let (seconds, compilation) = try await Self.time(rows: 10_000)
        print("perf: compiled 10,000 CSV rows through a recipe (evaluate, validate, JSON) in \(String(format: "%.3f", seconds)) s (debug build): \(Int(Double(10_000) / seconds)) orders/s")
        #expect(compilation.orders.count == 10_000)
        #expect(!compilation.hasErrors)
        // One warning (EV-only OU advice), given once for all the orders.
        #expect(compilation.diagnostics.count == 1)
        #expect(compilation.diagnostics.first?.notes == ["in recipe 'ev_token' used at batch.order:3:7", "in row 1 of developers.csv (line 2)", "and in 9999 other orders"])
        #expect(compact(compilation.orders[9_999]).contains("\"name\":\"Developer 9999\""))
        #expect(seconds < 30, "far too slow even for a debug build")
    }

    @Test func timeGrowsLinearly() async throws {
        let small = try await Self.time(rows: 2_000).seconds
        let large = try await Self.time(rows: 8_000).seconds
        print("perf: 2,000 rows \(String(format: "%.3f", small)) s, 8,000 rows \(String(format: "%.3f", large)) s (ratio \(String(format: "%.1f", large / small)), 4 is linear)")
        #expect(large / small < 9, "compiling is not linear in the number of rows")
    }
}
