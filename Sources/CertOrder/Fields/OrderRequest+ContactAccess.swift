/// How the catalogue reaches `organization` and its `contacts`: the organization's id keeps the
/// contacts when it changes; a contact's members are written like a custom field's.
extension OrderRequest {
    /// `organization.id`: setting it keeps the contacts already named; removing it removes the
    /// organization, contacts and all.
    static let organizationIDAccess = Field.Access(
        get: { r, _ in r.organization.map { .integer($0.id) } },
        set: { r, _, v in if case .integer(let n) = v { r.organization = OrganizationReference(id: n, contacts: r.organization?.contacts) } },
        remove: { r, _ in r.organization = nil })

    /// `organization.contacts`: entries of contacts. The list itself takes only the empty value
    /// (`set organization.contacts ""`); `[N]` removes an entry.
    static let contactsAccess = Field.Access(
        get: { r, _ in r.organization?.contacts == nil ? nil : .present },
        set: { r, _, v throws(Field.AccessError) in
            guard case .list(let items) = v, items.isEmpty else {
                throw .notAssignable("organization.contacts holds contacts; set organization.contacts[N].first_name and the others, or '' to empty the list")
            }
            // As the language's `contact < >`: an organization without an id (0) until one is set.
            if r.organization == nil { r.organization = OrganizationReference(id: 0) }
            r.organization?.contacts = []
        },
        remove: { r, indices in
            guard let index = indices.first else { r.organization?.contacts = nil; return }
            guard var items = r.organization?.contacts, index < items.count else { return }
            items.remove(at: index)
            r.organization?.contacts = items
        })

    /// A member of one contact (`organization.contacts[0].email`): setting it at exactly the
    /// list's length appends a verified contact; removing it leaves the member absent. Without an
    /// index it is the last contact's: the one a `contact < >` block appended, which the
    /// block's statements write.
    static func contactAccess(_ name: String) -> Field.Access {
        Field.Access(
            get: { r, i in
                guard let list = r.organization?.contacts else { return nil }
                let index = i.first ?? list.count - 1
                guard index >= 0, index < list.count else { return nil }
                return list[index][field: name].map(Field.Value.text)
            },
            set: { r, i, v throws(Field.AccessError) in
                guard case .text(let text) = v else { return }
                if r.organization == nil { r.organization = OrganizationReference(id: 0) }
                var items = r.organization?.contacts ?? []
                let index = i.first ?? max(items.count - 1, 0)
                if index == items.count {
                    items.append(Contact())
                } else if index > items.count {
                    throw .indexOutOfRange(count: items.count)
                }
                items[index][field: name] = text
                r.organization?.contacts = items
            },
            remove: { r, i in
                guard let count = r.organization?.contacts?.count else { return }
                let index = i.first ?? count - 1
                guard index >= 0, index < count else { return }
                r.organization?.contacts?[index][field: name] = nil
            })
    }

}
