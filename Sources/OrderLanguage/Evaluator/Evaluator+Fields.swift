import CertOrder

/// Field statements: each writes one part of the order's request and records where it was set.
extension Evaluator {
    /// An evaluated argument: its value and where it was written.
    struct Arg {
        var text: String
        var range: SourceRange
    }

    func field(_ s: FieldStatement, scope: Scope, target: Target) throws(Abort) {
        let keyword = asciiLowercased(s.keyword)
        guard let spec = s.spec else { throw unknownStatement(s, keyword: keyword, level: target.level) }
        guard spec.level == target.level else { throw misplaced(s, keyword: keyword, spec: spec, level: target.level) }
        let slot = try self.slot(for: target, keyword: keyword, at: s.keywordRange)

        if spec.isBlock {
            guard let block = s.block else {
                throw fail("'\(keyword)' needs a block: \(spec.usage)", at: s.keywordRange)
            }
            if let first = s.arguments.first {
                throw fail("'\(keyword)' takes no value, only a block: \(spec.usage)", at: first.range)
            }
            let inner = blockScope(block, scope)
            if spec.kind == .ship {
                try modify(slot) { o in
                    if o.request.shipInfo == nil {
                        o.request.shipInfo = OrderRequest.ShipInfo()
                        o.record("ship_info", s.keywordRange, nil)
                    }
                }
                run(block.statements, scope: inner, target: Target(slot: slot, level: .ship))
            } else {
                run(block.statements, scope: inner, target: Target(slot: slot, level: .certificate))
            }
            return
        }
        if let block = s.block {
            throw fail("'\(keyword)' takes no block; write \(spec.usage)", at: block.open)
        }
        let k = s.keywordRange

        switch spec.kind {
        case .hash:
            let a = try single(s, keyword, spec, scope, isText: false)
            let v = try choice(a, FieldStatements.hashValues, keyword)
            try modify(slot) { o in
                o.request.certificate.signatureHash = v
                o.record("certificate.signature_hash", k, a.range)
            }
        case .platform:
            let a = try single(s, keyword, spec, scope, isText: false)
            guard let id = FieldValueParser.platform(a.text) else {
                throw fail("'\(keyword)' takes an integer platform id or 'other'; got '\(a.text)'", at: a.range)
            }
            try modify(slot) { o in
                o.request.certificate.serverPlatform = OrderRequest.IDReference(id: id)
                o.record("certificate.server_platform", k, a.range)
                o.record("certificate.server_platform.id", k, a.range)
            }
        case .unit:
            let items = try values(s, keyword, spec, scope)
            try modify(slot) { o in
                var units = o.request.certificate.organizationUnits ?? []
                if o.origins["certificate.organization_units"] == nil { o.record("certificate.organization_units", k, nil) }
                for item in items {
                    o.record("certificate.organization_units[\(units.count)]", k, item.range)
                    units.append(item.text)
                }
                o.request.certificate.organizationUnits = units
            }
        case .csr:
            let a = try single(s, keyword, spec, scope, isText: true)
            try modify(slot) { o in
                o.request.certificate.csr = a.text
                o.record("certificate.csr", k, a.range)
            }
        case .organization:
            let a = try single(s, keyword, spec, scope, isText: false)
            let id = try integer(a, keyword, "an integer organization id")
            try modify(slot) { o in
                o.request.organization = OrderRequest.IDReference(id: id)
                o.record("organization", k, a.range)
                o.record("organization.id", k, a.range)
            }
        case .container:
            let a = try single(s, keyword, spec, scope, isText: false)
            let id = try integer(a, keyword, "an integer container id")
            try modify(slot) { o in
                o.request.container = OrderRequest.IDReference(id: id)
                o.record("container", k, a.range)
                o.record("container.id", k, a.range)
            }
        case .validity:
            try validity(s, keyword, scope, slot)
        case .orderValidity:
            let args = try texts(s, keyword, scope)
            guard args.count == 2 else {
                throw fail("'\(keyword)' takes a length and a unit: order_validity 1 years or order_validity 30 days",
                           at: args.count > 2 ? args[2].range.through(args[args.count - 1].range) : k)
            }
            let n = try integer(args[0], keyword, "a number")
            let unit = try self.unit(args[1], keyword)
            try modify(slot) { o in
                clearValidity(&o)
                o.request.orderValidity = unit == .years ? .init(years: n) : .init(days: n)
                o.record("order_validity", k, nil)
                o.record(unit == .years ? "order_validity.years" : "order_validity.days", k, args[0].range)
            }
        case .expirationDate:
            let a = try single(s, keyword, spec, scope, isText: false)
            let date = try self.date(a, keyword)
            try modify(slot) { o in
                clearValidity(&o)
                o.request.customExpirationDate = date
                o.record("custom_expiration_date", k, a.range)
            }
        case .provisioning:
            let a = try single(s, keyword, spec, scope, isText: false)
            let v = try choice(a, FieldStatements.provisioningValues, keyword)
            try modify(slot) { o in
                o.request.provisioningMethod = v
                o.record("cs_provisioning_method", k, a.range)
            }
        case .shipField(let name):
            let a = try single(s, keyword, spec, scope, isText: true)
            try modify(slot) { o in
                var ship = o.request.shipInfo ?? OrderRequest.ShipInfo()
                ship[field: name] = a.text
                o.request.shipInfo = ship
                o.record(spec.path, k, a.range)
            }
        case .method:
            let a = try single(s, keyword, spec, scope, isText: false)
            let v = try choice(a, FieldStatements.shippingValues, keyword)
            try modify(slot) { o in
                var ship = o.request.shipInfo ?? OrderRequest.ShipInfo()
                ship.method = v
                o.request.shipInfo = ship
                o.record("ship_info.method", k, a.range)
            }
        case .autoRenew:
            let a = try single(s, keyword, spec, scope, isText: false)
            let n = try integer(a, keyword, "a number of renewals")
            try modify(slot) { o in
                o.request.autoRenew = n
                o.record("auto_renew", k, a.range)
            }
        case .renewalOf:
            let a = try single(s, keyword, spec, scope, isText: false)
            let n = try integer(a, keyword, "an integer order id")
            try modify(slot) { o in
                o.request.renewalOfOrderID = n
                o.record("renewal_of_order_id", k, a.range)
            }
        case .renewalMessage:
            let a = try single(s, keyword, spec, scope, isText: true)
            try modify(slot) { o in
                o.request.renewalMessage = a.text
                o.record("custom_renewal_message", k, a.range)
            }
        case .comments:
            let a = try single(s, keyword, spec, scope, isText: true)
            try modify(slot) { o in
                o.request.comments = a.text
                o.record("comments", k, a.range)
            }
        case .alternativeOrderID:
            let a = try single(s, keyword, spec, scope, isText: true)
            try modify(slot) { o in
                o.request.alternativeOrderID = a.text
                o.record("alternative_order_id", k, a.range)
            }
        case .skipApproval:
            var value = true
            var range: SourceRange?
            if !s.arguments.isEmpty {
                let a = try single(s, keyword, spec, scope, isText: false)
                guard let b = FieldValueParser.boolean(a.text) else {
                    throw fail("'\(keyword)' takes true or false (a bare 'skip_approval' means true); got '\(a.text)'", at: a.range)
                }
                value = b
                range = a.range
            }
            try modify(slot) { o in
                o.request.skipApproval = value
                o.record("skip_approval", k, range)
            }
        case .emails:
            let items = try values(s, keyword, spec, scope)
            try modify(slot) { o in
                var emails = o.request.additionalEmails ?? []
                if o.origins["additional_emails"] == nil { o.record("additional_emails", k, nil) }
                for item in items {
                    o.record("additional_emails[\(emails.count)]", k, item.range)
                    emails.append(item.text)
                }
                o.request.additionalEmails = emails
            }
        case .customField:
            let args = try texts(s, keyword, scope)
            guard args.count == 2 else {
                if args.count > 2 {
                    throw fail("'\(keyword)' takes an id and one value; quote a value with spaces: custom_field 12 \"two words\"",
                               at: args[2].range.through(args[args.count - 1].range))
                }
                throw fail("'\(keyword)' needs an id and a value: \(spec.usage)", at: args.first?.range ?? k)
            }
            let id = try integer(args[0], keyword, "an integer metadata id first")
            try modify(slot) { o in
                var fields = o.request.customFields ?? []
                let i = fields.count
                if o.origins["custom_fields"] == nil { o.record("custom_fields", k, nil) }
                o.record("custom_fields[\(i)]", k, args[1].range)
                o.record("custom_fields[\(i)].metadata_id", k, args[0].range)
                o.record("custom_fields[\(i)].value", k, args[1].range)
                fields.append(OrderRequest.CustomFieldValue(metadataID: id, value: args[1].text))
                o.request.customFields = fields
            }
        case .payment:
            let a = try single(s, keyword, spec, scope, isText: false)
            let v = try choice(a, FieldStatements.paymentValues, keyword)
            try modify(slot) { o in
                o.request.paymentMethod = v
                o.record("payment_method", k, a.range)
            }
        case .certificate, .ship:
            break // handled above
        }
    }

    // MARK: - Validity

    private enum LengthUnit { case years, days }

    private func validity(_ s: FieldStatement, _ keyword: String, _ scope: Scope, _ slot: Slot) throws(Abort) {
        let args = try texts(s, keyword, scope)
        let k = s.keywordRange
        let usage = "validity 1 (years), validity 30 days or validity until 2027-05-31"
        guard !args.isEmpty else { throw fail("'\(keyword)' needs a length: \(usage)", at: k) }
        if args.count > 2 {
            throw fail("'\(keyword)' takes at most two values: \(usage)", at: args[2].range.through(args[args.count - 1].range))
        }
        if asciiLowercased(args[0].text) == "until" {
            guard args.count == 2 else { throw fail("'validity until' needs a date: validity until 2027-05-31", at: args[0].range) }
            let date = try self.date(args[1], "validity until")
            try modify(slot) { o in
                clearValidity(&o)
                o.request.customExpirationDate = date
                o.record("custom_expiration_date", k, args[1].range)
            }
            return
        }
        guard let n = FieldValueParser.integer(args[0].text) else {
            throw fail("'\(keyword)' takes a number of years or days, or 'until DATE' (\(usage)); got '\(args[0].text)'", at: args[0].range)
        }
        let unit = args.count == 2 ? try self.unit(args[1], keyword) : .years
        try modify(slot) { o in
            clearValidity(&o)
            if unit == .years {
                o.request.validityYears = n
                o.record("validity_years", k, args[0].range)
            } else {
                o.request.orderValidity = .init(days: n)
                o.record("order_validity", k, nil)
                o.record("order_validity.days", k, args[0].range)
            }
        }
    }

    private func unit(_ a: Arg, _ keyword: String) throws(Abort) -> LengthUnit {
        switch asciiLowercased(a.text) {
        case "year", "years": return .years
        case "day", "days": return .days
        default:
            throw fail(suggesting("'\(keyword)' counts years or days; got '\(a.text)'", Suggestion.didYouMean(a.text, in: ["years", "days"])), at: a.range)
        }
    }

    /// Every validity form replaces the others (as the DSL's `Validity` does).
    private func clearValidity(_ o: inout CompiledOrder) {
        o.request.validityYears = nil
        o.request.orderValidity = nil
        o.request.customExpirationDate = nil
        o.forget("validity_years")
        o.forget("order_validity")
        o.forget("custom_expiration_date")
    }

    // MARK: - Arguments

    /// The one value of a scalar statement.
    private func single(_ s: FieldStatement, _ keyword: String, _ spec: FieldStatementSpec, _ scope: Scope,
                        isText: Bool) throws(Abort) -> Arg {
        guard let first = s.arguments.first else {
            throw fail("'\(keyword)' needs a value: \(spec.usage)", at: s.keywordRange)
        }
        if s.arguments.count > 1 {
            let extra = s.arguments[1].range.through(s.arguments[s.arguments.count - 1].range)
            var advice = ""
            if case .word(let w) = s.arguments[1].value.kind, FieldStatements.byName[asciiLowercased(w)] != nil {
                advice = "; put each statement on its own line or separate them with ';'"
            } else if isText {
                advice = "; quote a value with spaces: \(keyword) " + ScriptSyntax.quote(Self.plainText(s.arguments))
            }
            throw fail("'\(keyword)' takes one value; got \(s.arguments.count)\(advice)", at: extra)
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
    private func values(_ s: FieldStatement, _ keyword: String, _ spec: FieldStatementSpec, _ scope: Scope) throws(Abort) -> [Arg] {
        guard !s.arguments.isEmpty else {
            throw fail("'\(keyword)' needs at least one value: \(spec.usage)", at: s.keywordRange)
        }
        var out: [Arg] = []
        for (i, argument) in s.arguments.enumerated() {
            if i > 0, !argument.afterComma {
                let joined = ScriptSyntax.quote(Self.plainText(Array(s.arguments[(i - 1)...])))
                throw fail("'\(keyword)' takes values separated by commas; quote a value with spaces: \(joined)", at: argument.range)
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
    static func plainText(_ arguments: [Argument]) -> String {
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
            throw fail("'\(keyword)' takes \(what); got '\(a.text)'", at: a.range)
        }
        return n
    }

    private func date(_ a: Arg, _ keyword: String) throws(Abort) -> String {
        guard let date = FieldValueParser.date(a.text) else {
            throw fail("'\(keyword)' takes a calendar date as YYYY-MM-DD; got '\(a.text)'", at: a.range)
        }
        return date
    }

    /// An enumerated value in its documented spelling.
    private func choice(_ a: Arg, _ allowed: [String], _ keyword: String) throws(Abort) -> String {
        if let v = FieldValueParser.enumerated(a.text, allowed: allowed) { return v }
        let shown = allowed.map { $0.lowercased() }
        throw fail(suggesting("'\(keyword)' must be \(FieldValueParser.describe(shown)); got '\(a.text)'",
                              Suggestion.didYouMean(a.text.lowercased(), in: shown)), at: a.range)
    }

    // MARK: - Unknown and misplaced statements

    private func unknownStatement(_ s: FieldStatement, keyword: String, level: BlockLevel) -> Abort {
        let candidates = FieldStatements.names(at: level) + (level == .order ? FieldStatements.declarationKeywords + Command.names : [])
        var suggestion = Suggestion.didYouMean(keyword, in: candidates)
        if suggestion.isEmpty {
            // A statement of another block?
            suggestion = Suggestion.didYouMean(keyword, in: FieldStatements.allNames)
        }
        let inside = level == .order ? "" : " inside '\(level.rawValue) < >'"
        let advice = suggestion.isEmpty
            ? "; 'help' lists the statements"
            : "." + suggestion
        return fail("unknown statement '\(s.keyword)'\(inside)\(advice)", at: s.keywordRange)
    }

    private func misplaced(_ s: FieldStatement, keyword: String, spec: FieldStatementSpec, level: BlockLevel) -> Abort {
        switch spec.level {
        case .certificate:
            return fail("'\(keyword)' belongs inside a certificate block: certificate < \(spec.usage) >", at: s.keywordRange)
        case .ship:
            return fail("'\(keyword)' belongs inside a ship block: ship < \(spec.usage) >", at: s.keywordRange)
        case .order:
            return fail("'\(keyword)' belongs to the order, not inside '\(level.rawValue) < >'; move it after the block's '>'",
                        at: s.keywordRange)
        }
    }
}
