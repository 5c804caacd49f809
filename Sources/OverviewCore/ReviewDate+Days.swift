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
