import CertOrder

/// The commands' specs: one row per ``CommandName``.
extension CommandSpec {
    static let productNames = Product.allCases.map(\.rawValue) + Product.allCases.map(\.shortName)
    /// The formats of `GET /certificate/{id}/download/format/{format}` (`CertificateFormat` of the client).
    static let downloadFormats = ["pem_all", "pem_noroot", "p7b", "der"]

    /// Every command, in the order `help` lists them.
    package static let table: [CommandSpec] = [
        CommandSpec(.new, [.init("PRODUCT", values: productNames)],
                    summary: "Start an empty draft: code_signing (cs) or code_signing_ev (ev).", example: "new ev",
                    arityMessage: "'new' takes a product: new code_signing or new code_signing_ev"),
        CommandSpec(.set, [.init("PATH"), .init("VALUE", .words(required: true))], usage: "set PATH VALUE",
                    summary: "Set a field of the draft by payload path.", example: "set ship_info.city Richmond",
                    arityMessage: "'set' needs a path and a value: set ship_info.city Richmond"),
        CommandSpec(.unset, [.init("PATH")], summary: "Remove a field from the draft.", example: "unset container",
                    arityMessage: "'unset' takes one path: unset ship_info.addr2"),
        CommandSpec(.show, summary: "The draft as a tree, each diagnostic beside its field."),
        CommandSpec(.json, summary: "The payload exactly as it would be sent (pretty)."),
        CommandSpec(.validate, summary: "Every diagnostic, errors and warnings; exit 65 in a script when errors."),
        CommandSpec(.explain, [.init("FIELD")], summary: "What the API reference says of a field: type, allowed values, rules.",
                    example: "explain ship_info.method"),
        CommandSpec(.export, [.init("FORMAT", values: ExportFormat.names)], usage: "export " + ExportFormat.names.joined(separator: "|"),
                    summary: "The draft as a runnable snippet; the key is read from $DIGICERT_API_KEY, never printed.", example: "export python"),
        CommandSpec(.send, flags: [.init("force"), .init("yes"), .init("allow-duplicate"), .init("dry-run")],
                    summary: "Validate, confirm, record in the journal, send, and print the answer."),
        CommandSpec(.status, [.init("ORDER_ID")], summary: "Order info from the API; refreshes the journal entry.", example: "status 112233"),
        CommandSpec(.wait, [.init("ORDER_ID…", .words(required: true))],
                    flags: [.init("timeout", value: "SECONDS"), .init("interval", value: "SECONDS")],
                    usage: "wait ORDER_ID… [--timeout SECONDS] [--interval SECONDS]",
                    summary: "Follow orders until each is issued (exit 0), rejected, canceled or revoked (65), or --timeout passes (75; default 1800 s).",
                    example: "wait 112233 112234 --timeout 600"),
        CommandSpec(.download, [.init("ORDER_ID")],
                    flags: [.init("format", value: "FORMAT", values: downloadFormats), .init("output", value: "FILE"), .init("force")],
                    summary: "The order's certificate: pem_all (default), pem_noroot, p7b or der, to stdout or --output FILE (0644; --force replaces).",
                    example: "download 112233 --output signing.pem"),
        CommandSpec(.renew, [.init("ORDER_ID"), .init("FILE", .optional)], flags: [.init("yes"), .init("allow-duplicate")],
                    summary: "Renew an order: a new order with renewal_of_order_id, from the order's details, FILE's statements on top.",
                    example: "renew 112233 renewal.order"),
        CommandSpec(.revoke, [.init("ORDER_ID")], flags: [.init("certificate", value: "ID"), .init("reason", value: "TEXT"), .init("yes")],
                    usage: "revoke ORDER_ID [--certificate ID] --reason TEXT [--yes]",
                    summary: "Ask for the certificate's revocation (past signatures stop being trusted); prints the request to approve.",
                    example: "revoke 112233 --reason \"key compromised\""),
        CommandSpec(.requests, [.init("STATUS", .optional, values: ["pending", "submitted", "approved", "rejected"])], flags: [.init("json")],
                    summary: "The account's requests (orders' and revocations'), all or those in STATUS.", example: "requests pending"),
        CommandSpec(.approve, [.init("REQUEST_ID")], summary: "Approve a pending request.", example: "approve 113"),
        CommandSpec(.reject, [.init("REQUEST_ID"), .init("\"why\"", .words(required: false))], usage: "reject REQUEST_ID \"why\"",
                    summary: "Reject a pending request with a note.", example: "reject 113 \"wrong team\""),
        CommandSpec(.cancel, [.init("ORDER_ID"), .init("\"note\"", .words(required: false))],
                    summary: "Cancel an order that is still pending, with an optional note.", example: "cancel 112233"),
        CommandSpec(.orders, [.init("STATE", .optional), .init("N", .optional)], flags: [.init("json")],
                    usage: "orders [STATE] [--json] | orders show N", summary: "The local journal of what was sent.", example: "orders show 3"),
        CommandSpec(.reconcile, flags: [.init("endpoint", value: "ENDPOINT", values: ["sandbox", "us", "eu"])],
                    summary: "Resolve sends whose outcome is unknown by looking them up by alternative order id (on ENDPOINT, else the current one).",
                    example: "reconcile"),
        CommandSpec(.endpoint, [.init("NAME", .optional, values: ["sandbox", "us", "eu"])], usage: "endpoint sandbox|us|eu|URL",
                    summary: "Where send goes; sandbox (local) is the default.", example: "endpoint us"),
        CommandSpec(.key, summary: "Enter the API key without echo (kept in memory only).",
                    arityMessage: "'key' takes no argument: a key is never typed on a command line; type 'key' alone to be asked for it without echo, "
                        + "or set DIGICERT_API_KEY, or use --api-key-file"),
        CommandSpec(.orgs, summary: "The account's organizations and their validations."),
        CommandSpec(.containers, summary: "The account's containers."),
        CommandSpec(.fields, summary: "The account's custom fields; required ones the draft lacks are errors before sending."),
        CommandSpec(.load, [.init("FILE"), .init("PRODUCT", .optional, values: productNames)],
                    summary: "Read a script or a JSON payload into the draft.", example: "load orders/ev.order",
                    arityMessage: "'load' takes a file and, for a JSON payload, a product: load order.json ev"),
        CommandSpec(.save, [.init("FILE")], summary: "Write the draft as an order script.", example: "save my-order.order"),
        CommandSpec(.recipes, summary: "List the recipes defined so far."),
        CommandSpec(.recipe, [.init("NAME")], summary: "Print a recipe with its signature.", example: "recipe ev_token"),
        CommandSpec(.help, [.init("TOPIC", .optional)], summary: "This list, or one command or statement.", example: "help ship"),
        CommandSpec(.history, summary: "The entries typed so far."),
        CommandSpec(.quit, summary: "Leave the shell (Ctrl-D on an empty line too)."),
        CommandSpec(.exit, summary: "Leave the shell, as quit does."),
    ]

    static let byName: [CommandName: CommandSpec] = Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0) })
}
