#include "common/post_date.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "tests/support/param_name.hpp"
#include "tests/support/post_dates.hpp"

namespace idx {
namespace {

using test::make_date;

// ---- parse_post_date: the formats posts use ----

struct ValidCase {
    const char* name;
    std::string text;
    PostDate expected;
    bool offset_dropped;
};

class ParsePostDateValid : public ::testing::TestWithParam<ValidCase> {};

TEST_P(ParsePostDateValid, Parses) {
    const ValidCase& c = GetParam();
    const std::optional<ParsedDate> parsed = parse_post_date(c.text);
    ASSERT_TRUE(parsed.has_value()) << c.text;
    EXPECT_EQ(parsed->date, c.expected) << c.text << " -> " << to_iso8601(parsed->date);
    EXPECT_EQ(parsed->offset_dropped, c.offset_dropped) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Formats, ParsePostDateValid,
    ::testing::Values(
        ValidCase{"day_only", "2016-02-21", make_date(2016, 2, 21), false},
        ValidCase{"hour_minute", "2016-02-21 18:12", make_date(2016, 2, 21, 18, 12), false},
        ValidCase{"hour_minute_second", "2016-02-21 18:12:10", make_date(2016, 2, 21, 18, 12, 10), false},
        ValidCase{"wordpress_offset", "2016-02-21 18:12:10 +0100", make_date(2016, 2, 21, 18, 12, 10, 60), false},
        ValidCase{"negative_offset", "2016-02-21 18:12:10 -0800", make_date(2016, 2, 21, 18, 12, 10, -480), false},
        ValidCase{"half_hour_offset", "2016-02-21 18:12:10 +0530", make_date(2016, 2, 21, 18, 12, 10, 330), false},
        ValidCase{"iso_t", "2016-02-21T18:12:10", make_date(2016, 2, 21, 18, 12, 10), false},
        ValidCase{"iso_z", "2016-02-21T18:12:10Z", make_date(2016, 2, 21, 18, 12, 10, 0), false},
        ValidCase{"iso_colon_offset", "2016-02-21T18:12:10+01:00", make_date(2016, 2, 21, 18, 12, 10, 60), false},
        ValidCase{"iso_negative_colon_offset", "2016-02-21T18:12:10-05:30", make_date(2016, 2, 21, 18, 12, 10, -330),
                  false},
        ValidCase{"iso_hour_offset", "2016-02-21T18:12:10+01", make_date(2016, 2, 21, 18, 12, 10, 60), false},
        ValidCase{"iso_fraction", "2016-02-21T18:12:10.123456", make_date(2016, 2, 21, 18, 12, 10), false},
        ValidCase{"iso_fraction_offset", "2016-02-21T18:12:10.5+01:00", make_date(2016, 2, 21, 18, 12, 10, 60), false},
        ValidCase{"iso_fraction_z", "2016-02-21T18:12:10.000Z", make_date(2016, 2, 21, 18, 12, 10, 0), false},
        ValidCase{"iso_minutes_only", "2016-02-21T18:12", make_date(2016, 2, 21, 18, 12), false},
        ValidCase{"surrounding_blanks", "  2016-02-21 18:12:10 \n", make_date(2016, 2, 21, 18, 12, 10), false},
        ValidCase{"one_digit_hour", "2024-03-21 4:00:00 +0000", make_date(2024, 3, 21, 4, 0, 0, 0), false},
        ValidCase{"midnight", "2016-02-21 00:00:00", make_date(2016, 2, 21), false},
        ValidCase{"last_second", "2016-12-31 23:59:59", make_date(2016, 12, 31, 23, 59, 59), false},
        ValidCase{"leap_day", "2016-02-29", make_date(2016, 2, 29), false},
        ValidCase{"leap_day_2000", "2000-02-29", make_date(2000, 2, 29), false},
        // An offset no place has: the post's local date and time are still right, only the offset goes.
        ValidCase{"impossible_offset", "2016-02-21 18:12:10 +2500", make_date(2016, 2, 21, 18, 12, 10), true},
        ValidCase{"impossible_offset_minutes", "2016-02-21T18:12:10+01:75", make_date(2016, 2, 21, 18, 12, 10), true}),
    test::param_name);

struct InvalidCase {
    const char* name;
    std::string text;
};

class ParsePostDateInvalid : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(ParsePostDateInvalid, GivesNothing) {
    const std::optional<ParsedDate> parsed = parse_post_date(GetParam().text);
    EXPECT_FALSE(parsed.has_value()) << GetParam().text << " -> " << to_iso8601(parsed->date);
}

INSTANTIATE_TEST_SUITE_P(
    Rejects, ParsePostDateInvalid,
    ::testing::Values(InvalidCase{"empty", ""}, InvalidCase{"blank", "   "}, InvalidCase{"word", "yesterday"},
                      InvalidCase{"february_30", "2016-02-30"}, InvalidCase{"month_13", "2016-13-01"},
                      InvalidCase{"month_0", "2016-00-10"}, InvalidCase{"day_0", "2016-01-00"},
                      InvalidCase{"april_31", "2016-04-31"}, InvalidCase{"not_leap_2015", "2015-02-29"},
                      InvalidCase{"not_leap_1900", "1900-02-29"}, InvalidCase{"hour_24", "2016-02-21 24:00"},
                      InvalidCase{"minute_60", "2016-02-21 18:60"}, InvalidCase{"second_61", "2016-02-21 18:12:61"},
                      InvalidCase{"single_digit_month", "2016-2-21"}, InvalidCase{"european", "21/02/2016"},
                      InvalidCase{"slashes", "2016/02/21"}, InvalidCase{"trailing_letters", "2016-02-21x"},
                      InvalidCase{"trailing_garbage", "2016-02-21 18:12:10 garbage"},
                      InvalidCase{"t_without_time", "2016-02-21T"}, InvalidCase{"hour_only", "2016-02-21 18"},
                      InvalidCase{"one_digit_minute", "2016-02-21 4:5"},
                      InvalidCase{"three_digit_hour", "2016-02-21 118:00"},
                      InvalidCase{"fraction_without_digits", "2016-02-21T18:12:10."},
                      InvalidCase{"offset_sign_only", "2016-02-21T18:12:10+"},
                      InvalidCase{"offset_one_digit", "2016-02-21T18:12:10+1"}, InvalidCase{"year_0", "0000-01-01"}),
    test::param_name);

// ---- date_from_file_name: the Jekyll `YYYY-MM-DD-slug` convention ----

struct FileNameCase {
    const char* name;
    std::string file_name;
    std::optional<PostDate> expected;
};

class DateFromFileName : public ::testing::TestWithParam<FileNameCase> {};

TEST_P(DateFromFileName, ReadsThePrefix) {
    EXPECT_EQ(date_from_file_name(GetParam().file_name), GetParam().expected) << GetParam().file_name;
}

INSTANTIATE_TEST_SUITE_P(Names, DateFromFileName,
                         ::testing::Values(FileNameCase{"jekyll", "2016-02-21-ceasefire-talks.md",
                                                        make_date(2016, 2, 21)},
                                           FileNameCase{"dash_then_nothing", "2016-02-21-", make_date(2016, 2, 21)},
                                           FileNameCase{"leap_day", "2016-02-29-leap.md", make_date(2016, 2, 29)},
                                           FileNameCase{"no_date", "about.md", std::nullopt},
                                           FileNameCase{"date_without_slug", "2016-02-21.md", std::nullopt},
                                           FileNameCase{"invalid_day", "2016-02-30-slug.md", std::nullopt},
                                           FileNameCase{"not_leap", "2015-02-29-slug.md", std::nullopt},
                                           FileNameCase{"date_not_first", "post-2016-02-21-slug.md", std::nullopt},
                                           FileNameCase{"empty", "", std::nullopt}),
                         test::param_name);

// ---- formatting ----

struct FormatCase {
    const char* name;
    PostDate date;
    std::string iso;
    std::string sort_key;
    std::string year_month;
};

class FormatDate : public ::testing::TestWithParam<FormatCase> {};

TEST_P(FormatDate, Iso8601) {
    EXPECT_EQ(to_iso8601(GetParam().date), GetParam().iso);
}
TEST_P(FormatDate, SortKey) {
    EXPECT_EQ(to_sort_key(GetParam().date), GetParam().sort_key);
}
TEST_P(FormatDate, YearMonth) {
    EXPECT_EQ(to_year_month(GetParam().date), GetParam().year_month);
}

// The ISO form is what the document data stores, so it must read back as the same date.
TEST_P(FormatDate, Iso8601ParsesBack) {
    const std::optional<ParsedDate> parsed = parse_post_date(to_iso8601(GetParam().date));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->date, GetParam().date);
    EXPECT_FALSE(parsed->offset_dropped);
}

INSTANTIATE_TEST_SUITE_P(Dates, FormatDate,
                         ::testing::Values(FormatCase{"no_offset", make_date(2016, 2, 21, 18, 12, 10),
                                                      "2016-02-21T18:12:10", "20160221181210", "2016-02"},
                                           FormatCase{"offset_east", make_date(2016, 2, 21, 18, 12, 10, 60),
                                                      "2016-02-21T18:12:10+01:00", "20160221181210", "2016-02"},
                                           FormatCase{"offset_west_half_hour", make_date(2016, 7, 4, 9, 5, 0, -330),
                                                      "2016-07-04T09:05:00-05:30", "20160704090500", "2016-07"},
                                           FormatCase{"offset_west_under_an_hour", make_date(2016, 7, 4, 9, 5, 0, -30),
                                                      "2016-07-04T09:05:00-00:30", "20160704090500", "2016-07"},
                                           FormatCase{"utc", make_date(2016, 12, 31, 23, 59, 59, 0),
                                                      "2016-12-31T23:59:59+00:00", "20161231235959", "2016-12"},
                                           FormatCase{"small_year", make_date(999, 1, 2), "0999-01-02T00:00:00",
                                                      "09990102000000", "0999-01"}),
                         test::param_name);

// The date slot is compared byte-wise by Xapian: key order must be date order,
// and the offset must not change it (dates are the post's own local time).
TEST(ToSortKey, ByteOrderIsDateOrder) {
    const std::vector<PostDate> in_date_order = {make_date(999, 12, 31, 23, 59, 59),
                                                 make_date(2015, 12, 31, 23, 59, 59),
                                                 make_date(2016, 1, 1),
                                                 make_date(2016, 1, 1, 0, 0, 1),
                                                 make_date(2016, 1, 1, 0, 1, 0),
                                                 make_date(2016, 1, 1, 1, 0, 0),
                                                 make_date(2016, 1, 2),
                                                 make_date(2016, 2, 1),
                                                 make_date(2016, 10, 1)};
    std::vector<std::string> keys;
    for (const PostDate& d : in_date_order) keys.push_back(to_sort_key(d));
    EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
    EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end()) << "two dates share a key";
    EXPECT_EQ(to_sort_key(make_date(2016, 2, 21, 18, 0, 0, 60)), to_sort_key(make_date(2016, 2, 21, 18, 0, 0)));
}

struct MonthCase {
    int year;
    int month;
    int days;
};

class DaysInMonth : public ::testing::TestWithParam<MonthCase> {};

TEST_P(DaysInMonth, Counts) {
    EXPECT_EQ(days_in_month(GetParam().year, GetParam().month), GetParam().days)
        << GetParam().year << "-" << GetParam().month;
}

INSTANTIATE_TEST_SUITE_P(Months, DaysInMonth,
                         ::testing::Values(MonthCase{2016, 1, 31}, MonthCase{2015, 2, 28}, MonthCase{2016, 2, 29},
                                           MonthCase{1900, 2, 28}, MonthCase{2000, 2, 29}, MonthCase{2100, 2, 28},
                                           MonthCase{2016, 3, 31}, MonthCase{2016, 4, 30}, MonthCase{2016, 5, 31},
                                           MonthCase{2016, 6, 30}, MonthCase{2016, 7, 31}, MonthCase{2016, 8, 31},
                                           MonthCase{2016, 9, 30}, MonthCase{2016, 10, 31}, MonthCase{2016, 11, 30},
                                           MonthCase{2016, 12, 31}, MonthCase{2016, 0, 0}, MonthCase{2016, 13, 0}),
                         [](const ::testing::TestParamInfo<MonthCase>& p) {
                             return std::to_string(p.param.year) + "_" + std::to_string(p.param.month);
                         });

}  // namespace
}  // namespace idx
