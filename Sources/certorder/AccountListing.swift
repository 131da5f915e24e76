import ArgumentParser

/// What `certorder account` lists: the shell's `orgs`, `containers` and `fields`.
enum AccountListing: String, CaseIterable, ExpressibleByArgument {
    case orgs, containers, fields
}
