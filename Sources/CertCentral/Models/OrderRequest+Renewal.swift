import CertOrder

extension OrderRequest {
    /// The body of a renewal of the order `info` describes (`GET /order/certificate/{id}`): a new
    /// order with `renewal_of_order_id` set, and the order's current details: its certificate's
    /// organisation units, server platform and signature hash, the provisioning method, validity,
    /// organisation, container, shipping and custom fields, the payment method.
    ///
    /// What order info does not carry is left for the caller to add: a CSR (needed again for
    /// `email` provisioning: the key is the user's), comments, a custom expiration date.
    public static func renewal(of info: OrderInfo) -> OrderRequest {
        var request = OrderRequest()
        if let certificate = info.certificate {
            request.certificate.organizationUnits = certificate.organizationUnits.isEmpty ? nil : certificate.organizationUnits
            request.certificate.serverPlatform = certificate.serverPlatformID.map { IDReference(id: $0) }
            request.certificate.signatureHash = certificate.signatureHash
        }
        request.provisioningMethod = info.provisioningMethod
        request.validityYears = info.validityYears
        request.organization = info.organization.map { OrganizationReference(id: $0.id) }
        request.container = info.container.map { IDReference(id: $0.id) }
        request.shipInfo = info.shipInfo
        let fields = info.customFields.compactMap { entry in entry.value.map { CustomFieldValue(metadataID: entry.metadataID, value: $0) } }
        request.customFields = fields.isEmpty ? nil : fields
        request.paymentMethod = info.paymentMethod
        request.renewalOfOrderID = info.id
        return request
    }
}
