#include "query/date_range.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "common/schema.hpp"
#include "tests/support/param_name.hpp"

namespace idx::query {
namespace {

struct BoundCase {
    const char* name;
    std::string text;
    std::optional<std::string> lower;  // expected slot key for Bound::lower
    std::optional<std::string> upper;  // expected slot key for Bound::upper
};

// Test names and messages show the case's name, not its bytes.
void PrintTo(const BoundCase& c, std::ostream* os) {
    *os << c.name;
}

class DateBound : public ::testing::TestWithParam<BoundCase> {};

TEST_P(DateBound, GivesTheFirstAndLastSecondOfThePeriod) {
    const BoundCase& c = GetParam();
    EXPECT_EQ(date_bound(c.text, Bound::lower), c.lower) << c.text;
    EXPECT_EQ(date_bound(c.text, Bound::upper), c.upper) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Valid, DateBound,
    ::testing::Values(BoundCase{"year", "2016", "20160101000000", "20161231235959"},
                      BoundCase{"month", "2016-03", "20160301000000", "20160331235959"},
                      BoundCase{"compact_month", "201603", "20160301000000", "20160331235959"},
                      BoundCase{"thirty_day_month", "2016-04", "20160401000000", "20160430235959"},
                      BoundCase{"february_leap_year", "2016-02", "20160201000000", "20160229235959"},
                      BoundCase{"february_common_year", "2015-02", "20150201000000", "20150228235959"},
                      BoundCase{"february_century_not_leap", "1900-02", "19000201000000", "19000228235959"},
                      BoundCase{"february_400_year_leap", "2000-02", "20000201000000", "20000229235959"},
                      BoundCase{"december", "2016-12", "20161201000000", "20161231235959"},
                      BoundCase{"day", "2016-03-01", "20160301000000", "20160301235959"},
                      BoundCase{"compact_day", "20160301", "20160301000000", "20160301235959"},
                      BoundCase{"leap_day", "2016-02-29", "20160229000000", "20160229235959"},
                      BoundCase{"with_seconds", "2016-03-01 10:20:30", "20160301102030", "20160301102030"},
                      BoundCase{"iso_t_seconds", "2016-03-01T10:20:30", "20160301102030", "20160301102030"},
                      BoundCase{"iso_t_minutes", "2016-03-01T10:20", "20160301102000", "20160301102000"}),
    test::param_name);

INSTANTIATE_TEST_SUITE_P(
    Invalid, DateBound,
    ::testing::Values(BoundCase{"month_13", "2016-13", std::nullopt, std::nullopt},
                      BoundCase{"month_0", "2016-00", std::nullopt, std::nullopt},
                      BoundCase{"february_30", "2016-02-30", std::nullopt, std::nullopt},
                      BoundCase{"february_29_common_year", "2015-02-29", std::nullopt, std::nullopt},
                      BoundCase{"day_0", "2016-03-00", std::nullopt, std::nullopt},
                      BoundCase{"april_31", "2016-04-31", std::nullopt, std::nullopt},
                      BoundCase{"word", "banana", std::nullopt, std::nullopt},
                      BoundCase{"letter_in_year", "20x6", std::nullopt, std::nullopt},
                      BoundCase{"empty", "", std::nullopt, std::nullopt},
                      BoundCase{"two_digit_year", "16", std::nullopt, std::nullopt},
                      BoundCase{"one_digit_month", "2016-3", std::nullopt, std::nullopt},
                      BoundCase{"half_compact", "2016-0301", std::nullopt, std::nullopt},
                      BoundCase{"year_zero", "0000", std::nullopt, std::nullopt},
                      BoundCase{"hour_25", "2016-03-01T25:00", std::nullopt, std::nullopt},
                      BoundCase{"trailing_garbage", "2016-03-01 junk", std::nullopt, std::nullopt}),
    test::param_name);

// A small in-memory index with one document per date, to see what a range
// query really matches (rather than how it is spelt).
class DateRangeQuery : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* key : {"20151231235959", "20160101000000", "20160215235959", "20160216000000",
                                "20160301000000", "20160331235959", "20160401000000", "20161231235959"}) {
            Xapian::Document doc;
            doc.add_value(schema::slot::date, key);
            doc.set_data(key);
            m_db.add_document(doc);
        }
        Xapian::Document undated;  // a post without a date matches no date range
        undated.set_data("undated");
        m_db.add_document(undated);
    }

    std::vector<std::string> matching(const Xapian::Query& query) const {
        Xapian::Enquire enquire(m_db);
        enquire.set_query(query);
        std::vector<std::string> keys;
        const Xapian::MSet mset = enquire.get_mset(0, m_db.get_doccount());
        for (auto it = mset.begin(); it != mset.end(); ++it) keys.push_back(it.get_document().get_data());
        std::sort(keys.begin(), keys.end());
        return keys;
    }

    Xapian::WritableDatabase m_db{std::string(), Xapian::DB_BACKEND_INMEMORY};
};

TEST_F(DateRangeQuery, ClosedRangeCoversTheWholeLastDay) {
    const auto query = date_range_query("2016-03-01", "2016-03-31");
    ASSERT_TRUE(query);
    EXPECT_EQ(matching(*query), (std::vector<std::string>{"20160301000000", "20160331235959"}));
}

TEST_F(DateRangeQuery, MonthsCoverTheirWholeMonths) {
    const auto query = date_range_query("2016-02", "2016-03");
    ASSERT_TRUE(query);
    EXPECT_EQ(matching(*query),
              (std::vector<std::string>{"20160215235959", "20160216000000", "20160301000000", "20160331235959"}));
}

TEST_F(DateRangeQuery, OpenEndRunsToTheLatestPost) {
    const auto query = date_range_query("2016-03", "");
    ASSERT_TRUE(query);
    EXPECT_EQ(matching(*query),
              (std::vector<std::string>{"20160301000000", "20160331235959", "20160401000000", "20161231235959"}));
}

TEST_F(DateRangeQuery, OpenBeginRunsFromTheEarliestPost) {
    const auto query = date_range_query("", "2016-02-15");
    ASSERT_TRUE(query);
    EXPECT_EQ(matching(*query), (std::vector<std::string>{"20151231235959", "20160101000000", "20160215235959"}));
}

TEST_F(DateRangeQuery, YearCoversNewYearsEve) {
    const auto query = date_range_query("2016", "2016");
    ASSERT_TRUE(query);
    EXPECT_EQ(matching(*query).size(), 7u);  // all but the 2015 post and the undated one
}

TEST(DateRangeQueryRefusal, BothSidesEmptyOrABadSideGiveNothing) {
    EXPECT_FALSE(date_range_query("", ""));
    EXPECT_FALSE(date_range_query("banana", ""));
    EXPECT_FALSE(date_range_query("", "2016-13"));
    EXPECT_FALSE(date_range_query("2016-01", "20x6"));
}

TEST(DateRangeProcessorProblem, NamesTheBadRange) {
    std::string problem;
    DateRangeProcessor processor(problem);
    const Xapian::Query query = processor("banana", "");
    EXPECT_NE(problem.find("date:banana.."), std::string::npos) << problem;
    // A refused range matches nothing rather than everything.
    EXPECT_EQ(query.get_type(), Xapian::Query::LEAF_MATCH_NOTHING);
}

TEST(DateRangeReversed, AReversedRangeGivesNothingAndIsNamed) {
    EXPECT_FALSE(date_range_query("2020", "2019"));
    EXPECT_FALSE(date_range_query("2019-05-25", "2019-05-20"));
    EXPECT_TRUE(is_reversed_range("2020", "2019"));
    EXPECT_TRUE(is_reversed_range("2019-05-25", "2019-05-20"));
    EXPECT_TRUE(is_reversed_range("2016-03-02T10:00", "2016-03-02T09:59"));
    // The same period at both ends, and open or bad ends, are not reversed.
    EXPECT_FALSE(is_reversed_range("2019", "2019"));
    EXPECT_FALSE(is_reversed_range("2019-05", "2019-05-01"));
    EXPECT_FALSE(is_reversed_range("2020", ""));
    EXPECT_FALSE(is_reversed_range("banana", "2019"));
    EXPECT_TRUE(date_range_query("2019-05", "2019-05-01"));
}

TEST(DateRangeProcessorProblem, NamesBothEndsOfAReversedRange) {
    std::string problem;
    DateRangeProcessor processor(problem);
    const Xapian::Query query = processor("2020", "2019");
    EXPECT_NE(problem.find("date:2020..2019"), std::string::npos) << problem;
    EXPECT_NE(problem.find("reversed"), std::string::npos) << problem;
    EXPECT_EQ(query.get_type(), Xapian::Query::LEAF_MATCH_NOTHING);
}

TEST(DateRangeProcessorProblem, LeavesProblemEmptyForAGoodRange) {
    std::string problem;
    DateRangeProcessor processor(problem);
    processor("2016-03", "2016-04");
    EXPECT_TRUE(problem.empty()) << problem;
}

}  // namespace
}  // namespace idx::query
