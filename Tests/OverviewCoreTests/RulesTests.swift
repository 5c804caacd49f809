import Testing
@testable import OverviewCore

/// The recommended-for rules of the built-in catalog, at the edges of each.
@Suite struct RulesTests {
    func recommended(_ id: String, _ profile: Profile) -> Bool {
        Fixtures.catalog.section(id)!.rule.evaluate(profile).recommended
    }

    /// The smallest company: nothing in the profile points anywhere.
    let minimal = Profile(stage: .preSeed, data: DataHeld.none, enterpriseCustomers: false,
                          acceptsPayments: false, availabilityCritical: false, hosting: .cloud)

    @Test func theMinimalCompanyGetsOnlyTheAlwaysSections() {
        let recommended = Fixtures.catalog.sections.filter { $0.rule.evaluate(minimal).recommended }.map(\.id)
        #expect(recommended == ["overview", "network-security", "business-continuity"])
    }

    @Test(arguments: ["infrastructure", "data-encryption", "data-retention"])
    func personalDataSections(_ id: String) {
        var profile = minimal
        profile.data = .usage
        #expect(!recommended(id, profile))
        profile.data = .personal
        #expect(recommended(id, profile))
        profile.data = .healthOrFinancial
        #expect(recommended(id, profile))
        profile.data = .usage
        profile.stage = .later
        #expect(!recommended(id, profile), "stage alone does not call for \(id)")
    }

    @Test(arguments: ["security-team", "application-monitoring", "application-protection"])
    func seriesAOrPersonalDataSections(_ id: String) {
        var profile = minimal
        profile.stage = .seed
        profile.data = .usage
        #expect(!recommended(id, profile))
        profile.stage = .seriesA
        #expect(recommended(id, profile))
        profile.stage = .seed
        profile.data = .personal
        #expect(recommended(id, profile))
    }

    @Test(arguments: ["secure-development", "responsible-disclosure"])
    func seriesASections(_ id: String) {
        var profile = minimal
        profile.stage = .seed
        profile.data = .healthOrFinancial
        profile.enterpriseCustomers = true
        #expect(!recommended(id, profile))
        profile.stage = .seriesA
        #expect(recommended(id, profile))
        profile.stage = .later
        #expect(recommended(id, profile))
    }

    @Test("Employee access: from Series A, and for a seed company that sells to enterprises (their reviews ask who sees their data)")
    func employeeAccess() {
        var profile = minimal
        profile.stage = .seed
        profile.data = .personal
        profile.enterpriseCustomers = false
        #expect(!recommended("employee-access", profile))
        profile.enterpriseCustomers = true
        #expect(recommended("employee-access", profile))
        profile.enterpriseCustomers = false
        profile.stage = .seriesA
        #expect(recommended("employee-access", profile))
    }

    @Test(arguments: ["user-protection", "compliance"])
    func trustSections(_ id: String) {
        var profile = minimal
        profile.stage = .seed
        profile.data = .personal
        #expect(!recommended(id, profile), "personal data alone is not health or financial")
        profile.data = .healthOrFinancial
        #expect(recommended(id, profile))
        profile.data = .personal
        profile.enterpriseCustomers = true
        #expect(recommended(id, profile))
        profile.enterpriseCustomers = false
        profile.stage = .seriesA
        #expect(recommended(id, profile))
    }

    @Test func ddosProtection() {
        var profile = minimal
        profile.stage = .seriesA
        #expect(!recommended("ddos-protection", profile))
        profile.stage = .seriesB
        #expect(recommended("ddos-protection", profile))
        profile.stage = .seed
        profile.availabilityCritical = true
        #expect(recommended("ddos-protection", profile))
    }

    @Test func paymentInformation() {
        var profile = minimal
        #expect(!recommended("payment-information", profile))
        profile.acceptsPayments = true
        #expect(recommended("payment-information", profile))
    }

    @Test func anUnansweredProfileRecommendsOnlyTheAlwaysSections() {
        let recommended = Fixtures.catalog.sections.filter { $0.rule.evaluate(Profile()).recommended }.map(\.id)
        #expect(recommended == ["overview", "network-security", "business-continuity"])
    }

    @Test func reasonsSayWhyInWords() {
        var profile = minimal
        profile.data = .personal
        let infrastructure = Fixtures.catalog.section("infrastructure")!.rule.evaluate(profile)
        #expect(infrastructure == Recommendation(recommended: true, reason: "recommended: you hold personal data"))

        profile.stage = .seriesA
        let team = Fixtures.catalog.section("security-team")!.rule.evaluate(profile)
        #expect(team.reason == "recommended: you are at Series A and you hold personal data")

        let payments = Fixtures.catalog.section("payment-information")!.rule.evaluate(minimal)
        #expect(payments == Recommendation(recommended: false, reason: "optional: recommended if you accept payments"))

        let overview = Fixtures.catalog.section("overview")!.rule.evaluate(minimal)
        #expect(overview == Recommendation(recommended: true, reason: "recommended for every company"))

        let compliance = Fixtures.catalog.section("compliance")!.rule.evaluate(minimal)
        #expect(compliance.reason == "optional: recommended from Series A on, or if you hold health or financial data, or if you have enterprise customers")
    }
}
