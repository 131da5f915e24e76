import Foundation
import CertOrder

/// Commands: each is checked against its ``CommandSpec`` first; `new`, `set`, `unset` and `load`
/// edit the draft here; the others go to the ``CommandHandler``.
extension Evaluator {
    func command(_ c: CommandStatement, scope: Scope, target: Target) async throws(Abort) {
        guard let name = c.command else {
            throw fail(.unknownCommand(c.name), at: c.nameRange)
        }
        if let problem = name.spec.problem(in: c) {
            // A key typed after `key` must not be echoed by the diagnostic's source line.
            throw fail(problem.message, at: name == .key && !c.arguments.isEmpty ? Self.maskedArguments(of: c) : problem.range)
        }
        switch name {
        case .new: try newDraft(c, scope: scope, target: target)
        case .set: try setField(c, scope: scope, target: target)
        case .unset: try unsetField(c, scope: scope, target: target)
        case .load: try await load(c, scope: scope, target: target)
        default: try await external(c, name, scope: scope)
        }
    }

    /// Whether a command among `statements` (in blocks, loops and recipes too) does not fit its
    /// spec. Such a command is an error where it stands, and holds every command of the
    /// evaluation: a mistyped flag must not let an earlier `send` go out.
    static func commandWithProblem(_ statements: [Statement]) -> CommandStatement? {
        for statement in statements {
            if case .command(let c) = statement, c.command.map({ $0.spec.problem(in: c) != nil }) ?? true { return c }
            if let block = statement.block, let found = commandWithProblem(block.statements) { return found }
        }
        return nil
    }

    /// Holds the commands of the evaluation when one among `statements` does not fit its spec.
    func holdCommands(ifAnyIsWrongIn statements: [Statement]) {
        guard heldBy == nil, let c = Self.commandWithProblem(statements) else { return }
        heldBy = c
        // The warnings about held commands would show their lines, which may hold what was typed
        // after `key`: they are left out then.
        if c.command == .key { warnedSkippedCommands = true }
    }

    /// The place of a diagnostic on a copy of the command's line with everything after the
    /// command's name replaced, so that rendering the line does not show what was typed there.
    static func maskedArguments(of c: CommandStatement) -> SourceRange {
        let location = c.nameRange.location
        let line = Array(c.nameRange.source.lineText(location.line))
        let keep = String(line.prefix(min(line.count, location.column - 1 + c.keyword.count)))
        let hidden = "‹not shown›"
        let masked = Source(name: c.nameRange.source.name, text: keep + " " + hidden, firstLine: location.line)
        let start = keep.utf8.count + 1
        return SourceRange(source: masked, start: start, end: start + hidden.utf8.count)
    }

    /// The evaluated arguments of a command (a list argument becomes `a, b`).
    private func arguments(_ c: CommandStatement, scope: Scope) throws(Abort) -> [EvaluatedCommand.Argument] {
        var out: [EvaluatedCommand.Argument] = []
        for argument in c.arguments { out.append(try self.argument(argument.value, for: c, scope: scope)) }
        return out
    }

    private func argument(_ expression: ValueExpression, for c: CommandStatement, scope: Scope) throws(Abort) -> EvaluatedCommand.Argument {
        let value = try evaluate(expression, scope: scope)
        let text: String
        if case .list(let items) = value {
            var parts: [String] = []
            for item in items { parts.append(try self.text(item, at: expression.range, for: c.name)) }
            text = parts.joined(separator: ", ")
        } else {
            text = try self.text(value, at: expression.range, for: c.name)
        }
        var quoted = false
        if case .string = expression.kind { quoted = true }
        return EvaluatedCommand.Argument(text: text, range: expression.range, isQuoted: quoted)
    }

    private func atTop(_ c: CommandStatement, _ target: Target, _ what: String) throws(Abort) {
        guard target.slot == nil else {
            throw fail(.commandInsideBlock(c.name, what: what), at: c.nameRange)
        }
    }

    // MARK: - new, set, unset

    private func newDraft(_ c: CommandStatement, scope: Scope, target: Target) throws(Abort) {
        try atTop(c, target, "starts a new draft")
        let args = try arguments(c, scope: scope)
        guard let product = Product(name: args[0].text) else {
            throw fail(.unknownProduct(args[0].text), at: args[0].range)
        }
        var started = CompiledOrder(product: product, orderRange: c.nameRange)
        started.frames = frames
        _ = append(started)
    }

    private func setField(_ c: CommandStatement, scope: Scope, target: Target) throws(Abort) {
        let slot = try draft(for: target, c)
        let args = try arguments(c, scope: scope)
        let path = args[0].text
        var value = args[1].text
        for (i, a) in args.enumerated().dropFirst(2) {
            value += (c.arguments[i].afterComma ? ", " : " ") + a.text
        }
        let valueRange = args[1].range.through(args[args.count - 1].range)
        let statement = c.nameRange
        try modify(slot) { (o: inout CompiledOrder) throws(Abort) in
            do throws(FieldPathError) {
                try o.request.set(path: path, value: value)
            } catch {
                throw fail(.fieldPath(error), at: error.isValueError ? valueRange : args[0].range)
            }
            guard let canonical = OrderRequest.canonicalPath(for: path) else { return }
            if canonical.hasSuffix("]") || canonical.hasPrefix("ship_info.") {
                let base = canonical.hasPrefix("ship_info.") ? "ship_info" : String(canonical.prefix { $0 != "[" })
                if o.origins[base] == nil { o.record(base, statement, nil) }
            } else {
                o.forget(canonical)
            }
            o.record(canonical, statement, valueRange)
        }
    }

    private func unsetField(_ c: CommandStatement, scope: Scope, target: Target) throws(Abort) {
        let slot = try draft(for: target, c)
        let args = try arguments(c, scope: scope)
        let path = args[0].text
        try modify(slot) { (o: inout CompiledOrder) throws(Abort) in
            do throws(FieldPathError) {
                try o.request.unset(path: path)
            } catch {
                throw fail(.fieldPath(error), at: args[0].range)
            }
            guard let canonical = OrderRequest.canonicalPath(for: path, forUnset: true) else { return }
            if canonical.hasSuffix("]") {
                // Entries after a removed one move up: forget the list's entries.
                let base = String(canonical.prefix { $0 != "[" })
                for key in o.origins.keys where key.hasPrefix(base + "[") { o.origins[key] = nil }
            } else {
                o.forget(canonical)
            }
        }
    }

    private func draft(for target: Target, _ c: CommandStatement) throws(Abort) -> Slot {
        if let slot = target.slot ?? draftSlot { return slot }
        throw fail(.noDraft, at: c.nameRange)
    }

    // MARK: - load

    private func load(_ c: CommandStatement, scope: Scope, target: Target) async throws(Abort) {
        try atTop(c, target, "replaces the draft")
        let args = try arguments(c, scope: scope)
        let from = c.nameRange.source
        let url = from.resolve(path: args[0].text)
        let name = from.displayName(forPath: args[0].text)
        let text = try readFile(url: url, name: name, at: args[0].range)
        let trimmed = text.drop { $0.isWhitespace }
        if url.pathExtension.lowercased() == "json" || trimmed.first == "{" || trimmed.first == "[" {
            try loadJSON(text, name: name, args: args, c)
            return
        }
        if args.count == 2 {
            throw fail(.productWithScript, at: args[1].range)
        }
        try checkCycle(url: url, name: name, at: c.nameRange, verb: "load")
        let parsed = try parsedFile(url: url, name: name, at: args[0].range)
        try await evaluateFile(parsed, url: url, name: name, frame: .file(name: name, how: "loaded", at: c.nameRange), scope: scope, target: .top)
    }

    private func loadJSON(_ text: String, name: String, args: [EvaluatedCommand.Argument], _ c: CommandStatement) throws(Abort) {
        // One reader of payload documents (PayloadDocument): strictly JSON, envelope or body.
        let document: PayloadDocument
        do {
            document = try PayloadDocument.read(Data(text.utf8))
        } catch {
            let location = error.syntax.map { " (line \($0.line), column \($0.column))" } ?? ""
            throw fail(.notAPayload(name, problem: error.description, location: location), at: args[0].range)
        }
        guard !document.isArray, let element = document.elements.first else {
            throw fail(.loadedJSONArray(name), at: args[0].range)
        }
        let product: Product
        if args.count == 2 {
            guard let p = Product(name: args[1].text) else { throw fail(.unknownProduct(args[1].text), at: args[1].range) }
            product = p
        } else if let named = element.product {
            product = named
        } else if let current = draftSlot.flatMap({ order(at: $0) }) {
            product = current.product
        } else {
            product = .codeSigning
            report(.productAssumed(args[0].text), at: args[0].range)
        }
        var loaded = CompiledOrder(product: product, request: element.request, orderRange: c.nameRange)
        loaded.frames = frames
        _ = append(loaded)
    }

    // MARK: - Commands of the shell

    private func external(_ c: CommandStatement, _ name: CommandName, scope: Scope) async throws(Abort) {
        let args = try arguments(c, scope: scope)
        var flagValues: [String: EvaluatedCommand.Argument] = [:]
        for flag in c.flags {
            if let value = flag.value { flagValues[flag.name] = try argument(value, for: c, scope: scope) }
        }
        var output: EvaluatedCommand.Output?
        if let redirection = c.redirection {
            let file = try argument(redirection.target, for: c, scope: scope)
            output = EvaluatedCommand.Output(path: file.text, appends: redirection.appends, range: file.range)
        }
        let blockingErrors = interpreter.keepsGoingAfterFailedCommands ? errorCount - failedCommandCount : errorCount
        guard blockingErrors == 0, heldBy == nil else {
            if !warnedSkippedCommands {
                warnedSkippedCommands = true
                report(blockingErrors == 0 ? .commandHeldByFailedCommand(c.name) : .commandHeldByErrors(c.name), at: c.nameRange)
            }
            return
        }
        guard let handler else {
            report(.shellCommandSkipped(c.name), at: c.nameRange)
            return
        }
        let command = EvaluatedCommand(command: name, nameRange: c.nameRange, arguments: args, flags: c.flags,
                                       flagValues: flagValues, output: output, range: c.range)
        let context = CommandContext(draft: draftSlot.flatMap { order(at: $0) }, interpreter: interpreter)
        do {
            try await handler.handle(command, context: context)
        } catch {
            let range = error.argument == CommandError.outputArgument ? output?.range ?? c.nameRange
                : error.argument.flatMap { $0 >= 0 && $0 < args.count ? args[$0].range : nil } ?? c.nameRange
            let before = errorCount
            let abort = fail(.commandFailed(error), at: range)
            failedCommandCount += errorCount - before  // a repeated diagnostic is not counted again
            throw abort
        }
    }
}
