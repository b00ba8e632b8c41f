#pragma once
// Date filters over the date value slot (YYYYMMDDHHMMSS, the post's local
// time). Partial dates cover their whole month or year and an end date covers
// its whole day, which Xapian's DateRangeProcessor does not do: with times in
// the slot it cut `2016-03-01..2016-03-31` short by the last day's posts.

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace idx::query {

enum class Bound { lower, upper };

// `2016` `2016-03` `2016-03-01` `201603` `20160301` `2016-03-01T10:00[:00]`
// to a 14-digit slot key: the first second of the period for a lower bound,
// its last second for an upper bound. Nothing for anything else.
std::optional<std::string> date_bound(std::string_view text, Bound bound);

// The filter for begin..end, either side possibly empty (open); nothing when
// a side is not a date, both are empty, or the range is reversed.
std::optional<Xapian::Query> date_range_query(std::string_view begin, std::string_view end);

// Both sides are dates and begin's first second comes after end's last
// (2020..2019, 2019-05-25..2019-05-20): a range no post can be in, which a
// user means as an error, never as "no filter".
bool is_reversed_range(std::string_view begin, std::string_view end);

// `date:BEGIN..END` in a query string. A malformed side or a reversed range
// is recorded in `problem` (and the range matches nothing), so the caller can
// refuse the query with a message instead of silently finding nothing.
class DateRangeProcessor : public Xapian::RangeProcessor {
public:
    explicit DateRangeProcessor(std::string& problem);
    Xapian::Query operator()(const std::string& begin, const std::string& end) override;

private:
    std::string& m_problem;
};

}  // namespace idx::query
