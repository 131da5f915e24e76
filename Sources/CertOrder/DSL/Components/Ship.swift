/// A postal address for a hardware token.
public struct Address: Hashable, Sendable {
    public var name: String
    public var addr1: String
    public var addr2: String?
    public var city: String
    public var state: String
    public var zip: String
    public var country: String

    public init(name: String, addr1: String, addr2: String? = nil, city: String, state: String, zip: String, country: String) {
        self.name = name
        self.addr1 = addr1
        self.addr2 = addr2
        self.city = city
        self.state = state
        self.zip = zip
        self.country = country
    }
}

/// `ship < ... >` → `ship_info`: where and how DigiCert ships the token.
public struct Ship: OrderComponent {
    public var address: Address
    public var method: ShippingMethod

    /// `method` defaults to `.standard`; `.expedited` costs more.
    public init(to address: Address, method: ShippingMethod = .standard) {
        self.address = address
        self.method = method
    }

    public func apply(to request: inout OrderRequest) {
        request.shipInfo = .init(name: address.name, addr1: address.addr1, addr2: address.addr2, city: address.city,
                                 state: address.state, zip: address.zip, country: address.country, method: method.rawValue)
    }
}
