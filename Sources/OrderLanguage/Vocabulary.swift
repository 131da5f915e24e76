import CertOrder

/// The words of the language, for the shell's completion and `help`.
public enum Vocabulary {
    /// The field statements (with their API-name aliases) written at a block level, sorted.
    public static func statements(in level: BlockLevel) -> [String] {
        FieldStatements.names(at: level).sorted()
    }

    /// The commands, in the order `help` lists them.
    public static let commands: [String] = Command.names

    /// The declaration keywords: `order let recipe use include for`.
    public static let declarations: [String] = FieldStatements.declarationKeywords

    /// Every word that may start a statement at the top of a script or shell line.
    public static var topLevelWords: [String] {
        (declarations + commands + statements(in: .order)).sorted()
    }

    /// The product names `order` and `new` take.
    public static let products: [String] = Product.allCases.map(\.rawValue) + ["cs", "ev"]

    /// The values a statement (or alias) takes, as a script writes them; empty when any value
    /// of its type goes.
    public static func values(forStatement keyword: String) -> [String] {
        guard let spec = FieldStatements.byName[asciiLowercased(keyword)] else {
            switch asciiLowercased(keyword) {
            case "order", "new": return products
            case "set", "unset", "explain": return FieldCatalog.settablePaths
            default: return []
            }
        }
        switch spec.kind {
        case .hash: return FieldStatements.hashValues
        case .provisioning: return FieldStatements.provisioningValues
        case .method: return FieldStatements.shippingValues.map { $0.lowercased() }
        case .payment: return FieldStatements.paymentValues
        case .platform: return ["other"]
        case .skipApproval: return ["true", "false"]
        case .validity: return ["until", "years", "days"]
        case .orderValidity: return ["years", "days"]
        default: return []
        }
    }

    /// The block a statement is written in (`city` → `.ship`), `nil` for an unknown word.
    public static func level(ofStatement keyword: String) -> BlockLevel? {
        FieldStatements.byName[asciiLowercased(keyword)]?.level
    }

    /// The payload path a statement sets (`city` → `ship_info.city`), for `explain`.
    public static func path(ofStatement keyword: String) -> String? {
        FieldStatements.byName[asciiLowercased(keyword)]?.path
    }
}
