#pragma once
// Post dates for test tables, in the post's own time.

#include <optional>

#include "common/post_date.hpp"

namespace idx::test {

inline PostDate make_date(int year, int month, int day, int hour = 0, int minute = 0, int second = 0,
                          std::optional<int> utc_offset_minutes = std::nullopt) {
    PostDate date;
    date.year = year;
    date.month = month;
    date.day = day;
    date.hour = hour;
    date.minute = minute;
    date.second = second;
    date.utc_offset_minutes = utc_offset_minutes;
    return date;
}

}  // namespace idx::test
