import Yams

/// The seven profile questions, in the order the wizard asks them. Each is a
/// question of an ordinary kind (single choice or yes/no), so the wizard shows,
/// picks and checks it as it does a section's; this file says what each asks,
/// its key in the answers file, and where its value lives in `Profile`.
///
/// (Switches, not dictionaries keyed by field: hashing a field would cost a
/// runtime conformance lookup before the first frame.)
public enum ProfileField: String, CaseIterable, Hashable, Sendable {
    case stage, data, enterpriseCustomers, acceptsPayments, availabilityCritical, hosting, aiCustomerData

    /// The key in the answers file's `profile:`.
    public var key: String {
        switch self {
        case .stage: "stage"
        case .data: "data"
        case .enterpriseCustomers: "enterprise_customers"
        case .acceptsPayments: "accepts_payments"
        case .availabilityCritical: "availability_critical"
        case .hosting: "hosting"
        case .aiCustomerData: "ai_customer_data"
        }
    }

    /// The question as the wizard asks it.
    public var question: Question {
        switch self {
        case .stage:
            Self.choice(key, "Funding stage",
                        "Investors and buyers expect more from later stages; several sections are recommended from Series A on.",
                        Stage.self)
        case .data:
            Self.choice(key, "The data you hold about your users",
                        "The more sensitive the data, the more readers want to know how you protect it.", DataHeld.self)
        case .enterpriseCustomers:
            Self.yesNo(key, "Do you sell to enterprise customers?",
                       "Enterprise buyers ask about compliance, access control and user protection.")
        case .acceptsPayments:
            Self.yesNo(key, "Do you accept payments?", "Taking payments brings a section on how payment details are handled.")
        case .availabilityCritical:
            Self.yesNo(key, "Is downtime a major business risk?",
                       "If customers depend on you being up, readers want to hear about DDoS protection.")
        case .hosting:
            Self.choice(key, "Where does your service run?",
                        "Cloud: a provider runs the machines, such as AWS, Google Cloud, Azure, Vercel, Heroku, Fly.io or Render. Data center: servers you own or rent whole, in a rack or cage.", Hosting.self)
        case .aiCustomerData:
            Self.yesNo(key, "Does your product send customer data to AI models?",
                       "Your own or a provider's: buyers now ask what happens to their data there, and whether it trains models.")
        }
    }

    /// The answer, in the same form a section's answer takes.
    public func value(in profile: Profile) -> AnswerValue? {
        switch self {
        case .stage: profile.stage.map { .choice($0.rawValue) }
        case .data: profile.data.map { .choice($0.rawValue) }
        case .hosting: profile.hosting.map { .choice($0.rawValue) }
        case .enterpriseCustomers: profile.enterpriseCustomers.map(AnswerValue.bool)
        case .acceptsPayments: profile.acceptsPayments.map(AnswerValue.bool)
        case .availabilityCritical: profile.availabilityCritical.map(AnswerValue.bool)
        case .aiCustomerData: profile.aiCustomerData.map(AnswerValue.bool)
        }
    }

    /// Stores `value` (nil: unanswered) in `profile`.
    public func set(_ value: AnswerValue?, in profile: inout Profile) {
        func level<L: ProfileLevel>(_ type: L.Type) -> L? {
            if case .choice(let word)? = value { return L(rawValue: word) }
            return nil
        }
        func flag() -> Bool? {
            if case .bool(let flag)? = value { return flag }
            return nil
        }
        switch self {
        case .stage: profile.stage = level(Stage.self)
        case .data: profile.data = level(DataHeld.self)
        case .hosting: profile.hosting = level(Hosting.self)
        case .enterpriseCustomers: profile.enterpriseCustomers = flag()
        case .acceptsPayments: profile.acceptsPayments = flag()
        case .availabilityCritical: profile.availabilityCritical = flag()
        case .aiCustomerData: profile.aiCustomerData = flag()
        }
    }

    /// Reads the answer from the answers file's `profile:` (the words of the
    /// levels, or true and false).
    func read(_ node: Node, _ reader: YAMLReader) throws(InputError) -> AnswerValue {
        let what = "profile.\(key)"
        func level<L: ProfileLevel>(_ type: L.Type) throws(InputError) -> AnswerValue where L.AllCases.Index == Int {
            let word = try reader.string(node, what)
            guard L(rawValue: word) != nil else { throw reader.error(node, "\(what) '\(word)' is not one of \(L.allWords)") }
            return .choice(word)
        }
        switch self {
        case .stage: return try level(Stage.self)
        case .data: return try level(DataHeld.self)
        case .hosting: return try level(Hosting.self)
        case .enterpriseCustomers, .acceptsPayments, .availabilityCritical, .aiCustomerData: return .bool(try reader.bool(node, what))
        }
    }

    public static func named(_ key: String) -> ProfileField? { allCases.first { $0.key == key } }

    static func choice<L: ProfileLevel>(_ id: String, _ label: String, _ help: String, _ type: L.Type) -> Question {
        Question(id: id, kind: .single, label: label, help: help, required: true,
                 choices: L.allCases.map { Choice(id: $0.rawValue, label: $0.label, url: nil, affirms: true) }, format: nil, when: nil)
    }

    static func yesNo(_ id: String, _ label: String, _ help: String) -> Question {
        Question(id: id, kind: .yesno, label: label, help: help, required: true, choices: [], format: nil, when: nil)
    }
}

/// The company's details: questions of the one-line text kind, each with its check.
public enum CompanyField: String, CaseIterable, Sendable {
    case name, domain, securityContact
    /// Optional: where questions about personal data go (a privacy team, a
    /// data protection officer); the GDPR paragraph points there.
    case privacyContact

    /// The key in the answers file's `company:`.
    public var key: String {
        switch self {
        case .name: "name"
        case .domain: "domain"
        case .securityContact: "security_contact"
        case .privacyContact: "privacy_contact"
        }
    }

    public var question: Question {
        switch self {
        case .name:
            Question(id: key, kind: .text, label: "Company name", help: "As it should appear in the page title.",
                     required: true, choices: [], format: nil, when: nil)
        case .domain:
            Question(id: key, kind: .text, label: "Website domain",
                     help: "For example example.com: used for links and security.txt.",
                     required: true, choices: [], format: .domain, when: nil)
        case .securityContact:
            Question(id: key, kind: .text, label: "Security contact",
                     help: "An email address or https:// page where people report security problems.",
                     required: true, choices: [], format: .contact, when: nil)
        case .privacyContact:
            Question(id: key, kind: .text, label: "Privacy contact (optional)",
                     help: "An email address or https:// page for questions about personal data, such as your data protection officer.",
                     required: false, choices: [], format: .contact, when: nil)
        }
    }

    public func value(in company: Company) -> String? {
        switch self {
        case .name: company.name
        case .domain: company.domain
        case .securityContact: company.securityContact
        case .privacyContact: company.privacyContact
        }
    }

    public func set(_ value: String?, in company: inout Company) {
        switch self {
        case .name: company.name = value
        case .domain: company.domain = value
        case .securityContact: company.securityContact = value
        case .privacyContact: company.privacyContact = value
        }
    }

    public static func named(_ key: String) -> CompanyField? { allCases.first { $0.key == key } }
}
