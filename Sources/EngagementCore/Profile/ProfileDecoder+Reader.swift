import Foundation
import XMLSupport

extension ProfileDecoder {
    /// Typed access to one element's attributes and children, failing at that element.
    struct Reader {
        let element: SourceElement

        init(_ element: SourceElement) {
            self.element = element
        }

        private func fail(_ message: String) -> Failure {
            Failure(element: element, message: message)
        }

        /// The element's own text, whitespace collapsed.
        var content: String { element.normalizedText }

        func child(_ name: String) throws -> Reader {
            guard let child = element.element(named: name) else { throw fail("<\(element.name)> lacks <\(name)>.") }
            return Reader(child)
        }

        func optionalChild(_ name: String) -> Reader? {
            element.element(named: name).map(Reader.init)
        }

        func children(_ name: String) -> [Reader] {
            element.elements(named: name).map(Reader.init)
        }

        /// Decodes each `<item>` inside the optional `<container>`; empty when it is absent.
        func list<T>(_ container: String, _ item: String, _ decode: (Reader) throws -> T) throws -> [T] {
            guard let holder = optionalChild(container) else { return [] }
            var result: [T] = []
            for child in holder.children(item) { result.append(try decode(child)) }
            return result
        }

        func text(_ name: String) throws -> String { try child(name).content }

        func optionalText(_ name: String) -> String? { optionalChild(name)?.content }

        func texts(_ name: String) -> [String] { children(name).map(\.content) }

        func optionalString(_ name: String) -> String? {
            element[attribute: name].map { ProfileText.trimmed($0) }
        }

        func string(_ name: String) throws -> String {
            guard let value = optionalString(name) else { throw fail("<\(element.name)> lacks the attribute '\(name)'.") }
            return value
        }

        func identifiers(_ name: String) -> [String] {
            (element[attribute: name] ?? "").xmlListItems()
        }

        func integer(_ name: String) throws -> Int {
            guard let value = Int(try string(name)) else { throw fail("'\(name)' is not a whole number.") }
            return value
        }

        func optionalInteger(_ name: String) throws -> Int? {
            optionalString(name) == nil ? nil : try integer(name)
        }

        func integerContent() throws -> Int {
            guard let value = Int(content) else { throw fail("<\(element.name)> is not a whole number.") }
            return value
        }

        func decimal(_ name: String) throws -> Decimal {
            guard let value = ProfileValidator.decimal(try string(name)) else { throw fail("'\(name)' is not a number.") }
            return value
        }

        func decimal(_ name: String, default fallback: Decimal) throws -> Decimal {
            optionalString(name) == nil ? fallback : try decimal(name)
        }

        func optionalDecimal(_ name: String) throws -> Decimal? {
            optionalString(name) == nil ? nil : try decimal(name)
        }

        func decimalContent() throws -> Decimal {
            guard let value = ProfileValidator.decimal(content) else { throw fail("<\(element.name)> is not a number.") }
            return value
        }

        func boolean(_ name: String, default fallback: Bool) throws -> Bool {
            switch optionalString(name) {
            case nil: return fallback
            case "true", "1": return true
            case "false", "0": return false
            default: throw fail("'\(name)' is not true or false.")
            }
        }

        func date(_ name: String) throws -> ProfileDate {
            guard let date = ProfileDate(try string(name)) else { throw fail("'\(name)' is not a date (YYYY-MM-DD).") }
            return date
        }

        func optionalDate(_ name: String) throws -> ProfileDate? {
            optionalString(name) == nil ? nil : try date(name)
        }

        func enumeration<T: RawRepresentable>(_ name: String) throws -> T where T.RawValue == String {
            guard let value = T(rawValue: try string(name)) else { throw fail("'\(name)' has an unknown value.") }
            return value
        }
    }
}
