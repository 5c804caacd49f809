/// A terminal's size in cells.
public struct Size: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// A rectangle of cells on the screen.
public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// The geometry every screen shares, from the viewport in the state: where
/// the body is, when the window is too small, where the review's page
/// preview goes. Pure, so the reducer and the screens agree on it.
public enum WizardLayout {
    /// Below this the wizard asks for a larger window (it goes on when it grows).
    public static let minimumSize = Size(width: 60, height: 16)
    /// From this width, previews sit beside the questions instead of below.
    public static let sideBySideWidth = 100

    /// Whether `size` is below the smallest the screens are drawn at.
    public static func isTooSmall(_ size: Size) -> Bool {
        size.width < minimumSize.width || size.height < minimumSize.height
    }

    /// The area between the title bar and the bottom bar (and message line).
    public static func body(_ state: WizardState) -> Rect {
        let size = state.viewport
        return Rect(x: 0, y: 1, width: size.width, height: size.height - 2 - messageLines(state).count)
    }

    /// Most lines the status message takes above the key bar.
    public static let messageRows = 3

    /// The status message wrapped to the window, as drawn above the key bar:
    /// a long one (a write that failed, naming its file and folder) takes
    /// more lines rather than being cut; past `messageRows` the last is marked.
    public static func messageLines(_ state: WizardState) -> [String] {
        guard let message = state.message, !messageInForm(state) else { return [] }
        let width = state.viewport.width - 2
        let lines = TextWidth.wrap(message.text, to: width)
        guard lines.count > messageRows else { return lines.isEmpty ? [""] : lines }
        var shown = Array(lines.prefix(messageRows))
        shown[messageRows - 1] = TextWidth.truncate(shown[messageRows - 1] + " …", to: width)
        return shown
    }

    /// Whether the export step shows the status message in its form instead
    /// of above the key bar: why nothing was written, when it is longer than
    /// the bar's lines hold (a page edited by hand says what to do), whole and
    /// once.
    public static func messageInForm(_ state: WizardState) -> Bool {
        guard state.step == .export, state.exported == nil, let message = state.message, message.kind == .error else { return false }
        return TextWidth.wrap(message.text, to: state.viewport.width - 2).count > messageRows
    }

    /// The review's list width beside its page preview.
    public static func reviewListWidth(_ body: Rect) -> Int {
        body.width >= sideBySideWidth ? min(72, body.width - 40) : body.width
    }

    /// Where the page preview is drawn on the review, if it shows at this size.
    public static func previewArea(_ state: WizardState) -> Rect? {
        guard !isTooSmall(state.viewport) else { return nil }
        let body = body(state)
        if case .section = state.step, state.showPagePreview { return body }
        guard state.step == .review else { return nil }
        if state.showPagePreview { return body }
        guard body.width >= sideBySideWidth else { return nil }
        let listWidth = reviewListWidth(body)
        return Rect(x: listWidth + 1, y: body.y, width: body.width - listWidth - 1, height: body.height)
    }
}
