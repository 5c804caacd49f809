import Foundation
@testable import OverviewCore
@testable import OverviewTUI

/// The built-in catalog, loaded once for all wizard tests.
let testCatalog: Catalog = {
    do { return try Catalog.builtin() } catch { fatalError("built-in catalog: \(error)") }
}()

let testWizard = Wizard(catalog: testCatalog)
let testPaths = WizardPaths(answers: "security-overview.yml", page: "security-overview.md")

/// A fresh first run: no answers file, no draft.
func firstRun() -> WizardState {
    testWizard.start(paths: testPaths, fileAnswers: nil, draft: nil)
}

/// Sends actions one after another, returning every effect asked for.
@discardableResult
func send(_ state: inout WizardState, _ actions: WizardAction...) -> [WizardEffect] {
    actions.flatMap { testWizard.reduce(into: &state, action: $0) }
}
