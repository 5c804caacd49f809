/// One condition on the company profile, as written in a section file's
/// `recommended_for` list or a question's `when`.
public enum ProfileCondition: Equatable, Sendable {
    case always
    case stageAtLeast(Stage)
    case dataAtLeast(DataHeld)
    case dataIs(DataHeld)
    case enterpriseCustomers(Bool)
    case acceptsPayments(Bool)
    case availabilityCritical(Bool)
    case hosting([Hosting])
    case aiCustomerData(Bool)

    /// Whether the profile meets the condition. An unanswered profile field
    /// meets nothing: we do not guess.
    public func holds(for profile: Profile) -> Bool {
        switch self {
        case .always: true
        case .stageAtLeast(let stage): profile.stage.map { $0 >= stage } ?? false
        case .dataAtLeast(let data): profile.data.map { $0 >= data } ?? false
        case .dataIs(let data): profile.data == data
        case .enterpriseCustomers(let value): profile.enterpriseCustomers == value
        case .acceptsPayments(let value): profile.acceptsPayments == value
        case .availabilityCritical(let value): profile.availabilityCritical == value
        case .hosting(let values): profile.hosting.map(values.contains) ?? false
        case .aiCustomerData(let value): profile.aiCustomerData == value
        }
    }

    /// Why it applies, said to the founder when it holds: "you hold personal data".
    public func reason(for profile: Profile) -> String {
        switch self {
        case .always: return "every company needs it"
        case .stageAtLeast: return "you are at \(profile.stage?.label ?? "?")"
        case .dataAtLeast, .dataIs:
            switch profile.data {
            case .healthOrFinancial: return "you hold health or financial data"
            case .personal: return "you hold personal data"
            case .usage: return "you hold usage data"
            default: return "you hold user data"
            }
        case .enterpriseCustomers(let value): return value ? "you have enterprise customers" : "you have no enterprise customers"
        case .acceptsPayments(let value): return value ? "you accept payments" : "you take no payments"
        case .availabilityCritical(let value): return value ? "downtime is a major risk for you" : "downtime is not a major risk for you"
        case .hosting: return "you host on \(profile.hosting?.label.lowercased() ?? "?")"
        case .aiCustomerData(let value): return value ? "your product sends customer data to AI models" : "your product sends no customer data to AI models"
        }
    }

    /// What it asks for, said when it does not hold: "you reach Series A".
    public var requirement: String {
        switch self {
        case .always: return "always"
        case .stageAtLeast(let stage): return "from \(stage.label) on"
        case .dataAtLeast(let data):
            switch data {
            case .none: return "always"
            case .usage: return "if you hold any user data"
            case .personal: return "if you hold personal data"
            case .healthOrFinancial: return "if you hold health or financial data"
            }
        case .dataIs(let data): return "if you hold \(data.label.lowercased())"
        case .enterpriseCustomers(let value): return value ? "if you have enterprise customers" : "if you have no enterprise customers"
        case .acceptsPayments(let value): return value ? "if you accept payments" : "if you take no payments"
        case .availabilityCritical(let value): return value ? "if downtime is a major business risk" : "if downtime is not a major risk"
        case .hosting(let values): return "if you host on " + values.map { $0.label.lowercased() }.joined(separator: " or ")
        case .aiCustomerData(let value): return value ? "if your product sends customer data to AI models" : "if your product sends no customer data to AI models"
        }
    }
}

/// A section's `recommended_for`: recommended when any condition holds.
public struct RecommendationRule: Equatable, Sendable {
    public var anyOf: [ProfileCondition]
    public init(anyOf: [ProfileCondition]) { self.anyOf = anyOf }

    public func evaluate(_ profile: Profile) -> Recommendation {
        let met = anyOf.filter { $0.holds(for: profile) }
        if anyOf.contains(.always) {
            return Recommendation(recommended: true, reason: "recommended for every company")
        }
        if !met.isEmpty {
            var reasons: [String] = []
            for condition in met {
                let reason = condition.reason(for: profile)
                if !reasons.contains(reason) { reasons.append(reason) }
            }
            return Recommendation(recommended: true, reason: "recommended: " + reasons.listedInSentence)
        }
        if anyOf.isEmpty {
            return Recommendation(recommended: false, reason: "optional: add it if it describes what you do")
        }
        return Recommendation(recommended: false,
                              reason: "optional: recommended " + anyOf.map(\.requirement).joined(separator: ", or "))
    }
}

public struct Recommendation: Equatable, Sendable {
    public var recommended: Bool
    /// In words, for the founder: "recommended: you hold personal data".
    public var reason: String
}
