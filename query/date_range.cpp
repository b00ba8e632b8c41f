#include "query/date_range.hpp"

#include <cstdio>

#include "common/post_date.hpp"
#include "common/schema.hpp"

namespace idx::query {
namespace {

std::string key(int y, int mo, int d, int h, int mi, int s) {
    PostDate date;
    date.year = y, date.month = mo, date.day = d, date.hour = h, date.minute = mi, date.second = s;
    return to_sort_key(date);
}

}  // namespace

std::optional<std::string> date_bound(std::string_view text, Bound bound) {
    const bool upper = bound == Bound::upper;
    // A full date with a time is exact: reuse the post date parser.
    if (text.size() > 10) {
        const auto parsed = parse_post_date(text);
        if (!parsed) return std::nullopt;
        return to_sort_key(parsed->date);
    }
    std::string compact;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '-' && (i == 4 || i == 7)) continue;
        compact += text[i];
    }
    if (!all_digits(compact) || (compact.size() != 4 && compact.size() != 6 && compact.size() != 8))
        return std::nullopt;
    if (compact.size() != text.size() && text.size() != 7 && text.size() != 10) return std::nullopt;
    const int year = digits_value(compact.substr(0, 4));
    if (year < 1) return std::nullopt;
    if (compact.size() == 4) return upper ? key(year, 12, 31, 23, 59, 59) : key(year, 1, 1, 0, 0, 0);
    const int month = digits_value(compact.substr(4, 2));
    if (month < 1 || month > 12) return std::nullopt;
    if (compact.size() == 6)
        return upper ? key(year, month, days_in_month(year, month), 23, 59, 59) : key(year, month, 1, 0, 0, 0);
    const int day = digits_value(compact.substr(6, 2));
    if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
    return upper ? key(year, month, day, 23, 59, 59) : key(year, month, day, 0, 0, 0);
}

std::optional<Xapian::Query> date_range_query(std::string_view begin, std::string_view end) {
    if (begin.empty() && end.empty()) return std::nullopt;
    std::optional<std::string> low;
    std::optional<std::string> high;
    if (!begin.empty() && !(low = date_bound(begin, Bound::lower))) return std::nullopt;
    if (!end.empty() && !(high = date_bound(end, Bound::upper))) return std::nullopt;
    if (low && high) {
        if (*low > *high) return std::nullopt;
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot::date, *low, *high);
    }
    if (low) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::slot::date, *low);
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::slot::date, *high);
}

bool is_reversed_range(std::string_view begin, std::string_view end) {
    if (begin.empty() || end.empty()) return false;
    const std::optional<std::string> low = date_bound(begin, Bound::lower);
    const std::optional<std::string> high = date_bound(end, Bound::upper);
    return low && high && *low > *high;
}

DateRangeProcessor::DateRangeProcessor(std::string& problem)
    : Xapian::RangeProcessor(schema::slot::date, "date:"), m_problem(problem) {}

Xapian::Query DateRangeProcessor::operator()(const std::string& begin, const std::string& end) {
    if (auto query = date_range_query(begin, end)) return *query;
    if (is_reversed_range(begin, end)) {
        m_problem = "date:" + begin + ".." + end + " is a reversed range: " + begin + " comes after " + end +
                    "; write the earlier date first, as in date:" + end + ".." + begin;
        return Xapian::Query::MatchNothing;
    }
    m_problem = "date:" + begin + ".." + end +
                " is not a date range; write it as date:2016-03-01..2016-03-31, date:2016-03..2016-04, "
                "date:2016.. or date:..2016-02-15";
    return Xapian::Query::MatchNothing;
}

}  // namespace idx::query
