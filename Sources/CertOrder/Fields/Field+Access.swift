/// The usual ways of reaching a field: one key path each, so that most catalogue rows say how
/// they are read and written in one line.
extension Field.Access {
    /// A text field (strings, choices, dates).
    package static func text(_ keyPath: WritableKeyPath<OrderRequest, String?> & Sendable) -> Self {
        Self(get: { r, _ in r[keyPath: keyPath].map(Field.Value.text) },
             set: { r, _, v in if case .text(let s) = v { r[keyPath: keyPath] = s } },
             remove: { r, _ in r[keyPath: keyPath] = nil })
    }

    /// A whole-number field.
    package static func integer(_ keyPath: WritableKeyPath<OrderRequest, Int?> & Sendable) -> Self {
        Self(get: { r, _ in r[keyPath: keyPath].map(Field.Value.integer) },
             set: { r, _, v in if case .integer(let n) = v { r[keyPath: keyPath] = n } },
             remove: { r, _ in r[keyPath: keyPath] = nil })
    }

    /// A true-or-false field.
    package static func flag(_ keyPath: WritableKeyPath<OrderRequest, Bool?> & Sendable) -> Self {
        Self(get: { r, _ in r[keyPath: keyPath].map(Field.Value.flag) },
             set: { r, _, v in if case .flag(let b) = v { r[keyPath: keyPath] = b } },
             remove: { r, _ in r[keyPath: keyPath] = nil })
    }

    /// A list of text: setting replaces the list; removing with an index removes that entry.
    package static func list(_ keyPath: WritableKeyPath<OrderRequest, [String]?> & Sendable) -> Self {
        Self(get: { r, _ in r[keyPath: keyPath].map(Field.Value.list) },
             set: { r, _, v in if case .list(let items) = v { r[keyPath: keyPath] = items } },
             remove: { r, indices in
                 guard let index = indices.first else { r[keyPath: keyPath] = nil; return }
                 guard var items = r[keyPath: keyPath], index < items.count else { return }
                 items.remove(at: index)
                 r[keyPath: keyPath] = items
             })
    }

    /// The `id` of a `{"id": N}` reference (`organization.id`); removing it removes the object.
    package static func reference(_ keyPath: WritableKeyPath<OrderRequest, OrderRequest.IDReference?> & Sendable) -> Self {
        Self(get: { r, _ in r[keyPath: keyPath].map { .integer($0.id) } },
             set: { r, _, v in if case .integer(let n) = v { r[keyPath: keyPath] = OrderRequest.IDReference(id: n) } },
             remove: { r, _ in r[keyPath: keyPath] = nil })
    }

    /// An optional object: there or not, removed whole.
    package static func object<T: Sendable>(_ keyPath: WritableKeyPath<OrderRequest, T?> & Sendable) -> Self {
        Self(get: { r, _ in r[keyPath: keyPath] == nil ? nil : .present },
             set: nil,
             remove: { r, _ in r[keyPath: keyPath] = nil })
    }

    /// An object that is always there (`certificate`); removing it empties it.
    package static func group<T: FieldGroup>(_ keyPath: WritableKeyPath<OrderRequest, T> & Sendable) -> Self {
        Self(get: { _, _ in .present },
             set: nil,
             remove: { r, _ in r[keyPath: keyPath] = .empty })
    }
}

/// An object of the model whose members are fields of their own; `empty` has none of them.
package protocol FieldGroup: Hashable, Sendable {
    static var empty: Self { get }
}

extension OrderRequest.CertificateDetails: FieldGroup {
    package static var empty: Self { Self() }
}

extension OrderRequest.ShipInfo: FieldGroup {
    package static var empty: Self { Self() }
}

extension OrderRequest.OrderValidity: FieldGroup {
    package static var empty: Self { Self() }
}

extension Optional where Wrapped: FieldGroup {
    /// The object, or an empty one to write a member into: setting a member of an absent object
    /// creates it; removing a member of an absent object leaves it absent. Key paths through it
    /// make a member of an optional object one line: `\.shipInfo.orEmpty.city`.
    package var orEmpty: Wrapped {
        get { self ?? .empty }
        set { if self != nil || newValue != .empty { self = newValue } }
    }
}

extension OrderRequest {
    /// `custom_fields`: entries of `{metadata_id, value}`. The list itself takes only the empty
    /// value (`set custom_fields ""`); `[N]` removes an entry.
    static let customFieldsAccess = Field.Access(
        get: { r, _ in r.customFields == nil ? nil : .present },
        set: { r, _, v throws(Field.AccessError) in
            guard case .list(let items) = v, items.isEmpty else {
                throw .notAssignable("custom_fields holds {metadata_id, value} entries; set custom_fields[N].metadata_id and custom_fields[N].value, or '' to empty the list")
            }
            r.customFields = []
        },
        remove: { r, indices in
            guard let index = indices.first else { r.customFields = nil; return }
            guard var items = r.customFields, index < items.count else { return }
            items.remove(at: index)
            r.customFields = items
        })

    /// A member of one `custom_fields` entry: setting it at exactly the list's length appends an
    /// entry; it cannot be absent on its own.
    static func customFieldAccess(_ keyPath: WritableKeyPath<CustomFieldValue, Int> & Sendable) -> Field.Access {
        customFieldAccess(keyPath, Field.Value.integer) { if case .integer(let n) = $0 { n } else { nil } }
    }

    static func customFieldAccess(_ keyPath: WritableKeyPath<CustomFieldValue, String> & Sendable) -> Field.Access {
        customFieldAccess(keyPath, Field.Value.text) { if case .text(let s) = $0 { s } else { nil } }
    }

    private static func customFieldAccess<T: Sendable>(_ keyPath: WritableKeyPath<CustomFieldValue, T> & Sendable,
                                                       _ wrap: @escaping @Sendable (T) -> Field.Value,
                                                       _ unwrap: @escaping @Sendable (Field.Value) -> T?) -> Field.Access {
        Field.Access(
            get: { r, i in entry(r, i).map { wrap($0[keyPath: keyPath]) } },
            set: { r, i, v throws(Field.AccessError) in
                guard let value = unwrap(v) else { return }
                try editEntry(&r, i) { $0[keyPath: keyPath] = value }
            },
            remove: nil)
    }

    private static func entry(_ r: OrderRequest, _ indices: [Int]) -> CustomFieldValue? {
        guard let list = r.customFields, let index = indices.first, index >= 0, index < list.count else { return nil }
        return list[index]
    }

    private static func editEntry(_ r: inout OrderRequest, _ indices: [Int],
                                  _ edit: (inout CustomFieldValue) -> Void) throws(Field.AccessError) {
        var items = r.customFields ?? []
        let index = indices.first ?? 0
        if index == items.count {
            items.append(CustomFieldValue(metadataID: 0, value: ""))
        } else if index > items.count {
            throw .indexOutOfRange(count: items.count)
        }
        edit(&items[index])
        r.customFields = items
    }
}
