import Foundation
import Testing
@testable import OverviewCore

/// Each sentence as strong as the answer behind it, and no stronger: read as a
/// buyer's security reviewer reads the page against a questionnaire.
@Suite struct ClaimsTests {
    let catalog = Fixtures.catalog
    let renderer = PageRenderer(catalog: Fixtures.catalog)

    func page(_ answers: Answers) -> String {
        renderer.page(answers, format: .markdown).replacingOccurrences(of: "\n", with: " ")
    }

    func section(_ id: String, _ answers: Answers) throws -> String {
        let section = try #require(catalog.section(id))
        return try #require(renderer.sectionMarkdown(section, answers)).replacingOccurrences(of: "\n", with: " ")
    }

    @Test("A team that is not dedicated is never called dedicated, heading included")
    func aTeamThatIsNotDedicated() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["security-team"]!.answers["dedicated"] = .bool(false)
        let text = page(answers)
        #expect(text.contains("## Security team"))
        #expect(!text.lowercased().contains("dedicated"))
        #expect(!text.contains("half of a full-time role"))
        answers.sections["security-team"]!.answers["dedicated"] = .bool(true)
        #expect(page(answers).contains("adds up to at least half of a full-time role"))
    }

    @Test("A merchant that handles cards itself is never called a service provider")
    func aMerchantIsNotAServiceProvider() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["payment-information"] = SectionAnswers(include: true, answers: ["handling": .choice("self")])
        answers.sections["compliance"]!.answers["frameworks"] = .choices(["pci-dss"])
        answers.sections["compliance"]!.answers["pci_role"] = .choice("merchant")
        answers.sections["compliance"]!.answers["pci_validation"] = .choice("saq")
        answers.sections["compliance"]!.answers["pci_version"] = .text("4.0.1")
        let payment = try section("payment-information", answers)
        let compliance = try section("compliance", answers)
        #expect(!payment.contains("service provider"))
        #expect(!compliance.contains("service provider"))
        #expect(compliance.contains("of the [Payment Card Industry Data Security Standard (PCI DSS)](https://www.pcisecuritystandards.org/) as a merchant."))
        #expect(compliance.contains("We comply with version 4"))
        // One answer, used by both sections: never an SAQ in one and a QSA in the other.
        #expect(payment.contains("described under Compliance"))
        #expect(!payment.contains("Qualified Security Assessor"))
    }

    @Test("PCI DSS is not mentioned in Payment information when Compliance does not claim it")
    func paymentInformationFollowsCompliance() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["payment-information"] = SectionAnswers(include: true, answers: ["handling": .choice("self")])
        #expect(!(try section("payment-information", answers)).contains("PCI DSS"))
        answers.sections["compliance"]!.answers["frameworks"] = .choices(["pci-dss"])
        answers.sections["compliance"]!.include = false
        #expect(!(try section("payment-information", answers)).contains("PCI DSS"), "a section left out claims nothing")
    }

    @Test("A number of days reads '1 day', never '1 days'")
    func oneDay() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["data-retention"]!.answers["retention_days"] = .text("1")
        answers.sections["data-retention"]!.answers["request_days"] = .text("1")
        answers.sections["data-retention"]!.answers["backup_days"] = .text("1")
        answers.sections["responsible-disclosure"]!.answers["response_days"] = .text("1")
        answers.sections["responsible-disclosure"]!.answers["disclosure_days"] = .text("1")
        answers.sections["application-monitoring"]!.answers["audit_log_days"] = .text("1")
        let text = page(answers)
        #expect(!text.contains("1 days"))
        #expect(text.contains("We delete customer data 1 day after the account is closed."))
        #expect(text.contains("within 1 day."))
        #expect(text.contains("for 1 day."))
        answers.sections["data-retention"]!.answers["retention_days"] = .text("30")
        #expect(page(answers).contains("We delete customer data 30 days after"))
    }

    @Test("A contact that is a web address is a contact form, not an address to write to")
    func aContactForm() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["responsible-disclosure"]!.answers["program"] = .choice("policy")
        var text = page(answers)
        #expect(!text.contains("Write to us at"))
        #expect(!text.contains("write to [https"))
        #expect(text.contains("Use [our security contact form](https://northwind.health/security/report)."))
        #expect(text.contains("To report a vulnerability, use [our security contact form](https://northwind.health/security/report)."))
        answers.company.securityContact = "security@northwind.health"
        text = page(answers)
        // The address shows as written; its @ is an entity so no site turns it into a second link.
        #expect(text.contains("Write to us at [security&#64;northwind.health](mailto:security@northwind.health)."))
        #expect(!text.contains("contact form"))
    }

    @Test("Each data center protection is its own answer")
    func dataCenterProtections() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["infrastructure"]!.answers["dc_controls"] = .choices(["cctv"])
        let text = try section("infrastructure", answers)
        #expect(text.contains("- Video surveillance (CCTV)"))
        #expect(!text.lowercased().contains("guard"))
        #expect(!text.contains("access control"))
    }

    @Test("A tier is printed only with what it rests on")
    func tierRating() throws {
        var answers = try Fixtures.answers("later-health.yml")
        #expect(try section("infrastructure", answers).contains("That space is in a facility designed to Tier III of the Uptime Institute's tier standard, without certification by the Uptime Institute."))
        answers.sections["infrastructure"]!.answers["dc_tier_basis"] = .choice("certified")
        #expect(try section("infrastructure", answers).contains("That space is in a facility the Uptime Institute has certified at Tier III."))
        answers.sections["infrastructure"]!.answers["dc_tier_basis"] = nil
        #expect(!(try section("infrastructure", answers)).contains("Tier III"))
    }

    @Test("The UK Extension and the Swiss-U.S. DPF are two answers")
    func dpfExtensions() throws {
        let text = try section("compliance", try Fixtures.answers("later-health.yml"))
        #expect(text.contains("UK Extension"))
        #expect(!text.contains("Swiss"))
    }

    @Test("ISO/IEC 27001's accredited certification body is claimed only when affirmed")
    func isoAccreditation() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["compliance"]!.answers["frameworks"] = .choices(["iso-27001"])
        #expect(!(try section("compliance", answers)).contains("accredited"))
        answers.sections["compliance"]!.answers["iso_accredited"] = .bool(true)
        #expect(try section("compliance", answers).contains("accredited certification body"))
    }

    @Test("SOC 2 says what the auditor reported on, not that the controls worked")
    func soc2() throws {
        let text = try section("compliance", try Fixtures.answers("later-health.yml"))
        #expect(!text.contains("confirms"))
        #expect(text.contains("the auditor reported on how our controls were designed and how they operated over a period, October 1, 2025 to September 30, 2026."))
        #expect(text.contains("Security, Availability and Confidentiality"))
    }

    @Test("Nothing in User protection is printed without its answer")
    func userProtection() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["user-protection"]!.answers["two_factor_policy"] = .choice("optional")
        let text = try section("user-protection", answers)
        #expect(!text.contains("recommend"))
        #expect(!text.contains("rate of attempts"))
        #expect(text.contains("on our enterprise plan"))
        #expect(text.contains("Hardware security keys (FIDO2), which resist phishing"))
        #expect(text.contains("sign in with a passkey instead of a password"))
    }

    @Test("A web application firewall is not said to block the OWASP Top 10, and headers are named")
    func applicationProtection() throws {
        let text = try section("application-protection", try Fixtures.answers("later-health.yml"))
        #expect(!text.contains("OWASP Top 10"))
        #expect(text.contains("Content-Security-Policy, Strict-Transport-Security and X-Content-Type-Options"))
        #expect(!text.contains("Referrer-Policy"))
    }

    @Test("Deletion says what backups keep and what the law keeps")
    func retention() throws {
        let text = try section("data-retention", try Fixtures.answers("later-health.yml"))
        #expect(!text.contains("from our systems"))
        #expect(text.contains("within 30 days, except what the law requires us to keep."))
        #expect(text.contains("up to 35 days"))
    }

    @Test("TLS 1.3 as the oldest version accepted is 'only TLS 1.3'")
    func tls13() throws {
        let text = try section("data-encryption", try Fixtures.answers("later-health.yml"))
        #expect(text.contains("We accept only TLS 1.3."))
        #expect(!text.contains("newer"))
    }

    @Test("The disclosure section is titled for today and keeps its anchor on sites")
    func disclosureTitleAndAnchor() throws {
        let answers = try Fixtures.answers("later-health.yml")
        #expect(renderer.page(answers, format: .markdown).contains("\n## Vulnerability disclosure\n"))
        #expect(renderer.page(answers, format: .hugo).contains("\n## Vulnerability disclosure {#responsible-disclosure}\n"))
        #expect(renderer.page(answers, format: .jekyll).contains("\n## Vulnerability disclosure {#responsible-disclosure}\n"))
        let text = try section("responsible-disclosure", answers)
        #expect(text.contains("or until 90 days after your report, whichever comes first."))
        #expect(text.contains("welcome reports of others too"))
    }

    // MARK: - Blank answers

    @Test("An answer of only spaces or line breaks is no answer")
    func blankAnswers() throws {
        let text = try Fixtures.text("later-health.yml")
            .replacingOccurrences(of: "      dc_countries: the United States and Germany\n", with: "      dc_countries: \"   \"\n")
            .replacingOccurrences(of: "      details: |-\n        Our team of six includes former incident responders.\n        We publish post-mortems for every customer-facing incident.\n",
                                  with: "      details: \"  \\n \\n\"\n")
        let answers = try AnswersFile.parse(text, file: "a.yml", catalog: catalog)
        #expect(answers.sections["infrastructure"]!.answers["dc_countries"] == nil)
        #expect(answers.sections["infrastructure"]!.open.contains("dc_countries"))
        #expect(answers.sections["security-team"]!.answers["details"] == nil)
        let problems = Completeness.problems(answers, catalog: catalog, file: "a.yml").map(\.message)
        #expect(problems.contains("section 'infrastructure': required question 'dc_countries' has no answer (seen and left unanswered)"))

        // Answers made in code (the wizard's) count the same.
        var made = try Fixtures.answers("later-health.yml")
        made.sections["infrastructure"]!.answers["dc_countries"] = .text(" \n ")
        made.sections["security-team"]!.answers["details"] = .text("\n\n")
        let infrastructure = try #require(catalog.section("infrastructure"))
        #expect(Completeness.missingRequired(infrastructure, made).map(\.id) == ["dc_countries"])
        #expect(!(try section("infrastructure", made)).contains("data center space in"))
        let saved = AnswersFile.serialize(made, catalog: catalog)
        #expect(saved.contains("      dc_countries: ~\n"))
        #expect(saved.contains("      details: ~\n"))
    }

    // MARK: - Answers files written before the split

    @Test("An answers file written before questions were split still loads, and check asks for the new ones")
    func answersWrittenBeforeTheSplit() throws {
        let answers = try Fixtures.answers("written-before-split.yml")
        let problems = Completeness.problems(answers, catalog: catalog, file: "a.yml").map(\.message)
        for expected in [
            "section 'infrastructure': question 'dc_controls' was never seen (new in the catalog?)",
            "section 'infrastructure': required question 'what_runs_where' has no answer (never seen: new in the catalog?)",
            "section 'responsible-disclosure': required question 'own_accounts_only' has no answer (never seen: new in the catalog?)",
            "section 'responsible-disclosure': required question 'keep_private' has no answer (never seen: new in the catalog?)",
            "section 'compliance': question 'dpf_uk' was never seen (new in the catalog?)",
            "section 'compliance': question 'dpf_swiss' was never seen (new in the catalog?)",
        ] {
            #expect(problems.contains(expected), "missing: \(expected)")
        }
        // The old answers mean nothing now: nothing of them is on the page.
        let text = page(answers)
        #expect(!text.lowercased().contains("guard"))
        #expect(!text.contains("automated scanners"))
        #expect(!text.contains("UK Extension"))
        // Saving drops them.
        let saved = AnswersFile.serialize(answers, catalog: catalog)
        for retired in ["dc_physical_security", "testing_rules", "dpf_extensions"] { #expect(!saved.contains(retired)) }
    }
    // MARK: - Help for the unsure, and one voice (issues 13 and 11)

    @Test("No question shows a placeholder such as <your domain> for the founder to fill in")
    func noPlaceholderInLabels() {
        for section in catalog.sections {
            for question in section.questions {
                for text in [question.label, question.help ?? ""] + question.choices.map(\.label) {
                    #expect(text.range(of: "<[^>]+>", options: .regularExpression) == nil, "\(section.id).\(question.id): \(text)")
                }
            }
        }
    }

    @Test("Network security: one lead-in, then one item per control ticked, and nothing for a control not ticked")
    func networkSecurityInOneVoice() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["network-security"] = SectionAnswers(include: true, answers: ["controls": .choices(["firewall"])])
        let one = try section("network-security", answers)
        #expect(one == "We protect our network in these ways:  - Firewall rules decide which traffic may enter and leave our network.")
        answers.sections["network-security"]!.answers["controls"] = .choices(["bastion-vpn", "security-zones"])
        let two = try section("network-security", answers)
        #expect(two.components(separatedBy: "in these ways:").count == 2, "the lead-in once")
        #expect(two.contains("- Our network is divided into separate security zones. - Staff reach internal systems only through a bastion host, a VPN or a managed access service."))
        #expect(!two.contains("Firewall"))
        #expect(!two.contains("IDS"))
        answers.sections["network-security"]!.answers["controls"] = nil
        #expect(renderer.sectionMarkdown(try #require(catalog.section("network-security")), answers) == nil)
    }

    @Test("Backups: a restore test without a frequency says 'regularly'; encryption only when affirmed")
    func businessContinuityInOneVoice() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["business-continuity"] = SectionAnswers(include: true, answers: [
            "backups": .bool(true), "backups_encrypted": .bool(false), "restore_tested": .bool(true), "dr_plan": .bool(false)])
        let text = try section("business-continuity", answers)
        #expect(text == "We back up all of our critical data and systems. To make sure we can recover from them after a disaster, we test restoring a backup regularly.")
        answers.sections["business-continuity"]!.answers["restore_tested"] = .bool(false)
        answers.sections["business-continuity"]!.answers["restore_frequency"] = .choice("monthly")
        #expect(!(try section("business-continuity", answers)).contains("restor"), "a frequency without a restore test claims nothing")
    }

    @Test("Testing rules: one lead-in, printed once, only above a rule that is a yes")
    func disclosureRulesInOneVoice() throws {
        var answers = try Fixtures.answers("later-health.yml")
        let lead = "please follow these rules:"
        for rules in [["no_scanners"], ["keep_private"], ["own_accounts_only", "keep_private"], ["own_accounts_only", "no_scanners", "keep_private"]] {
            for rule in ["own_accounts_only", "no_scanners", "keep_private"] {
                answers.sections["responsible-disclosure"]!.answers[rule] = .bool(rules.contains(rule))
            }
            let text = try section("responsible-disclosure", answers)
            #expect(text.components(separatedBy: lead).count == 2, "\(rules)")
            #expect(text.contains("- Do not use automated scanners.") == rules.contains("no_scanners"))
            #expect(text.contains("- Use only accounts and data") == rules.contains("own_accounts_only"))
        }
        for rule in ["own_accounts_only", "no_scanners", "keep_private"] {
            answers.sections["responsible-disclosure"]!.answers[rule] = .bool(false)
        }
        #expect(!(try section("responsible-disclosure", answers)).contains(lead), "no rule, no lead-in")
    }

    @Test("AWS Shield Standard (every AWS customer's) and Shield Advanced (paid) are two answers")
    func awsShieldTiers() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["ddos-protection"] = SectionAnswers(include: true, answers: ["has_mitigation": .bool(true), "provider": .choice("aws-shield")])
        let standard = try section("ddos-protection", answers)
        #expect(standard.hasPrefix("We use AWS Shield Standard to protect"))
        #expect(!standard.contains("Advanced"))
        answers.sections["ddos-protection"]!.answers["provider"] = .choice("aws-shield-advanced")
        #expect(try section("ddos-protection", answers).hasPrefix("We use AWS Shield Advanced to protect"))
    }

    @Test("A sentence that leans on the one before it is printed only after that one")
    func sentencesThatLeanOnTheOneBefore() throws {
        var answers = try Fixtures.answers("later-health.yml")
        // "They can also" only after "Customers can choose the region".
        answers.sections["data-location"]!.answers["customer_choice"] = .bool(true)
        answers.sections["data-location"]!.answers["eu_only"] = .bool(true)
        #expect(try section("data-location", answers).contains("Customers can choose the region where their data is stored. They can also choose to have their data stored and processed only in the European Union."))
        answers.sections["data-location"]!.answers["customer_choice"] = .bool(false)
        let alone = try section("data-location", answers)
        #expect(alone.contains("Customers can choose to have their data stored and processed only in the European Union."))
        #expect(!alone.contains("also"))
        // "They report" only after the sentence that names who is responsible.
        let governance = try section("governance", answers)
        #expect(governance.contains("Our Chief Information Security Officer (CISO) is responsible for security. They report on it to our leadership at least once a year."))
        answers.sections["governance"]!.answers["owner"] = nil
        let noOwner = try section("governance", answers)
        #expect(noOwner.contains("The person responsible for security reports on it to our leadership at least once a year."))
        #expect(!noOwner.contains("They report"))
        // "That space" only after the sentence that names where the space is.
        answers.sections["infrastructure"]!.answers["dc_countries"] = nil
        let infrastructure = try section("infrastructure", answers)
        #expect(infrastructure.contains("Our data center space is in a facility designed to Tier III"))
        #expect(!infrastructure.contains("That space"))
    }

    @Test("Fixed roles are not called roles that customers define, and are asked only without custom roles")
    func fixedRoles() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["user-protection"]!.answers["rbac"] = .bool(false)
        answers.sections["user-protection"]!.answers["rbac_plans"] = nil
        answers.sections["user-protection"]!.answers["fixed_roles"] = .bool(true)
        let fixed = try section("user-protection", answers)
        #expect(fixed.contains("Account administrators give each user one of a fixed set of roles that we define"))
        #expect(!fixed.contains("can define roles"))
        answers.sections["user-protection"]!.answers["fixed_roles"] = .bool(false)
        #expect(!(try section("user-protection", answers)).contains("roles"))
        // With custom roles, the fixed-roles question does not apply and its answer is not printed.
        answers.sections["user-protection"]!.answers["rbac"] = .bool(true)
        answers.sections["user-protection"]!.answers["fixed_roles"] = .bool(true)
        let custom = try section("user-protection", answers)
        #expect(custom.contains("can define roles"))
        #expect(!custom.contains("fixed set"))
    }

    @Test("Fix deadlines affirmed without a number of days: one sentence, no lead-in over an empty list")
    func fixDeadlinesWithoutDays() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["vulnerability-management"] = SectionAnswers(include: true, answers: ["fix_deadlines": .bool(true)])
        let text = try section("vulnerability-management", answers)
        #expect(text == "We fix vulnerabilities within deadlines set by their severity.")
        answers.sections["vulnerability-management"]!.answers["high_days"] = .text("30")
        #expect(try section("vulnerability-management", answers)
                == "We fix vulnerabilities within deadlines set by their severity, counted from when we learn of them:  - high: within 30 days")
    }

    @Test("A subscribable page for subprocessor changes without its address is not an empty link")
    func subprocessorNoticePageWithoutAddress() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["subprocessors"] = SectionAnswers(include: true, answers: ["change_notice": .choices(["page"])])
        let text = try section("subprocessors", answers)
        #expect(text.contains("- on a page customers can subscribe to"))
        #expect(!text.contains("]()"))
        answers.sections["subprocessors"]!.answers["change_notice_url"] = .text("https://acme.example/subprocessors")
        #expect(try section("subprocessors", answers).contains("- on [a page customers can subscribe to](https://acme.example/subprocessors)"))
    }

    @Test("A SOC 2 request form without its address is not an empty link")
    func soc2FormWithoutAddress() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["compliance"] = SectionAnswers(include: true, answers: ["frameworks": .choices(["soc-2"]), "soc2_request": .choice("form")])
        let text = try section("compliance", answers)
        #expect(text.contains("Customers can request the report through our request form."))
        #expect(!text.contains("]()"))
        answers.sections["compliance"]!.answers["soc2_form_url"] = .text("https://acme.example/soc2")
        #expect(try section("compliance", answers).contains("through [our request form](https://acme.example/soc2)."))
    }

    @Test("AI providers affirmed without naming one: no lead-in over an empty table")
    func aiProvidersWithoutRecords() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["ai-data"] = SectionAnswers(include: true, answers: ["ai_use": .choice("providers")])
        let text = try section("ai-data", answers)
        #expect(text == "Our product sends customer data to AI models run by outside providers.")
        answers.sections["ai-data"]!.answers["providers"] = .records([["name": "OpenAI", "purpose": "Summaries", "location": "United States"]])
        let listed = try section("ai-data", answers)
        #expect(listed.contains("run by these providers:  | Provider |"))
        #expect(!listed.contains("subprocessors"), "whether they are listed as subprocessors is not an answer here")
        #expect(listed.contains("| OpenAI | Summaries | United States |"))
        #expect(!listed.contains("outside providers"))
    }

    @Test("Cloud providers are said to be linked only when every one listed is")
    func cloudProviderLinks() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.profile.hosting = .cloud
        answers.sections["infrastructure"] = SectionAnswers(include: true, answers: ["cloud_providers": .choices(["aws"])])
        #expect(try section("infrastructure", answers).contains("each linked to the page where it describes its own security:"))
        answers.sections["infrastructure"]!.answers["cloud_other"] = .text("Hetzner")
        let mixed = try section("infrastructure", answers)
        #expect(!mixed.contains("each linked"), "Hetzner has no link: \(mixed)")
        #expect(mixed.contains("(a link goes to the provider's page on its own security):"))
        #expect(mixed.contains("- Hetzner"))
    }

    @Test("A number of days with a leading zero says so, and what to write")
    func daysWithALeadingZero() {
        #expect(TextFormat.days.problem(with: "030") == "'030' starts with a zero: write it without, like 30")
        #expect(TextFormat.days.problem(with: "ninety") == "'ninety' is not a number of days (digits only, like 90)")
    }

    @Test("The providers' retention reads as one sentence with or without a number of days")
    func aiProviderRetention() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["ai-data"] = SectionAnswers(include: true, answers: ["ai_use": .choice("providers"),
                                                                               "provider_retention": .choice("days")])
        #expect(try section("ai-data", answers).contains("Our providers keep this data for a limited number of days."))
        answers.sections["ai-data"]!.answers["provider_retention_days"] = .text("30")
        let counted = try section("ai-data", answers)
        #expect(counted.contains("Our providers keep this data for at most 30 days."), "\(counted)")
        #expect(!counted.contains("limited number"))
    }
}

// MARK: - security.txt

@Suite struct SecurityTxtContractTests {
    let catalog = Fixtures.catalog
    let today = ReviewDate("2026-11-29")!

    @Test("Without the page's public address, security.txt has no Policy and says so")
    func noGuessedPolicy() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.outputs.pageURL = nil
        let text = try SecurityTxt.text(answers, catalog: catalog, file: "a.yml", today: today)
        #expect(!text.contains("Policy:"))
        #expect(!text.contains("#responsible-disclosure"))
        let notes = SecurityTxt.notes(answers, catalog: catalog)
        #expect(notes == ["security.txt has no Policy: the section 'responsible-disclosure' is on the page, but no address for it was given; set sections.responsible-disclosure.answers.hosted_url or outputs.page_url (the page's public address)"])
    }

    @Test("A hosted program's page is the Policy")
    func hostedProgramPolicy() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["responsible-disclosure"]!.answers["program"] = .choice("hosted")
        answers.sections["responsible-disclosure"]!.answers["hosted_url"] = .text("https://hackerone.com/northwind")
        let text = try SecurityTxt.text(answers, catalog: catalog, file: "a.yml", today: today)
        #expect(text.contains("Policy: https://hackerone.com/northwind\n"))
        #expect(SecurityTxt.notes(answers, catalog: catalog).isEmpty)
    }

    @Test(arguments: ["english", "English", "en,,fr", "en fr", "e", "en-", "en_US", "fr-CA-toolongsubtag"])
    func invalidLanguagesAreRefused(_ value: String) throws {
        let text = try Fixtures.text("later-health.yml").replacingOccurrences(of: "preferred_languages: en\n", with: "preferred_languages: \"\(value)\"\n")
        #expect(throws: InputErrors.self) { try AnswersFile.parse(text, file: "a.yml", catalog: catalog) }
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["overview"]!.answers["preferred_languages"] = .text(value)
        #expect(throws: InputError.self) { try SecurityTxt.text(answers, catalog: catalog, file: "a.yml", today: today) }
    }

    @Test func theLanguageErrorIsOneLineWithItsPlace() throws {
        let text = try Fixtures.text("later-health.yml").replacingOccurrences(of: "preferred_languages: en\n", with: "preferred_languages: English\n")
        let error = #expect(throws: InputErrors.self) { try AnswersFile.parse(text, file: "a.yml", catalog: catalog) }
        #expect(error?.errors == [InputError(file: "a.yml", line: 21, column: 28,
            "sections.overview.answers.preferred_languages: 'English' is not a language tag (RFC 5646) like en, fr or pt-BR: separate tags with commas")])
    }

    @Test(arguments: ["en", "en, fr", "pt-BR,de", "zh-Hant-TW", "sgn-BE-FR"])
    func validLanguages(_ value: String) {
        #expect(TextFormat.languages.problem(with: value) == nil)
    }

    @Test("Whether the page links to security.txt comes from the catalog's contract")
    func pageLinks() throws {
        var answers = try Fixtures.answers("later-health.yml")
        #expect(SecurityTxt.pageLinks(answers, catalog: catalog))
        answers.sections["overview"]!.answers["link_security_txt"] = .bool(false)
        #expect(!SecurityTxt.pageLinks(answers, catalog: catalog))
        answers.sections["overview"]!.answers["link_security_txt"] = .bool(true)
        answers.sections["overview"]!.include = false
        #expect(!SecurityTxt.pageLinks(answers, catalog: catalog))
        answers.sections["overview"]!.include = true
        answers.company.domain = nil
        #expect(!SecurityTxt.pageLinks(answers, catalog: catalog))
    }

    @Test("The built-in catalog declares what feeds security.txt")
    func builtinContract() throws {
        let overview = try #require(catalog.section("overview")?.securityTxt)
        #expect(overview.pageLink == "link_security_txt")
        #expect(overview.fields[.encryption] == [.answer("encryption_url")])
        #expect(overview.fields[.preferredLanguages] == [.answer("preferred_languages")])
        let disclosure = try #require(catalog.section("responsible-disclosure")?.securityTxt)
        #expect(disclosure.fields[.policy] == [.answer("hosted_url"), .onPage])
    }

    func error(_ frontMatter: String) -> String? {
        do { _ = try SectionParser(file: "custom.md").parse(sectionFile(frontMatter)); return nil } catch { return error.description }
    }

    @Test func aContractIsCheckedWhenTheSectionLoads() {
        #expect(error(minimalFrontMatter + "\nsecurity_txt: {Encryption: nothing}")
                == "custom.md:12:28: security_txt.Encryption: 'nothing' is not a question of this section")
        #expect(error(minimalFrontMatter + "\nsecurity_txt: {Encryption: ok}")
                == "custom.md:12:28: security_txt.Encryption: 'ok' must be a text question with 'validate: url'")
        #expect(error(minimalFrontMatter + "\nsecurity_txt: {Expires: ok}")
                == "custom.md:12:16: unknown key 'Expires' in security_txt (page-link, Encryption, Acknowledgments, Preferred-Languages, Policy, Hiring, Contact, CSAF)")
        #expect(error(minimalFrontMatter + "\n  - {id: key, kind: text, label: Key}\nsecurity_txt: {page-link: key}")
                == "custom.md:13:27: security_txt.page-link: 'key' must be a yesno question, not text")
        #expect(error(minimalFrontMatter + "\n  - {id: url, kind: text, validate: url, label: U}\nsecurity_txt: {Policy: [url, on-page]}")
                == "custom.md:13:15: security_txt.Policy: on-page links to the section's heading: give the section an 'anchor'")
        #expect(error(minimalFrontMatter + "\nsecurity_txt: {page-link: ok}") == nil)
    }

    @Test("A section that replaces one feeding security.txt keeps or changes the contract on purpose")
    func aReplacementKeepsTheContract() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let builtin = try #require(catalog.section("overview"))
        let front = "---\nid: overview\ntitle: About\norder: 10\nguidance: {who: All, why: Because}\nquestions:\n  - {id: intro, kind: yesno, label: Intro}\n"
        try folder.write("overview.md", front + "---\n{{#intro}}\nHello.\n{{/intro}}\n")
        #expect(throws: InputError(file: folder.file("overview.md"), line: 2,
            "section 'overview' replaces the built-in one, which feeds security.txt (page-link, Encryption, Acknowledgments, Preferred-Languages, Hiring, Contact, CSAF); declare 'security_txt' with the questions that feed it now, or 'security_txt: {}' to feed nothing")) {
            try Catalog.load(customDirectory: folder.path)
        }
        try folder.write("overview.md", front + "security_txt: {}\n---\n{{#intro}}\nHello.\n{{/intro}}\n")
        let replaced = try Catalog.load(customDirectory: folder.path)
        #expect(replaced.section("overview")?.securityTxt == SecurityTxtContract())
        #expect(builtin.securityTxt?.pageLink == "link_security_txt")

        // Two sections cannot both give one field.
        try folder.write("overview.md", front + "security_txt: {}\n---\n{{#intro}}\nHello.\n{{/intro}}\n")
        try folder.write("extra.md", "---\nid: extra\ntitle: Extra\norder: 900\nguidance: {who: All, why: Because}\nquestions:\n  - {id: key, kind: text, validate: url, label: Key}\nsecurity_txt: {Policy: key}\n---\n{{#key}}\nKey.\n{{/key}}\n")
        #expect(throws: InputError(file: folder.file("extra.md"), line: 8,
            "security_txt.Policy is already fed by section 'responsible-disclosure' (sections/12-responsible-disclosure.md); one section gives each field")) {
            try Catalog.load(customDirectory: folder.path)
        }
    }
}
