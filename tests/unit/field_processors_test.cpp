#include "query/field_processors.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/schema.hpp"
#include "tests/support/post_dates.hpp"
#include "tests/support/small_index.hpp"

namespace idx::query {
namespace {

using test::make_date;

// Documents made by the real DocumentBuilder: a field processor is right
// when its query finds what the indexer wrote, however the terms are spelt.
class FieldProcessors : public ::testing::Test {
protected:
    void SetUp() override {
        add("first", "Staff Writer", {"topNews", "Top Stories"}, {"syria"}, "1194", make_date(2016, 3, 1, 23, 59, 59));
        add("second", "Smith, John", {"domesticNews"}, {"Élections"}, "post-709", make_date(2016, 3, 2, 0, 0, 0));
        add("third", "maria lopez", {"topnews"}, {}, "", make_date(2015, 12, 31, 12, 0, 0));
    }

    void add(const std::string& name, const std::string& author, std::vector<std::string> categories,
             std::vector<std::string> tags, const std::string& id, PostDate date) {
        Post post;
        post.path = "/posts/" + name + ".md";
        post.title = name;
        post.authors = {author};
        post.categories = std::move(categories);
        post.tags = std::move(tags);
        post.id = id;
        post.date = date;
        post.text = "body of " + name;
        m_index.add_named(post, name);  // the test only needs the name back
    }

    std::vector<std::string> matching(const Xapian::Query& query) const { return m_index.names_matching(query); }

    using Names = std::vector<std::string>;
    test::SmallIndex m_index{"idx-field-processors"};
};

TEST_F(FieldProcessors, LabelFieldsFindTheValueInAnyCaseOrAccents) {
    struct Case {
        std::string_view prefix;
        std::string value;
        std::vector<std::string> expected;
    };
    const std::vector<Case> cases = {
        {schema::prefix::author, "Staff Writer", {"first"}},
        {schema::prefix::author, "Smith, John", {"second"}},  // a comma is part of the value
        {schema::prefix::author, "maria lopez", {"third"}},
        {schema::prefix::author, "Maria  LOPEZ", {"third"}},  // case and blanks do not matter
        {schema::prefix::author, "Maria", {}},                // the whole value, not a word of it
        {schema::prefix::category, "topNews", {"first", "third"}},
        {schema::prefix::category, "TOPNEWS", {"first", "third"}},
        {schema::prefix::category, "Top Stories", {"first"}},
        {schema::prefix::category, "Top", {}},
        {schema::prefix::tag, "syria", {"first"}},
        {schema::prefix::tag, "\xC3\x89lections", {"second"}},
        {schema::prefix::tag, "elections", {"second"}},  // accents do not matter
    };
    for (const Case& c : cases) {
        LabelFieldProcessor processor(c.prefix);
        EXPECT_EQ(matching(processor(c.value)), c.expected) << c.prefix << " " << c.value;
    }
}

TEST_F(FieldProcessors, ExactFieldsFindTheValueAsWritten) {
    struct Case {
        std::string_view prefix;
        std::string value;
        std::vector<std::string> expected;
    };
    const std::vector<Case> cases = {
        {schema::prefix::post_id, "1194", {"first"}},
        {schema::prefix::post_id, "post-709", {"second"}},
        {schema::prefix::post_id, "119", {}},
        {schema::prefix::post_id, "POST-709", {}},  // ids are exact: case matters
    };
    for (const Case& c : cases) {
        ExactFieldProcessor processor(c.prefix);
        EXPECT_EQ(matching(processor(c.value)), c.expected) << c.prefix << " " << c.value;
    }
}

TEST_F(FieldProcessors, YearMatchesItsPostsAndRefusesNonYears) {
    std::string problem;
    YearFieldProcessor processor(problem);
    EXPECT_EQ(matching(processor("2016")), (Names{"first", "second"}));
    EXPECT_TRUE(problem.empty());
    EXPECT_EQ(matching(processor("2015")), (Names{"third"}));
    for (const std::string bad : {"20x6", "201", "20166", "", "year"}) {
        problem.clear();
        EXPECT_TRUE(matching(processor(bad)).empty()) << bad;
        EXPECT_NE(problem.find("year:" + bad + " "), std::string::npos) << problem;
    }
}

TEST_F(FieldProcessors, MonthTakesBothSpellingsAndRefusesImpossibleMonths) {
    std::string problem;
    MonthFieldProcessor processor(problem);
    EXPECT_EQ(matching(processor("2016-03")), (Names{"first", "second"}));
    EXPECT_EQ(matching(processor("201603")), (Names{"first", "second"}));
    EXPECT_EQ(matching(processor("2015-12")), (Names{"third"}));
    EXPECT_TRUE(problem.empty()) << problem;
    for (const std::string bad : {"2016-13", "2016-00", "2016-3", "2016", "banana", "2016/03"}) {
        problem.clear();
        EXPECT_TRUE(matching(processor(bad)).empty()) << bad;
        EXPECT_NE(problem.find("month:" + bad + " "), std::string::npos) << problem;
    }
}

TEST_F(FieldProcessors, DateCoversTheWholeDayMonthOrYear) {
    std::string problem;
    DateFieldProcessor processor(problem);
    EXPECT_EQ(matching(processor("2016-03-01")), (Names{"first"}));  // its 23:59:59 post included
    EXPECT_EQ(matching(processor("2016-03-02")), (Names{"second"}));
    EXPECT_EQ(matching(processor("2016-03")), (Names{"first", "second"}));
    EXPECT_EQ(matching(processor("2015")), (Names{"third"}));
    EXPECT_TRUE(problem.empty()) << problem;
    for (const std::string bad : {"banana", "2016-02-30", "20x6"}) {
        problem.clear();
        EXPECT_TRUE(matching(processor(bad)).empty()) << bad;
        EXPECT_NE(problem.find("date:" + bad + " "), std::string::npos) << problem;
    }
}

}  // namespace
}  // namespace idx::query
