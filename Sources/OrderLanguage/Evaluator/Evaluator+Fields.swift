import CertOrder

/// Field statements: each writes one part of the order's request and records where it was set.
extension Evaluator {
    /// An evaluated argument: its value and where it was written.
    struct Arg {
        var text: String
        var range: SourceRange
    }

    /// A field statement. Its catalogue row says what it writes and how its value is read: every
    /// ordinary field takes the one generic path (``assign(_:_:_:_:_:_:)``); only the blocks, the
    /// validity forms and `custom_field` have code of their own.
    func field(_ s: FieldStatement, scope: Scope, target: Target) throws(Abort) {
        let keyword = asciiLowercased(s.keyword)
        guard var field = s.spec, var statement = field.statement else {
            throw unknownStatement(s, keyword: keyword, level: target.level)
        }
        // A word two blocks use (`name` of an order, `name` inside `ship < >`) is the row of the
        // block it is written in.
        if statement.block != target.level, let here = FieldCatalog.statement(named: keyword, in: target.level),
           let written = here.statement {
            field = here
            statement = written
        }
        guard statement.block == target.level else { throw misplaced(s, keyword: keyword, statement: statement, level: target.level) }
        let slot = try self.slot(for: target, keyword: keyword, at: s.keywordRange)

        if case .block(let level)? = statement.special {
            guard let block = s.block else {
                throw fail(.blockMissing(keyword, sample: statement.sample), at: s.keywordRange)
            }
            if let first = s.arguments.first {
                throw fail(.valueBeforeBlock(keyword, sample: statement.sample), at: first.range)
            }
            let inner = blockScope(block, scope)
            if level == .ship {
                // The block itself gives the shipping address, even an empty one.
                try modify(slot) { o in
                    if o.request.shipInfo == nil {
                        o.request.shipInfo = OrderRequest.ShipInfo()
                        o.record(field.path.template, s.keywordRange, nil)
                    }
                }
            } else if level == .contact {
                // Each block appends one verified contact, which its statements then fill. A
                // contact written before 'organization N' waits in an organization without an
                // id (0) that the statement completes; without one the validator says so.
                try modify(slot) { o in
                    var organization = o.request.organization ?? OrderRequest.OrganizationReference(id: 0)
                    var contacts = organization.contacts ?? []
                    if o.origins[field.path.template] == nil { o.record(field.path.template, s.keywordRange, nil) }
                    o.record(field.path.entry(contacts.count), s.keywordRange, nil)
                    contacts.append(OrderRequest.Contact())
                    organization.contacts = contacts
                    o.request.organization = organization
                }
            }
            run(block.statements, scope: inner, target: Target(slot: slot, level: level))
            return
        }
        if let block = s.block {
            throw fail(.unexpectedBlock(keyword, sample: statement.sample), at: block.open)
        }
        let k = s.keywordRange

        switch statement.special {
        case nil:
            try assign(field, statement, s, keyword, scope, slot)
        case .validity:
            try validity(s, keyword, scope, slot)
        case .orderValidity:
            let args = try texts(s, keyword, scope)
            guard args.count == 2 else {
                throw fail(.orderValidityForm(keyword),
                           at: args.count > 2 ? args[2].range.through(args[args.count - 1].range) : k)
            }
            let n = try integer(args[0], keyword, "a number")
            let unit = try self.unit(args[1], keyword)
            try modify(slot) { o in
                clearValidity(&o)
                o.request.orderValidity = unit == .years ? .init(years: n) : .init(days: n)
                o.record(FieldPath.orderValidity.template, k, nil)
                o.record((unit == .years ? FieldPath.orderValidityYears : .orderValidityDays).template, k, args[0].range)
            }
        case .expirationDate:
            let a = try single(s, keyword, statement, scope, isText: false)
            let date = try self.date(a, keyword)
            try modify(slot) { o in
                clearValidity(&o)
                o.request.customExpirationDate = date
                o.record(FieldPath.customExpirationDate.template, k, a.range)
            }
        case .customField:
            let args = try texts(s, keyword, scope)
            guard args.count == 2 else {
                if args.count > 2 {
                    throw fail(.customFieldExtraValues(keyword),
                               at: args[2].range.through(args[args.count - 1].range))
                }
                throw fail(.customFieldIncomplete(keyword, sample: statement.sample), at: args.first?.range ?? k)
            }
            let id = try integer(args[0], keyword, "an integer metadata id first")
            try modify(slot) { o in
                var fields = o.request.customFields ?? []
                let i = fields.count
                if o.origins[FieldPath.customFields.template] == nil { o.record(FieldPath.customFields.template, k, nil) }
                o.record(FieldPath.customFields.entry(i), k, args[1].range)
                o.record(FieldPath.customFieldMetadataID.filled(with: [i]), k, args[0].range)
                o.record(FieldPath.customFieldValue.filled(with: [i]), k, args[1].range)
                fields.append(OrderRequest.CustomFieldValue(metadataID: id, value: args[1].text))
                o.request.customFields = fields
            }
        case .renewWithin:
            let days = try renewWindow(s, keyword, statement, scope)
            try modify(slot) { o in o.renewWithin = days }
        case .declaredName:
            try declaredName(s, keyword, statement, scope, slot)
        case .block:
            break // handled above
        }
    }

    // MARK: - Statements of the order that are no payload field

    /// `renew_within N days`: a whole number of days from 1 to the certificate cap, then its
    /// unit (required, as `validity N days` spells it; `day` is taken too, as `validity` takes it).
    private func renewWindow(_ s: FieldStatement, _ keyword: String, _ statement: Field.Statement,
                             _ scope: Scope) throws(Abort) -> Int {
        let args = try texts(s, keyword, scope)
        guard let first = args.first else { throw fail(.valueMissing(keyword, sample: statement.sample), at: s.keywordRange) }
        if args.count > 2 {
            throw fail(.renewWithinExtra(keyword), at: args[2].range.through(args[args.count - 1].range))
        }
        guard let days = FieldValueParser.integer(first.text), (1...Validator.maximumCertificateDays).contains(days) else {
            throw fail(.renewWithinDays(keyword, got: first.text), at: first.range)
        }
        guard args.count == 2 else { throw fail(.renewWithinUnit(keyword, days: first.text, got: nil), at: first.range) }
        guard statement.units.contains(asciiLowercased(args[1].text)) else {
            throw fail(.renewWithinUnit(keyword, days: first.text, got: args[1].text), at: args[1].range)
        }
        return days
    }

    /// `name "release-2026"`: the declared order's name, written to `alternative_order_id` under
    /// ``DeclaredName``'s rules. An `alternative_order_id` with another value in the same order
    /// is an error (here when it came first, at the end of the order when it came after).
    private func declaredName(_ s: FieldStatement, _ keyword: String, _ statement: Field.Statement,
                              _ scope: Scope, _ slot: Slot) throws(Abort) {
        let a = try single(s, keyword, statement, scope, isText: true)
        switch DeclaredName.violation(a.text) {
        case .separator?: throw fail(.declaredNameSeparator(keyword, name: a.text), at: a.range)
        case .length(let count)?: throw fail(.declaredNameLength(keyword, count: count), at: a.range)
        case nil: break
        }
        let path = FieldPath.alternativeOrderID.template
        if let order = order(at: slot), let current = order.request.alternativeOrderID, current != a.text,
           let origin = order.origins[path], asciiLowercased(origin.statement.text) != statement.name {
            let other = (origin.value ?? origin.statement).location
            throw fail(.declaredNameConflict(name: a.text, alternativeID: current, other: "\(other)"), at: a.range)
        }
        try modify(slot) { o in
            o.request.alternativeOrderID = a.text
            o.declaredName = a.text
            o.declaredNameRange = a.range
            o.record(path, s.keywordRange, a.range)
        }
    }

    /// At the end of an order: an `alternative_order_id` written after the order's `name` with
    /// another value (the other way round is refused at the `name`).
    func checkDeclaredName(_ slot: Slot) {
        guard let order = order(at: slot), let name = order.declaredName,
              let current = order.request.alternativeOrderID, current != name,
              let origin = order.origins[FieldPath.alternativeOrderID.template] else { return }
        let other = order.declaredNameRange.map { "\($0.location)" } ?? "its name"
        report(.declaredNameConflict(name: name, alternativeID: current, other: other), at: origin.value ?? origin.statement)
    }

    // MARK: - Ordinary fields

    /// The generic path: reads the statement's value as the field's kind says and writes it
    /// through the field's access, recording where it was written. A list appends (`unit A, B`);
    /// a flag's bare statement means true; the `id` of a `{"id": N}` object records the object
    /// too.
    private func assign(_ field: Field, _ statement: Field.Statement, _ s: FieldStatement, _ keyword: String,
                        _ scope: Scope, _ slot: Slot) throws(Abort) {
        let k = s.keywordRange
        let path = field.path.template
        guard let set = field.access.set else {
            throw fail(.notWritable(keyword), at: k)
        }
        switch field.kind {
        case .list:
            let items = try values(s, keyword, statement, scope)
            try modify(slot) { o in
                var list: [String] = []
                if case .list(let current)? = field.access.get(o.request, []) { list = current }
                if o.origins[path] == nil { o.record(path, k, nil) }
                for item in items {
                    o.record("\(path)[\(list.count)]", k, item.range)
                    list.append(item.text)
                }
                try? set(&o.request, [], .list(list))
            }
        case .flag:
            var value = true
            var range: SourceRange?
            if !s.arguments.isEmpty {
                let a = try single(s, keyword, statement, scope, isText: false)
                guard let b = FieldValueParser.boolean(a.text) else {
                    throw fail(.booleanValue(keyword, name: statement.name, got: a.text), at: a.range)
                }
                value = b
                range = a.range
            }
            try modify(slot) { o in
                try? set(&o.request, [], .flag(value))
                o.record(path, k, range)
            }
        default:
            var isText = false
            if case .string = field.kind { isText = true }
            let a = try single(s, keyword, statement, scope, isText: isText)
            let value = try self.value(a, of: field, statement, keyword)
            let reference = field.idOf?.template
            try modify(slot) { o in
                try? set(&o.request, [], value)
                if let reference { o.record(reference, k, a.range) }
                // A member of a list's entry (a contact's): the entry its block appended, the last.
                if path.contains("[]"), let entries = o.request.organization?.contacts, !entries.isEmpty, field.block == .contact {
                    o.record(field.path.filled(with: [entries.count - 1]), k, a.range)
                } else {
                    o.record(path, k, a.range)
                }
            }
        }
    }

    /// One value read as the field's kind wants it.
    private func value(_ a: Arg, of field: Field, _ statement: Field.Statement, _ keyword: String) throws(Abort) -> Field.Value {
        switch field.kind {
        case .integer:
            if let n = field.integer(from: a.text) { return .integer(n) }
            throw fail(.integerValue(keyword, what: statement.valueDescription ?? "an integer", got: a.text), at: a.range)
        case .choice:
            return .text(try choice(a, field.allowedValues, keyword))
        case .date:
            return .text(try date(a, keyword))
        case .string, .flag, .list, .object:
            return .text(a.text)
        }
    }

    // MARK: - Validity

    private enum LengthUnit { case years, days }

    private func validity(_ s: FieldStatement, _ keyword: String, _ scope: Scope, _ slot: Slot) throws(Abort) {
        let args = try texts(s, keyword, scope)
        let k = s.keywordRange
        guard !args.isEmpty else { throw fail(.validityLengthMissing(keyword), at: k) }
        if args.count > 2 {
            throw fail(.validityExtraValues(keyword), at: args[2].range.through(args[args.count - 1].range))
        }
        if asciiLowercased(args[0].text) == "until" {
            guard args.count == 2 else { throw fail(.validityUntilDate, at: args[0].range) }
            let date = try self.date(args[1], "validity until")
            try modify(slot) { o in
                clearValidity(&o)
                o.request.customExpirationDate = date
                o.record(FieldPath.customExpirationDate.template, k, args[1].range)
            }
            return
        }
        guard let n = FieldValueParser.integer(args[0].text) else {
            throw fail(.validityForm(keyword, got: args[0].text), at: args[0].range)
        }
        let unit = args.count == 2 ? try self.unit(args[1], keyword) : .years
        try modify(slot) { o in
            clearValidity(&o)
            if unit == .years {
                o.request.validityYears = n
                o.record(FieldPath.validityYears.template, k, args[0].range)
            } else {
                o.request.orderValidity = .init(days: n)
                o.record(FieldPath.orderValidity.template, k, nil)
                o.record(FieldPath.orderValidityDays.template, k, args[0].range)
            }
        }
    }

    private func unit(_ a: Arg, _ keyword: String) throws(Abort) -> LengthUnit {
        switch asciiLowercased(a.text) {
        case "year", "years": return .years
        case "day", "days": return .days
        default:
            throw fail(.lengthUnit(keyword, got: a.text), at: a.range)
        }
    }

    /// Every validity form replaces the others (as the DSL's `Validity` does).
    private func clearValidity(_ o: inout CompiledOrder) {
        o.request.validityYears = nil
        o.request.orderValidity = nil
        o.request.customExpirationDate = nil
        o.forget(FieldPath.validityYears.template)
        o.forget(FieldPath.orderValidity.template)
        o.forget(FieldPath.customExpirationDate.template)
    }

    // MARK: - Arguments

    /// The one value of a scalar statement.
    private func single(_ s: FieldStatement, _ keyword: String, _ statement: Field.Statement, _ scope: Scope,
                        isText: Bool) throws(Abort) -> Arg {
        guard let first = s.arguments.first else {
            throw fail(.valueMissing(keyword, sample: statement.sample), at: s.keywordRange)
        }
        if s.arguments.count > 1 {
            let extra = s.arguments[1].range.through(s.arguments[s.arguments.count - 1].range)
            var advice = ""
            if case .word(let w) = s.arguments[1].value.kind, FieldStatements.field(named: asciiLowercased(w)) != nil {
                advice = "; put each statement on its own line or separate them with ';'"
            } else if isText {
                advice = "; quote a value with spaces: \(keyword) " + ScriptSyntax.quote(Self.plainText(s.arguments))
            }
            throw fail(.tooManyValues(keyword, count: s.arguments.count, advice: advice), at: extra)
        }
        let value = try evaluate(first.value, scope: scope)
        return Arg(text: try text(value, at: first.value.range, for: keyword), range: first.value.range)
    }

    /// Every value of a statement, each a single value.
    private func texts(_ s: FieldStatement, _ keyword: String, _ scope: Scope) throws(Abort) -> [Arg] {
        var out: [Arg] = []
        out.reserveCapacity(s.arguments.count)
        for argument in s.arguments {
            let value = try evaluate(argument.value, scope: scope)
            out.append(Arg(text: try text(value, at: argument.value.range, for: keyword), range: argument.value.range))
        }
        return out
    }

    /// The values of a list statement (`unit A, B`, `emails $list`): lists are spliced. Values
    /// must be separated by commas.
    private func values(_ s: FieldStatement, _ keyword: String, _ statement: Field.Statement, _ scope: Scope) throws(Abort) -> [Arg] {
        guard !s.arguments.isEmpty else {
            throw fail(.listValueMissing(keyword, sample: statement.sample), at: s.keywordRange)
        }
        var out: [Arg] = []
        for (i, argument) in s.arguments.enumerated() {
            if i > 0, !argument.afterComma {
                let joined = ScriptSyntax.quote(Self.plainText(Array(s.arguments[(i - 1)...])))
                throw fail(.listWithoutCommas(keyword, quoted: joined), at: argument.range)
            }
            let value = try evaluate(argument.value, scope: scope)
            if case .list(let items) = value {
                for item in items {
                    out.append(Arg(text: try text(item, at: argument.value.range, for: keyword), range: argument.value.range))
                }
            } else {
                out.append(Arg(text: try text(value, at: argument.value.range, for: keyword), range: argument.value.range))
            }
        }
        return out
    }

    /// The arguments' text joined by spaces, strings by their content: for "quote it" advice.
    static func plainText(_ arguments: [StatementArgument]) -> String {
        arguments.map { argument in
            if case .string(let parts, _) = argument.value.kind {
                return parts.map { part in
                    switch part {
                    case .text(let t): return t
                    case .interpolation(let name, let column, _): return "${" + name + (column.map { "." + $0 } ?? "") + "}"
                    }
                }.joined()
            }
            return argument.value.range.text
        }.joined(separator: " ")
    }

    private func integer(_ a: Arg, _ keyword: String, _ what: String) throws(Abort) -> Int {
        guard let n = FieldValueParser.integer(a.text) else {
            throw fail(.integerValue(keyword, what: what, got: a.text), at: a.range)
        }
        return n
    }

    private func date(_ a: Arg, _ keyword: String) throws(Abort) -> String {
        guard let date = FieldValueParser.date(a.text) else {
            throw fail(.dateValue(keyword, got: a.text), at: a.range)
        }
        return date
    }

    /// An enumerated value in its documented spelling.
    private func choice(_ a: Arg, _ allowed: [String], _ keyword: String) throws(Abort) -> String {
        if let v = FieldValueParser.enumerated(a.text, allowed: allowed) { return v }
        throw fail(.choiceValue(keyword, allowed: allowed.map { $0.lowercased() }, got: a.text), at: a.range)
    }

    // MARK: - Unknown and misplaced statements

    private func unknownStatement(_ s: FieldStatement, keyword: String, level: BlockLevel) -> Abort {
        let candidates = FieldStatements.names(at: level) + (level == .order ? FieldStatements.declarationKeywords + CommandStatement.names : [])
        var suggestion = Suggestion.didYouMean(keyword, in: candidates)
        if suggestion.isEmpty {
            // A statement of another block?
            suggestion = Suggestion.didYouMean(keyword, in: FieldStatements.allNames)
        }
        let inside = level == .order ? "" : " inside '\(level.rawValue) < >'"
        return fail(.unknownStatement(s.keyword, inside: inside, suggestion: suggestion), at: s.keywordRange)
    }

    private func misplaced(_ s: FieldStatement, keyword: String, statement: Field.Statement, level: BlockLevel) -> Abort {
        switch statement.block {
        case .certificate, .ship, .contact:
            let block = statement.block.rawValue
            return fail(.belongsInBlock(keyword, block: block, sample: statement.sample), at: s.keywordRange)
        case .order:
            return fail(.belongsToOrder(keyword, level: level.rawValue), at: s.keywordRange)
        }
    }
}
