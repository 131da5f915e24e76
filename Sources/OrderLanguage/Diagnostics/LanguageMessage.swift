import CertOrder

/// The wording of every diagnostic the order language reports, in one place, as swift-syntax
/// keeps a module's messages in one file. Each constructor is named after its
/// ``LanguageMessageID`` and gives the severity and the text; the scanner, parser and evaluator
/// name the message (`fail(.unclosedList, at: open.range)`) and never spell a sentence, so a
/// rewording is one edit here plus the golden test that pins it.
///
/// Messages whose text another part owns (a field path's error from the catalogue, a file's read
/// error, a command handler's failure) keep that text and gain the ID of their kind.
public struct LanguageMessage: Hashable, Sendable {
    public let id: LanguageMessageID
    public let severity: Diagnostic.Severity
    /// What is wrong and what to do.
    public let text: String

    public init(_ id: LanguageMessageID, _ text: String, severity: Diagnostic.Severity = .error) {
        self.id = id
        self.severity = severity
        self.text = text
    }
}

/// `message.` plus the did-you-mean, or `message` alone when there is no suggestion.
func suggesting(_ message: String, _ suggestion: String) -> String {
    suggestion.isEmpty ? message : message + "." + suggestion
}

// MARK: - Tokens and strings

extension LanguageMessage {
    static let unexpectedMinus = Self(.unexpectedMinus, "unexpected '-'; a negative number is written -1 and a flag --name")

    static func singleQuotedText(_ inner: String) -> Self {
        .init(.singleQuotedText, "unexpected ''...''; strings use double quotes: \"\(inner)\"")
    }

    static let bracedText = Self(.bracedText, "unexpected '{...}'; blocks are written < ... >, variables $name")

    /// A byte no token starts with; the advice depends on which.
    static func unexpectedCharacter(_ byte: UInt8) -> Self {
        let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
        let advice: String
        switch byte {
        case 0x27: advice = "; strings use double quotes: \"...\""
        case 0x7B, 0x7D: advice = "; blocks are written < ... >"
        case 0x5C: advice = "; a backslash escape belongs inside a string"
        default: advice = "; quote the value: \"...\""
        }
        return .init(.unexpectedCharacter, "unexpected \(shown)\(advice)")
    }

    static func notADate(_ lexeme: String) -> Self {
        .init(.notADate, "'\(lexeme)' is not a date; write dates as YYYY-MM-DD")
    }

    static func wordStartsWithDigit(_ lexeme: String) -> Self {
        .init(.wordStartsWithDigit, "a word cannot start with a digit; quote it: \"\(lexeme)\"")
    }

    static func interpolationOutsideString(_ name: String) -> Self {
        .init(.interpolationOutsideString, "'${...}' interpolates inside a string; outside one write $\(name)")
    }

    static let dollarWithoutName = Self(.dollarWithoutName, "'$' must be followed by a variable name: $name or $name.column")
    static let multilinePath = Self(.multilinePath, "a file path is a one-line string: @\"path\"")
    static let atWithoutPath = Self(.atWithoutPath, "'@' must be followed by a path: @request.csr or @\"my file.csr\"")
    static let unterminatedString = Self(.unterminatedString,
        "unterminated string; close it with \" on the same line, or use \"\"\" for several lines")
    static let loneBackslash = Self(.loneBackslash, "a string cannot end with a lone backslash; write \\\\")
    static let backslashNewline = Self(.backslashNewline, "a backslash cannot continue a string on the next line; use \"\"\" for several lines")
    static let unicodeEscapeForm = Self(.unicodeEscapeForm, "a Unicode escape is written \\u{1F600}")

    static func unicodeEscapeInvalid(_ escape: String) -> Self {
        .init(.unicodeEscapeInvalid, "'\(escape)' is not a Unicode character; write 1 to 8 hex digits of a code point: \\u{1F600}")
    }

    static func unknownEscape(_ shown: String) -> Self {
        .init(.unknownEscape, "unknown escape '\\\(shown)'; the escapes are \\\" \\\\ \\n \\t \\r \\0 \\$ \\u{...}")
    }

    static let interpolationForm = Self(.interpolationForm, "interpolation is written ${name} or ${name.column}; write \\$ for a dollar sign")
    static let interpolationUnclosed = Self(.interpolationUnclosed, "interpolation is written ${name} or ${name.column}; close it with }")
    static let nulByte = Self(.nulByte, "a string cannot contain a NUL byte (0x00); remove it")
    static let unterminatedBlockString = Self(.unterminatedBlockString, "unterminated multi-line string; close it with \"\"\"")
}

// MARK: - Statements, blocks and lists

extension LanguageMessage {
    static let invalidToken = Self(.invalidToken, "invalid token")

    /// `found` is the token as messages name it (``Token/quoted``).
    static func expectedStatement(found: String) -> Self {
        .init(.expectedStatement, "expected a statement, found \(found)")
    }

    static func statementStartsWithVariable(_ name: String) -> Self {
        .init(.statementStartsWithVariable, "a statement starts with a keyword, not a value; to bind a variable write 'let \(name) = ...'")
    }

    static func statementStartsWithValue(_ found: String) -> Self {
        .init(.statementStartsWithValue, "a statement starts with a keyword, not a value such as \(found); a field is written 'city Richmond'")
    }

    static func expectedStatementEnd(found: String) -> Self {
        .init(.expectedStatementEnd, "expected a line break or ';' after the statement, found \(found); write one statement per line")
    }

    static let blockWithoutStatement = Self(.blockWithoutStatement, "a block '<' must follow a statement such as 'certificate' or 'ship'")
    static let unopenedBlock = Self(.unopenedBlock, "unexpected '>': no block is open here")

    static func expectedBlockOpen(_ keyword: String) -> Self {
        .init(.expectedBlockOpen, "expected '<' to open the block of '\(keyword)'")
    }

    static func unclosedBlock(_ keyword: String) -> Self {
        .init(.unclosedBlock, "the block of '\(keyword)' is not closed; add '>' to close it")
    }

    /// `context` says what the value is for (`for the product`).
    static func expectedValue(_ context: String, found: String) -> Self {
        .init(.expectedValue, "expected a value \(context), found \(found)")
    }

    static let unclosedList = Self(.unclosedList, "the list is not closed; add ']'")

    static func listSeparator(found: String) -> Self {
        .init(.listSeparator, "expected ',' or ']' in the list, found \(found)")
    }

    /// `what` names the expected name (`a recipe name`), `example` shows one.
    static func expectedName(_ what: String, example: String, found: String) -> Self {
        .init(.expectedName, "expected \(what) (\(example)), found \(found)")
    }

    static func invalidName(_ text: String, what: String) -> Self {
        .init(.invalidName, "'\(text)' is not a valid name; \(what) is letters, digits and '_'")
    }

    static let valueAfterComma = Self(.valueAfterComma, "expected a value after ','")
    static let unexpectedComma = Self(.unexpectedComma, "unexpected ','; commas separate values: unit A, B")

    static func flagOnStatement(_ keyword: String, flag: String) -> Self {
        .init(.flagOnStatement, "'\(keyword)' takes no flags; flags such as --\(flag) follow commands")
    }

    static func unexpectedArgument(_ found: String, in keyword: String) -> Self {
        .init(.unexpectedArgument, "unexpected \(found) in '\(keyword)'")
    }

    static func commandWithBlock(_ name: String) -> Self {
        .init(.commandWithBlock, "'\(name)' is a command and takes no block")
    }

    static func redirectionWithoutFile(_ operatorText: String) -> Self {
        .init(.redirectionWithoutFile, "'\(operatorText)' needs a file name after it: json \(operatorText) order.json")
    }

    static func redirectionNotTaken(_ name: String, commands: [String]) -> Self {
        .init(.redirectionNotTaken, "'\(name)' prints no data to write to a file; '>' follows \(CommandSpec.list(commands))")
    }

    static let orderWithoutProduct = Self(.orderWithoutProduct,
        "'order' needs a product: order code_signing < ... > or order code_signing_ev < ... >")

    static func orderExpectedBlock(found: String) -> Self {
        .init(.orderExpectedBlock, "expected '<' to open the order's block, found \(found)")
    }

    static func letExpectedEquals(_ name: String) -> Self {
        .init(.letExpectedEquals, "expected '=' after 'let \(name)': let \(name) = VALUE")
    }

    static func parameterTwice(_ name: String) -> Self {
        .init(.parameterTwice, "parameter '\(name)' is declared twice")
    }

    static let unclosedParameters = Self(.unclosedParameters, "the parameter list is not closed; add ')'")

    static func parameterSeparator(after parameter: String, found: String) -> Self {
        .init(.parameterSeparator, "expected ',' or ')' after parameter '\(parameter)', found \(found)")
    }

    static let positionalAfterNamed = Self(.positionalAfterNamed,
        "positional arguments come before named ones; name this one too (name: value)")
    static let unclosedArguments = Self(.unclosedArguments, "the argument list is not closed; add ')'")

    static func argumentSeparator(found: String) -> Self {
        .init(.argumentSeparator, "expected ',' or ')' between arguments, found \(found)")
    }

    static let includeWithoutPath = Self(.includeWithoutPath, "'include' needs a path: include \"recipes/common.order\"")

    static func forExpectedIn(_ variable: String) -> Self {
        .init(.forExpectedIn, "expected 'in' after 'for \(variable)': for \(variable) in [a, b] < ... >")
    }

    static func csvWithoutFile(_ variable: String) -> Self {
        .init(.csvWithoutFile, "'csv' needs a file: for \(variable) in csv \"developers.csv\" < ... >")
    }

    static func forSequence(found: String) -> Self {
        .init(.forSequence, "'for' iterates a list [a, b], a variable holding one, or csv \"file\"; found \(found)")
    }
}

// MARK: - Fields

extension LanguageMessage {
    /// `advice` is `; 'help' lists the statements` or a did-you-mean; `inside` names the block
    /// (empty at the order's level).
    static func unknownStatement(_ keyword: String, inside: String, suggestion: String) -> Self {
        let advice = suggestion.isEmpty ? "; 'help' lists the statements" : "." + suggestion
        return .init(.unknownStatement, "unknown statement '\(keyword)'\(inside)\(advice)")
    }

    static func belongsInBlock(_ keyword: String, block: String, sample: String) -> Self {
        .init(.belongsInBlock, "'\(keyword)' belongs inside a \(block) block: \(block) < \(sample) >")
    }

    static func belongsToOrder(_ keyword: String, level: String) -> Self {
        .init(.belongsToOrder, "'\(keyword)' belongs to the order, not inside '\(level) < >'; move it after the block's '>'")
    }

    static func blockMissing(_ keyword: String, sample: String) -> Self {
        .init(.blockMissing, "'\(keyword)' needs a block: \(sample)")
    }

    static func valueBeforeBlock(_ keyword: String, sample: String) -> Self {
        .init(.valueBeforeBlock, "'\(keyword)' takes no value, only a block: \(sample)")
    }

    static func unexpectedBlock(_ keyword: String, sample: String) -> Self {
        .init(.unexpectedBlock, "'\(keyword)' takes no block; write \(sample)")
    }

    static func notWritable(_ keyword: String) -> Self {
        .init(.notWritable, "'\(keyword)' cannot be written on its own")
    }

    static func valueMissing(_ keyword: String, sample: String) -> Self {
        .init(.valueMissing, "'\(keyword)' needs a value: \(sample)")
    }

    /// `advice` starts with `; ` or is empty.
    static func tooManyValues(_ keyword: String, count: Int, advice: String) -> Self {
        .init(.tooManyValues, "'\(keyword)' takes one value; got \(count)\(advice)")
    }

    static func listValueMissing(_ keyword: String, sample: String) -> Self {
        .init(.listValueMissing, "'\(keyword)' needs at least one value: \(sample)")
    }

    static func listWithoutCommas(_ keyword: String, quoted: String) -> Self {
        .init(.listWithoutCommas, "'\(keyword)' takes values separated by commas; quote a value with spaces: \(quoted)")
    }

    static func booleanValue(_ keyword: String, name: String, got: String) -> Self {
        .init(.booleanValue, "'\(keyword)' takes true or false (a bare '\(name)' means true); got '\(got)'")
    }

    /// `what` describes the integer wanted (`an integer`, `a number`).
    static func integerValue(_ keyword: String, what: String, got: String) -> Self {
        .init(.integerValue, "'\(keyword)' takes \(what); got '\(got)'")
    }

    static func dateValue(_ keyword: String, got: String) -> Self {
        .init(.dateValue, "'\(keyword)' takes a calendar date as YYYY-MM-DD; got '\(got)'")
    }

    static func choiceValue(_ keyword: String, allowed: [String], got: String) -> Self {
        .init(.choiceValue, suggesting("'\(keyword)' must be \(FieldValueParser.describe(allowed)); got '\(got)'",
                                       Suggestion.didYouMean(got.lowercased(), in: allowed)))
    }

    static func orderValidityForm(_ keyword: String) -> Self {
        .init(.orderValidityForm, "'\(keyword)' takes a length and a unit: order_validity 1 years or order_validity 30 days")
    }

    static let validityUsage = "validity 1 (years), validity 30 days or validity until 2027-05-31"

    static func validityLengthMissing(_ keyword: String) -> Self {
        .init(.validityLengthMissing, "'\(keyword)' needs a length: \(validityUsage)")
    }

    static func validityExtraValues(_ keyword: String) -> Self {
        .init(.validityExtraValues, "'\(keyword)' takes at most two values: \(validityUsage)")
    }

    static let validityUntilDate = Self(.validityUntilDate, "'validity until' needs a date: validity until 2027-05-31")

    static func validityForm(_ keyword: String, got: String) -> Self {
        .init(.validityForm, "'\(keyword)' takes a number of years or days, or 'until DATE' (\(validityUsage)); got '\(got)'")
    }

    static func lengthUnit(_ keyword: String, got: String) -> Self {
        .init(.lengthUnit, suggesting("'\(keyword)' counts years or days; got '\(got)'", Suggestion.didYouMean(got, in: ["years", "days"])))
    }

    static func customFieldExtraValues(_ keyword: String) -> Self {
        .init(.customFieldExtraValues, "'\(keyword)' takes an id and one value; quote a value with spaces: custom_field 12 \"two words\"")
    }

    static func customFieldIncomplete(_ keyword: String, sample: String) -> Self {
        .init(.customFieldIncomplete, "'\(keyword)' needs an id and a value: \(sample)")
    }

    /// A number of days that is no whole number from 1 to the certificate cap.
    static func renewWithinDays(_ keyword: String, got: String) -> Self {
        .init(.renewWithinDays, "'\(keyword)' takes a number of days from 1 to \(Validator.maximumCertificateDays) (the longest a certificate lasts); got '\(got)'")
    }

    /// `got` is `nil` when the unit is missing.
    static func renewWithinUnit(_ keyword: String, days: String, got: String?) -> Self {
        guard let got else {
            return .init(.renewWithinUnit, "'\(keyword)' counts days; write \(keyword) \(days) days")
        }
        return .init(.renewWithinUnit, suggesting("'\(keyword)' counts days; got '\(got)'", Suggestion.didYouMean(got.lowercased(), in: ["days"])))
    }

    static func renewWithinExtra(_ keyword: String) -> Self {
        .init(.renewWithinExtra, "'\(keyword)' takes a number and its unit: renew_within 30 days")
    }

    static func declaredNameSeparator(_ keyword: String, name: String) -> Self {
        .init(.declaredNameSeparator, "'\(keyword)' may not hold '\(DeclaredName.separator)', which separates a name from its renewals' numbers (\(DeclaredName.alternativeID(name, generation: 1)))")
    }

    static func declaredNameLength(_ keyword: String, count: Int) -> Self {
        .init(.declaredNameLength, "'\(keyword)' is at most \(DeclaredName.maximumLength) characters, so its renewals' ids fit in 64; got \(count)")
    }

    /// `other` is where the other value was written, `line:column`.
    static func declaredNameConflict(name: String, alternativeID: String, other: String) -> Self {
        .init(.declaredNameConflict, "the order's name '\(name)' and its alternative_order_id '\(alternativeID)' differ (the other is at \(other)); give one of them, or the same value")
    }
}

// MARK: - Orders, recipes, files, loops and values

extension LanguageMessage {
    static func noOrder(_ keyword: String) -> Self {
        .init(.noOrder, "no order to apply '\(keyword)' to; start one with 'order code_signing_ev < ... >' or 'new code_signing_ev'")
    }

    static let nestedOrder = Self(.nestedOrder,
        "an order cannot be inside another order; close the first with '>' before starting the next")

    static func unknownProduct(_ name: String) -> Self {
        let names = Product.allCases.map(\.rawValue) + ["cs", "ev"]
        return .init(.unknownProduct, suggesting("unknown product '\(name)'; the products are code_signing (cs) and code_signing_ev (ev)",
                                                 Suggestion.didYouMean(name, in: names)))
    }

    /// `known` are the recipes visible where it was used.
    static func unknownRecipe(_ name: String, known: [String]) -> Self {
        let hint = known.isEmpty
            ? "; define it with 'recipe \(name) < ... >' or include a recipe library"
            : "." + Suggestion.didYouMean(name, in: known)
        return .init(.unknownRecipe, "unknown recipe '\(name)'\(hint == "." ? "; 'recipes' lists them" : hint)")
    }

    /// `cycle` is the chain of uses, `a → b → a`.
    static func recipeCycle(_ name: String, cycle: String) -> Self {
        .init(.recipeCycle, "recipe '\(name)' uses itself (\(cycle)); a recipe cannot use itself")
    }

    static func unknownParameter(_ label: String, of recipe: String, parameters: [String], signature: String) -> Self {
        .init(.unknownParameter, "'\(recipe)' has no parameter '\(label)'." + Suggestion.didYouMean(label, in: parameters)
              + " Signature: \(signature)")
    }

    static func recipeTakesNoArguments(_ name: String) -> Self {
        .init(.recipeTakesNoArguments, "'\(name)' takes no arguments; write 'use \(name)'")
    }

    static func tooManyRecipeArguments(_ name: String, count: Int, signature: String) -> Self {
        .init(.tooManyRecipeArguments, "too many arguments: '\(name)' takes \(count). Signature: \(signature)")
    }

    static func argumentTwice(_ name: String, signature: String) -> Self {
        .init(.argumentTwice, "argument '\(name)' is given twice. Signature: \(signature)")
    }

    static func missingRecipeArguments(_ missing: [String], of name: String, signature: String) -> Self {
        let list = missing.map { "'\($0)'" }.joined(separator: ", ")
        return .init(.missingRecipeArguments,
                     "missing argument\(missing.count == 1 ? "" : "s") \(list) of '\(name)'. Signature: \(signature)")
    }

    /// `verb` is `include` or `load`; `cycle` the files, the repeated one last.
    static func fileCycle(_ verb: String, cycle: [String]) -> Self {
        .init(.fileCycle, "\(verb) cycle: \(cycle.joined(separator: " → ")); remove one of these \(verb == "load" ? "loads" : "includes")")
    }

    /// A file that cannot be read: the reader's message (`cannot read 'x': no such file`), with
    /// advice about relative paths when `named` (the script named the file).
    static func unreadableFile(_ error: SourceError, named: Bool = false) -> Self {
        let hint = named && error.message.hasSuffix("no such file") ? "; paths are relative to the folder of the file that names them" : ""
        return .init(.unreadableFile, error.message + hint)
    }

    static func notUTF8(_ name: String) -> Self {
        .init(.notUTF8, "cannot read '\(name)': it is not UTF-8 text")
    }

    static func forNotList(_ text: String, typeName: String) -> Self {
        .init(.forNotList, "'for' iterates a list such as [a, b] or a CSV file (csv \"file\"); '\(text)' is \(typeName)")
    }

    static func csvEmpty(_ name: String) -> Self {
        .init(.csvEmpty, "'\(name)' has no rows; its first row must name the columns")
    }

    static let csvUnclosedQuote = Self(.csvUnclosedQuote, "a quoted field is not closed; end it with '\"' (write a quote inside as \"\")")
    static let csvTextAfterQuote = Self(.csvTextAfterQuote, "text after a closing quote; quote the whole field and write a quote inside as \"\"")

    /// `number` counts from 1.
    static func csvUnnamedColumn(_ number: Int) -> Self {
        .init(.csvUnnamedColumn, "column \(number) of the header has no name; name every column")
    }

    static func csvColumnTwice(_ name: String) -> Self {
        .init(.csvColumnTwice, "column '\(name)' appears twice in the header; give each column its own name")
    }

    static func csvRowWidth(fields: Int, columns: Int) -> Self {
        .init(.csvRowWidth, "this row has \(fields) field\(fields == 1 ? "" : "s") but the header has \(columns); quote fields that contain commas")
    }

    /// `visible` are the names in scope, for the did-you-mean.
    static func unknownVariable(_ name: String, visible: [String]) -> Self {
        let suggestion = Suggestion.didYouMean(name, in: visible)
        return .init(.unknownVariable, "unknown variable '$\(name)'"
                     + (suggestion.isEmpty ? "; bind it first with 'let \(name) = ...' (or --param \(name)=...)" : "." + suggestion))
    }

    static func interpolatedNonText(_ name: String, typeName: String) -> Self {
        .init(.interpolatedNonText, "'${\(name)}' is \(typeName); only a single value can be put in a string")
    }

    static func columnOfNonRow(_ name: String, typeName: String, column: String) -> Self {
        .init(.columnOfNonRow, "'$\(name)' is \(typeName), not a CSV row, so '.\(column)' cannot be read; columns are read from the variable of 'for \(name) in csv \"file\"'")
    }

    static func unknownColumn(_ column: String, file: String, columns: [String]) -> Self {
        .init(.unknownColumn, suggesting("\(file) has no column '\(column)' (its columns: \(columns.joined(separator: ", ")))",
                                         Suggestion.didYouMean(column, in: columns)))
    }

    static func rowWithoutColumn(_ name: String, columns: [String]) -> Self {
        .init(.rowWithoutColumn, "'$\(name)' is a CSV row; name a column: $\(name).\(columns.first ?? "column") (columns: \(columns.joined(separator: ", ")))")
    }

    static func listForSingleValue(_ keyword: String) -> Self {
        .init(.listForSingleValue, "'\(keyword)' takes a single value here, not a list")
    }

    static func rowForSingleValue(_ keyword: String, columns: [String]) -> Self {
        .init(.rowForSingleValue, "'\(keyword)' takes a single value, not a CSV row; name a column such as .\(columns.first ?? "column")")
    }
}

// MARK: - Commands

extension LanguageMessage {
    static func unknownCommand(_ name: String) -> Self {
        .init(.unknownCommand, "unknown command '\(name)'; 'help' lists the commands")
    }

    static func flagNotTaken(_ command: String, flag: String) -> Self {
        .init(.flagNotTaken, "'\(command)' takes no flag --\(flag)")
    }

    /// `flags` are the command's flags as written (`--json`).
    static func unknownFlag(_ command: String, flag: String, flags: [String]) -> Self {
        .init(.unknownFlag, suggesting("'\(command)' has no flag --\(flag); its flags are \(CommandSpec.list(flags))",
                                       Suggestion.didYouMean("--" + flag, in: flags)))
    }

    static func flagValueMissing(_ command: String, flag: String, valueName: String) -> Self {
        .init(.flagValueMissing, "--\(flag) needs a value: \(command) --\(flag) \(valueName)")
    }

    /// `arity` is the spec's own message for a wrong count, when it has one.
    static func tooManyCommandArguments(_ command: String, maximum: Int, usage: String, arity: String?) -> Self {
        .init(.tooManyCommandArguments, arity ?? (maximum == 0
            ? "'\(command)' takes no arguments"
            : "too many arguments: '\(command)' takes at most \(maximum); usage: \(usage)"))
    }

    static func missingCommandArguments(usage: String, arity: String?) -> Self {
        .init(.missingCommandArguments, arity ?? "usage: \(usage)")
    }

    /// `what` says what the command does (`starts a new draft`).
    static func commandInsideBlock(_ name: String, what: String) -> Self {
        .init(.commandInsideBlock, "'\(name)' \(what); it cannot be used inside a block")
    }

    static let noDraft = Self(.noDraft, "no draft to edit; start one with 'new code_signing_ev' or an 'order' block")

    /// A `set` or `unset` the field catalogue refused; the catalogue words the message.
    static func fieldPath(_ error: FieldPathError) -> Self {
        let id: LanguageMessageID
        switch error.kind {
        case .unknownPath: id = .unknownFieldPath
        case .notAssignable: id = .fieldPathNotAssignable
        case .invalidValue: id = .fieldPathValue
        case .indexOutOfRange: id = .fieldPathIndex
        }
        return .init(id, error.message)
    }

    static let productWithScript = Self(.productWithScript, "a product is given only with a JSON payload; the script names its own")

    static func loadedJSONArray(_ name: String) -> Self {
        .init(.loadedJSONArray, "'\(name)' holds a JSON array; load reads one payload (a JSON object)")
    }

    /// `location` is ` (line L, column C)` or empty.
    /// A JSON payload that does not parse, shown at the place of the syntax error.
    package static func payloadSyntax(_ description: String) -> Self {
        .init(.payloadSyntax, description)
    }

    /// A payload given where a script could stand (`certorder send x.json`) whose product
    /// nothing names: a guess would pick the endpoint, and EV costs more.
    static func payloadProductUnnamed() -> Self {
        .init(.payloadProductUnnamed, "the payload does not name its product; give it with --product code_signing or --product code_signing_ev "
              + "(the output of 'certorder compile --requests' names it)")
    }

    static func notAPayload(_ name: String, problem: String, location: String) -> Self {
        .init(.notAPayload, "'\(name)' is not an order payload: \(problem)\(location)")
    }

    static func productAssumed(_ argument: String) -> Self {
        .init(.productAssumed, "the payload does not name its product; loaded as code_signing (write 'load \(argument) ev' for EV)",
              severity: .warning)
    }

    static func commandHeldByFailedCommand(_ name: String) -> Self {
        .init(.commandHeldByFailedCommand, "'\(name)' is not run: a command of the script has an error", severity: .warning)
    }

    static func commandHeldByErrors(_ name: String) -> Self {
        .init(.commandHeldByErrors, "'\(name)' is not run: the script has errors above", severity: .warning)
    }

    static func shellCommandSkipped(_ name: String) -> Self {
        .init(.shellCommandSkipped, "'\(name)' is a command of the shell; it runs in the shell or with 'certorder run' and is skipped here",
              severity: .warning)
    }

    /// A command handler's failure, worded by the handler.
    static func commandFailed(_ error: CommandError) -> Self {
        .init(.commandFailed, error.message)
    }
}

// MARK: - Limits

extension LanguageMessage {
    /// The task was cancelled (Ctrl-C in the shell, a signal during `run`) mid-evaluation.
    static var evaluationInterrupted: Self {
        .init(.evaluationInterrupted, "interrupted: the evaluation stopped here")
    }

    static func tooManyErrors(_ maximum: Int) -> Self {
        .init(.tooManyErrors, "too many errors (\(maximum)); stopping here")
    }

    static func moreErrorsNotShown(_ count: Int) -> Self {
        .init(.moreErrorsNotShown, "\(count) more error\(count == 1 ? "" : "s") not shown")
    }

    /// An error when any hidden one is an error, else a warning.
    static func moreDiagnosticsNotShown(_ count: Int, severity: Diagnostic.Severity) -> Self {
        .init(.moreDiagnosticsNotShown, "\(count) more diagnostic\(count == 1 ? "" : "s") not shown", severity: severity)
    }

    static func tooManyTokens(_ maximum: Int) -> Self {
        .init(.tooManyTokens, "the script has more than \(maximum) tokens; split it into files")
    }

    static func blocksTooDeep(_ maximum: Int) -> Self {
        .init(.blocksTooDeep, "blocks nest more than \(maximum) deep; flatten the script")
    }

    static func listsTooDeep(_ maximum: Int) -> Self {
        .init(.listsTooDeep, "lists nest more than \(maximum) deep; flatten the value")
    }

    static func recipesTooDeep(_ maximum: Int, first: String, last: String) -> Self {
        .init(.recipesTooDeep, "recipes use one another more than \(maximum) deep (\(first) → … → \(last)); flatten the chain")
    }

    static func includesTooDeep(_ maximum: Int) -> Self {
        .init(.includesTooDeep, "includes nest more than \(maximum) deep")
    }

    static func tooManySteps(_ maximum: Int) -> Self {
        .init(.tooManySteps, "the script runs more than \(maximum) steps (statements, loop iterations and list items); "
              + "it probably loops far more than intended")
    }

    static func listTooLarge(_ maximum: Int) -> Self {
        .init(.listTooLarge, "this list holds more than \(maximum) items; a value may be at most that large")
    }

    static func nestedListTooLarge(_ maximum: Int) -> Self {
        .init(.nestedListTooLarge, "this list holds more than \(maximum) items (counting nested lists); a value may be at most that large")
    }

    static func valueTooDeep(_ maximum: Int) -> Self {
        .init(.valueTooDeep, "this list nests more than \(maximum) lists deep; flatten it")
    }

    static let stringTooLong = Self(.stringTooLong,
        "this string is longer than 1 MiB once its variables are put in; a value may be at most that long")

    static let interpreterBusy = Self(.interpreterBusy, "the interpreter is already running a script; evaluate one at a time")
}
