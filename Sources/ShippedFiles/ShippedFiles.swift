/// The files `engage` ships inside its binary, embedded at build time by the
/// EmbedShippedFiles plugin from `Schema/` and `Templates/`: an installed copy of the
/// binary needs nothing beside it.
package enum ShippedFiles {
    /// The client profile's XSD (`Schema/client-profile.xsd`).
    package static var profileSchema: String { embeddedProfileSchema }

    /// The firm file's XSD (`Schema/firm.xsd`).
    package static var firmSchema: String { embeddedFirmSchema }

    /// The shipped templates: each file's path under `Templates/` (with `/` separators,
    /// sorted) and its text.
    package static var templates: [(path: String, text: String)] { embeddedTemplates }
}
