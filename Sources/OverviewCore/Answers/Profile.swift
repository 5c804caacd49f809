/// What the wizard asks about the company before anything else. Recommendations
/// are computed from it; the page never quotes it.
public struct Profile: Equatable, Sendable {
    public var stage: Stage?
    public var data: DataHeld?
    public var enterpriseCustomers: Bool?
    public var acceptsPayments: Bool?
    public var availabilityCritical: Bool?
    public var hosting: Hosting?
    /// Whether the product sends customer data to AI models (its own or a provider's).
    public var aiCustomerData: Bool?

    public init(stage: Stage? = nil, data: DataHeld? = nil, enterpriseCustomers: Bool? = nil,
                acceptsPayments: Bool? = nil, availabilityCritical: Bool? = nil, hosting: Hosting? = nil,
                aiCustomerData: Bool? = nil) {
        self.stage = stage
        self.data = data
        self.enterpriseCustomers = enterpriseCustomers
        self.acceptsPayments = acceptsPayments
        self.availabilityCritical = availabilityCritical
        self.hosting = hosting
        self.aiCustomerData = aiCustomerData
    }

    /// The YAML keys of the profile, in file order, with what is missing.
    public var missingFields: [String] {
        ProfileField.allCases.filter { $0.value(in: self) == nil }.map(\.key)
    }
}

/// A profile value that is one of a fixed, ordered list of YAML words.
public protocol ProfileLevel: CaseIterable, Comparable, Sendable, RawRepresentable where RawValue == String {
    /// How the wizard shows the value.
    var label: String { get }
}

extension ProfileLevel where Self.AllCases.Index == Int {
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
    /// The YAML words, for error messages: "`seed`, `series-a`".
    public static var allWords: String { allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") }
}

public enum Stage: String, ProfileLevel {
    case preSeed = "pre-seed", seed, seriesA = "series-a", seriesB = "series-b", later

    public var label: String {
        switch self {
        case .preSeed: "Pre-seed"
        case .seed: "Seed"
        case .seriesA: "Series A"
        case .seriesB: "Series B"
        case .later: "Series C or later"
        }
    }
}

public enum DataHeld: String, ProfileLevel {
    case none, usage, personal, healthOrFinancial = "health-or-financial"

    public var label: String {
        switch self {
        case .none: "No user data (or no users yet)"
        case .usage: "Usage data that identifies no one"
        case .personal: "Personal data (accounts, names, emails)"
        case .healthOrFinancial: "Health or financial data"
        }
    }
}

public enum Hosting: String, ProfileLevel {
    case cloud, dataCenter = "data-center", both

    public var label: String {
        switch self {
        case .cloud: "Cloud providers only"
        case .dataCenter: "Our own servers in a data center"
        case .both: "Both cloud and data center"
        }
    }
}
