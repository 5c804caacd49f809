import Foundation

/// A `YYYY-MM-DD` day, compared and shifted by the calendar, never by the clock.
public struct ReviewDate: Comparable, Sendable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(_ text: String) {
        // Exactly `YYYY-MM-DD` in ASCII digits: Int("+1") would take a sign.
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].utf8.count == 4, parts[1].utf8.count == 2, parts[2].utf8.count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= ReviewDate.days(inMonth: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = min(day, ReviewDate.days(inMonth: month, year: year))
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: ReviewDate, b: ReviewDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// The same day `months` later (the last day of the month where it has fewer days).
    public func adding(months: Int) -> ReviewDate {
        let index = year * 12 + (month - 1) + months
        return ReviewDate(year: index / 12, month: index % 12 + 1, day: day)
    }

    /// Whole days from `self` to `other` (proleptic Gregorian day numbers).
    public func days(until other: ReviewDate) -> Int { other.dayNumber - dayNumber }

    var dayNumber: Int {
        // Days since 0000-03-01, the usual civil-from-days arithmetic.
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe
    }

    /// `YYYY-MM-DD`, as `String(format: "%04d-%02d-%02d")` writes it, without
    /// its trip through CoreFoundation's formatter (a million instructions,
    /// and its Unicode tables made resident, at a revise start).
    public var description: String {
        func padded(_ number: Int, _ width: Int) -> String {
            let digits = String(number.magnitude)
            let zeros = String(repeating: "0", count: max(0, width - digits.count - (number < 0 ? 1 : 0)))
            return (number < 0 ? "-" : "") + zeros + digits
        }
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    /// Today in UTC, for commands that default `--today` to the clock.
    ///
    /// Whole days since 1970-01-01 (Unix time counts no leap seconds, as UTC
    /// days in a calendar do not): making a Calendar instead took 1.9M
    /// instructions on the way to a revise run's first frame.
    public static func today() -> ReviewDate {
        let days = (Date().timeIntervalSince1970 / 86_400).rounded(.down)
        return ReviewDate(year: 1970, month: 1, day: 1).adding(days: Int(days))
    }
}

extension ReviewDate {
    /// The day `days` later (earlier when negative), by the proleptic Gregorian calendar.
    public func adding(days: Int) -> ReviewDate {
        // The inverse of `dayNumber` (days since 0000-03-01).
        let z = dayNumber + days
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return ReviewDate(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }
}
