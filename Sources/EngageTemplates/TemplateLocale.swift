/// The language documents are written in (the firm file's `<locale language>`, DESIGN
/// section 12): British English by default, American English on request. It decides
/// how `date()` writes a date and how the template's own words are spelt; client data is
/// never respelt.
public enum TemplateLocale: String, Sendable, Hashable {
    case british = "en-GB"
    case american = "en-US"

    /// Where the model holds the language: every section's trace reads it, so that a new
    /// locale makes every section stale.
    public static let modelPath = "/client/firm/locale/@language"

    /// "2 November 2026" or "November 2, 2026".
    package func format(day: Int, month: Int, year: Int) -> String {
        let name = TemplateFunctions.monthNames[month - 1]
        switch self {
        case .british: return "\(day) \(name) \(year)"
        case .american: return "\(name) \(day), \(year)"
        }
    }

    /// "2 November" or "November 2": a date of the year the reader is in.
    package func format(day: Int, month: Int) -> String {
        let name = TemplateFunctions.monthNames[month - 1]
        switch self {
        case .british: return "\(day) \(name)"
        case .american: return "\(name) \(day)"
        }
    }

    /// `text`, the template's own words, in this locale's spelling.
    func spelt(_ text: String) -> String {
        self == .american ? AmericanSpelling.respelt(text) : text
    }
}

/// British spellings the shipped templates use, and their American forms. Whole words
/// only, matched case-sensitively in lower case and with a capital first letter, so that
/// a word that merely contains one ("organisational") is respelt by its own entry.
enum AmericanSpelling {
    static let words: [String: String] = {
        var table: [String: String] = [
            "programme": "program", "programmes": "programs", "centre": "center", "centres": "centers",
            "behaviour": "behavior", "behaviours": "behaviors", "favour": "favor", "favourable": "favorable",
            "colour": "color", "colours": "colors", "labour": "labor", "honour": "honor",
            "judgement": "judgment", "judgements": "judgments", "fulfil": "fulfill", "fulfils": "fulfills",
            "modelling": "modeling", "modelled": "modeled", "travelled": "traveled", "cancelled": "canceled",
            "licence": "license", "defence": "defense", "catalogue": "catalog", "analyse": "analyze",
            "analysed": "analyzed", "analyses": "analyzes", "analysing": "analyzing", "enrol": "enroll",
            "towards": "toward", "whilst": "while", "learnt": "learned",
        ]
        // The -ise verbs and their -isation nouns.
        for stem in [
            "organis", "prioritis", "recognis", "realis", "emphasis", "minimis", "maximis", "summaris", "standardis",
            "mobilis", "optimis", "authoris", "categoris", "specialis", "utilis", "formalis", "finalis", "stabilis",
            "visualis", "customis", "normalis", "apologis", "criticis", "digitis", "centralis", "personalis",
        ] {
            let american = String(stem.dropLast()) + "z"
            for ending in ["e", "ed", "es", "ing", "ation", "ations", "ational", "er", "ers"] {
                table[stem + ending] = american + ending
            }
        }
        // "emphasis" and "emphases" are nouns, spelt alike.
        table["emphasis"] = nil
        table["emphases"] = nil
        return table
    }()

    static func respelt(_ text: String) -> String {
        // Word by word; the text itself comes back when no word changed.
        var result = ""
        var word = ""
        var changed = false
        func flush() {
            guard !word.isEmpty else { return }
            if let american = words[word] {
                result += american
                changed = true
            } else if let first = word.first, first.isUppercase, let american = words[word.prefix(1).lowercased() + word.dropFirst()] {
                result += american.prefix(1).uppercased() + american.dropFirst()
                changed = true
            } else {
                result += word
            }
            word = ""
        }
        for character in text {
            if character.isLetter {
                word.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return changed ? result : text
    }
}
