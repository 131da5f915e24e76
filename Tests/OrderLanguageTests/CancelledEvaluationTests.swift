import OrderLanguage
import Testing

/// Finding 2 of issue 13 ("Ctrl-C ends the shell while a long evaluation runs"): the shell turns
/// Ctrl-C into the cancellation of the entry's task; a long evaluation looks for it every 4,096
/// steps and stops with one error, so the shell can go back to its prompt.
@Suite("A cancelled evaluation stops")
struct CancelledEvaluationTests {
    @Test func finding2_aCancelledLongEvaluationStopsWithOneError() async {
        // 30 nested loops over two values: a billion steps, were it not stopped.
        let text = (0..<30).map { "for v\($0) in [1, 2] < " }.joined() + String(repeating: "> ", count: 30) + "\n"
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await Interpreter().evaluate(Source(name: "loops.order", text: text))
        }
        let result = await task.value
        #expect(result.diagnostics.map(\.message) == ["interrupted: the evaluation stopped here"])
    }

    @Test func anUncancelledShortEvaluationIsNotInterrupted() async {
        let text = (0..<10).map { "for v\($0) in [1, 2] < " }.joined() + String(repeating: "> ", count: 10) + "\n"
        let result = await Interpreter().evaluate(Source(name: "loops.order", text: text))
        #expect(result.diagnostics.isEmpty)
    }
}
