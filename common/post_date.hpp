#pragma once
// A post's date as the post states it: its own local time, never converted to
// UTC, with the UTC offset kept only when the post gave one. Pure parsing and
// formatting, shared by the indexer (front matter) and the query side (ranges).

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace idx {

struct PostDate {
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    std::optional<int> utc_offset_minutes;  // east of UTC; absent when the post gave none

    bool operator==(const PostDate&) const = default;
};

struct ParsedDate {
    PostDate date;
    bool offset_dropped = false;  // the text had an impossible offset such as +2500
};

// Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]`, `YYYY-MM-DD HH:MM:SS +0100` and
// ISO 8601 (`T` separator, fractional seconds, `Z`, `+01:00`, `+01`). Returns
// nothing when the text is no such date or names an impossible day or time.
std::optional<ParsedDate> parse_post_date(std::string_view text);

// The `YYYY-MM-DD-` prefix of a Jekyll file name (`2016-02-21-slug.md`), if valid.
std::optional<PostDate> date_from_file_name(std::string_view file_name);

// `2016-02-21T18:12:10`, plus `+01:00` when the post had an offset.
std::string to_iso8601(const PostDate& date);

// A moment as UTC ISO 8601 with a Z: "2026-12-02T10:00:00Z" (run times, file
// times, log lines).
std::string utc_iso8601(std::time_t seconds);

// `20160221181210`: fixed width, so byte order is date order. This is what the
// date value slot holds; range filters compare against it.
std::string to_sort_key(const PostDate& date);

// `2016-02`, the month facet value.
std::string to_year_month(const PostDate& date);

int days_in_month(int year, int month);

// True when `text` is one or more ASCII digits.
bool all_digits(std::string_view text);

// The value of an ASCII digit string (all_digits), as an int; callers keep
// it short (a year, a month).
int digits_value(std::string_view digits);

}  // namespace idx
