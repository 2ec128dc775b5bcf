//! Temporary: replaced by the Hugo-compatible parser.
pub fn is_valid(s: &str) -> bool {
    jiff::civil::Date::strptime("%Y-%m-%d", s.get(..10).unwrap_or(s)).is_ok()
}
