/// A calendar quarter, written `2027-Q2`: when an audit or assessment under
/// way is expected to end. `check` fails once the quarter is over.
public struct Quarter: Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    /// 1 to 4.
    public let number: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCII), let year = Int(parts[0]),
              year >= 2000, parts[1].count == 2, parts[1].first == "Q",
              let number = Int(parts[1].dropFirst()), (1...4).contains(number)
        else { return nil }
        self.year = year
        self.number = number
    }

    /// The last day of the quarter.
    public var lastDay: ReviewDate { ReviewDate(year: year, month: number * 3, day: 31) }

    /// Whether the quarter ended before `today`.
    public func hasPassed(_ today: ReviewDate) -> Bool { lastDay < today }

    /// The quarter an answer names (spaces around it allowed), when it ended
    /// before `today`: what `check` fails on and the wizard refuses.
    public static func over(_ answer: String, on today: ReviewDate) -> Quarter? {
        guard let quarter = Quarter(answer.trimmingBlanks()), quarter.hasPassed(today) else { return nil }
        return quarter
    }

    /// As it reads in a sentence: "Q2 2027".
    public var spoken: String { "Q\(number) \(year)" }

    /// As it is written in the answers file: "2027-Q2".
    public var description: String { "\(year)-Q\(number)" }

    public static func < (a: Quarter, b: Quarter) -> Bool { (a.year, a.number) < (b.year, b.number) }
}
