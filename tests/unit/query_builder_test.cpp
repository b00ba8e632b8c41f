#include "query/query_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/stop_words.hpp"
#include "tests/support/param_name.hpp"
#include "tests/support/post_dates.hpp"
#include "tests/support/small_index.hpp"

namespace idx::query {
namespace {

using test::make_date;

using Names = std::vector<std::string>;

struct FixturePost {
    const char* name;
    const char* title;
    const char* author;
    std::vector<std::string> categories;
    std::vector<std::string> tags;
    const char* id;
    std::optional<PostDate> date;
    const char* text;
};

// Nine posts whose fields and dates sit on the edges the query language must
// get right: a post at 23:59:59 on the last day of a month, one at midnight on
// the first, one with no date, "Kerry and Lavrov" next to "Lavrov and Kerry".
const std::vector<FixturePost>& fixture_posts() {
    static const std::vector<FixturePost> posts = {
        {"kerry",
         "Kerry and Lavrov agree on ceasefire",
         "Staff Writer",
         {"topNews", "World"},
         {"syria"},
         "1194",
         make_date(2016, 2, 21, 18, 12, 10),
         "The provisional deal was reached in Amman after long talks."},
        {"ceasefires",
         "Ceasefires hold in the north",
         "Maria Lopez",
         {"domesticNews"},
         {"peace"},
         "2001",
         make_date(2016, 3, 1, 0, 0, 0),
         "Both sides reported a quiet night."},
        {"budget",
         "Late night budget vote",
         "Staff Writer",
         {"topNews"},
         {},
         "2002",
         make_date(2016, 3, 31, 23, 59, 59),
         "The budget vote ran past midnight."},
        {"garden",
         "Spring garden notes",
         "Smith, John",
         {"Top Stories"},
         {"garden"},
         "",
         make_date(2016, 4, 15, 10, 0, 0),
         "Tomatoes and beans went in early."},
        {"river",
         "River cleanup",
         "Maria Lopez",
         {"community"},
         {},
         "",
         make_date(2015, 12, 31, 23, 59, 59),
         "Volunteers pulled plastic from the water."},
        {"heron",
         "Heron at dawn",
         "Priya Natarajan",
         {"photography"},
         {},
         "",
         make_date(2016, 2, 15, 23, 59, 59),
         "A heron waited on the weir while the ceasefire news played on the radio."},
        {"april",
         "Early April showers",
         "Priya Natarajan",
         {"photography", "topNews"},
         {},
         "",
         make_date(2016, 4, 1, 0, 0, 0),
         "Rain on the first of the month."},
        {"lavrov",
         "Lavrov and Kerry meet again",
         "Staff Writer",
         {"World"},
         {},
         "",
         make_date(2016, 5, 10, 12, 0, 0),
         "They met in Geneva for an hour."},
        {"undated", "Undated musings", "Sam Okafor", {}, {}, "", std::nullopt, "Nothing here has a date."},
    };
    return posts;
}

class QueryBuilderTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_index = std::make_unique<test::SmallIndex>("idx-query-builder");
        for (const FixturePost& p : fixture_posts()) {
            Post post;
            post.path = std::string("/posts/") + p.name + ".md";
            post.title = p.title;
            post.authors = {p.author};
            post.categories = p.categories;
            post.tags = p.tags;
            post.id = p.id;
            post.date = p.date;
            post.text = p.text;
            s_index->add_named(post, p.name);
        }
        s_index->commit();
    }
    static void TearDownTestSuite() { s_index.reset(); }

    static IndexLanguage english() { return {"english", builtin_stop_words("english")}; }

    static Names matching(const Xapian::Query& query) { return s_index->names_matching(query); }

    // docid -> weight of every match.
    static std::map<Xapian::docid, double> weights(const Xapian::Query& query) {
        Xapian::Enquire enquire(s_index->db());
        enquire.set_query(query);
        std::map<Xapian::docid, double> out;
        const Xapian::MSet mset = enquire.get_mset(0, s_index->db().get_doccount());
        for (auto it = mset.begin(); it != mset.end(); ++it) out[*it] = it.get_weight();
        return out;
    }

    Names run(const SearchRequest& request) {
        QueryBuilder builder(s_index->db(), english());
        return matching(builder.build(request).query);
    }

    static SearchRequest text(const std::string& query, MatchMode match = MatchMode::any) {
        SearchRequest request;
        request.query = query;
        request.match = match;
        return request;
    }

    static inline std::unique_ptr<test::SmallIndex> s_index;
};

struct QueryCase {
    const char* name;
    std::string query;
    MatchMode match;
    Names expected;
};

// Test names and messages show the case's name, not its bytes.
void PrintTo(const QueryCase& c, std::ostream* os) {
    *os << c.name;
}

class QueryLanguage : public QueryBuilderTest, public ::testing::WithParamInterface<QueryCase> {};

TEST_P(QueryLanguage, MatchesExactlyTheExpectedPosts) {
    const QueryCase& c = GetParam();
    EXPECT_EQ(run(text(c.query, c.match)), c.expected) << c.query;
}

const Names kAll2016 = {"april", "budget", "ceasefires", "garden", "heron", "kerry", "lavrov"};

INSTANTIATE_TEST_SUITE_P(
    Fields, QueryLanguage,
    ::testing::Values(
        QueryCase{"title", "title:ceasefire", MatchMode::any, {"ceasefires", "kerry"}},
        QueryCase{"author_quoted", "author:\"Staff Writer\"", MatchMode::any, {"budget", "kerry", "lavrov"}},
        QueryCase{"author_with_comma", "author:\"Smith, John\"", MatchMode::any, {"garden"}},
        QueryCase{"category", "category:topNews", MatchMode::any, {"april", "budget", "kerry"}},
        QueryCase{"category_capitalised", "category:\"Top Stories\"", MatchMode::any, {"garden"}},
        QueryCase{"category_twice_is_or",
                  "category:community category:domesticNews",
                  MatchMode::any,
                  {"ceasefires", "river"}},
        QueryCase{"tag", "tag:syria", MatchMode::any, {"kerry"}}, QueryCase{"id", "id:1194", MatchMode::any, {"kerry"}},
        QueryCase{"year", "year:2016", MatchMode::any, kAll2016},
        QueryCase{"year_2015", "year:2015", MatchMode::any, {"river"}},
        QueryCase{"month", "month:2016-03", MatchMode::any, {"budget", "ceasefires"}},
        QueryCase{"month_compact", "month:201603", MatchMode::any, {"budget", "ceasefires"}},
        QueryCase{"date_range_days", "date:2016-03-01..2016-03-31", MatchMode::any, {"budget", "ceasefires"}},
        QueryCase{
            "date_range_months", "date:2016-03..2016-04", MatchMode::any, {"april", "budget", "ceasefires", "garden"}},
        QueryCase{"date_open_end", "date:2016..", MatchMode::any, kAll2016},
        QueryCase{"date_open_begin", "date:..2016-02-15", MatchMode::any, {"heron", "river"}},
        QueryCase{"date_single_day", "date:2016-03-01", MatchMode::any, {"ceasefires"}},
        QueryCase{"date_single_month", "date:2016-02", MatchMode::any, {"heron", "kerry"}},
        QueryCase{"word_and_field", "ceasefire author:\"Staff Writer\"", MatchMode::any, {"kerry"}},
        QueryCase{"word_and_date", "ceasefire date:2016-02", MatchMode::any, {"heron", "kerry"}}),
    test::param_name);

INSTANTIATE_TEST_SUITE_P(
    Syntax, QueryLanguage,
    ::testing::Values(QueryCase{"word", "ceasefire", MatchMode::any, {"ceasefires", "heron", "kerry"}},
                      QueryCase{"stemmed_capitalised", "Ceasefires", MatchMode::any, {"ceasefires", "heron", "kerry"}},
                      QueryCase{"phrase", "\"kerry and lavrov\"", MatchMode::any, {"kerry"}},
                      QueryCase{"phrase_reversed", "\"lavrov and kerry\"", MatchMode::any, {"lavrov"}},
                      QueryCase{"near", "kerry NEAR ceasefire", MatchMode::any, {"kerry"}},
                      QueryCase{"and", "kerry AND lavrov", MatchMode::any, {"kerry", "lavrov"}},
                      QueryCase{"and_nothing", "kerry AND budget", MatchMode::any, {}},
                      QueryCase{"or", "kerry OR budget", MatchMode::any, {"budget", "kerry", "lavrov"}},
                      QueryCase{"not", "lavrov NOT ceasefire", MatchMode::any, {"lavrov"}},
                      QueryCase{"minus", "lavrov -ceasefire", MatchMode::any, {"lavrov"}},
                      QueryCase{"plus", "ceasefire +heron", MatchMode::any, {"heron"}},
                      QueryCase{"parentheses", "(kerry OR budget) AND vote", MatchMode::any, {"budget"}},
                      QueryCase{"wildcard", "ceasef*", MatchMode::any, {"ceasefires", "heron", "kerry"}},
                      QueryCase{"unclosed_quote", "\"provisional deal", MatchMode::any, {"kerry"}},
                      QueryCase{"unclosed_parenthesis", "(heron OR budget", MatchMode::any, {"budget", "heron"}},
                      QueryCase{"any_words", "kerry budget", MatchMode::any, {"budget", "kerry", "lavrov"}},
                      QueryCase{"all_words_none", "kerry budget", MatchMode::all, {}},
                      QueryCase{"all_words", "kerry lavrov", MatchMode::all, {"kerry", "lavrov"}},
                      QueryCase{"all_words_title_and_body", "ceasefire north", MatchMode::all, {"ceasefires"}},
                      QueryCase{"stop_word_dropped_with_all", "the budget", MatchMode::all, {"budget"}}),
    test::param_name);

struct FilterCase {
    const char* name;
    SearchRequest request;
    Names expected;
};

// Test names and messages show the case's name, not its bytes.
void PrintTo(const FilterCase& c, std::ostream* os) {
    *os << c.name;
}

SearchRequest filtered(std::string query, std::vector<std::string> authors, std::vector<std::string> categories,
                       std::vector<std::string> tags, std::string since = {}, std::string until = {}) {
    SearchRequest request;
    request.query = std::move(query);
    request.authors = std::move(authors);
    request.categories = std::move(categories);
    request.tags = std::move(tags);
    request.since = std::move(since);
    request.until = std::move(until);
    return request;
}

class RequestFilters : public QueryBuilderTest, public ::testing::WithParamInterface<FilterCase> {};

TEST_P(RequestFilters, MatchExactlyTheExpectedPosts) {
    EXPECT_EQ(run(GetParam().request), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RequestFilters,
    ::testing::Values(
        FilterCase{"authors_or",
                   filtered("", {"Staff Writer", "Maria Lopez"}, {}, {}),
                   {"budget", "ceasefires", "kerry", "lavrov", "river"}},
        FilterCase{"author_with_comma", filtered("", {"Smith, John"}, {}, {}), {"garden"}},
        FilterCase{"author_and_category", filtered("", {"Staff Writer"}, {"World"}, {}), {"kerry", "lavrov"}},
        FilterCase{
            "categories_or", filtered("", {}, {"topNews", "photography"}, {}), {"april", "budget", "heron", "kerry"}},
        FilterCase{"tags_or", filtered("", {}, {}, {"syria", "garden"}), {"garden", "kerry"}},
        FilterCase{"since_until_months",
                   filtered("", {}, {}, {}, "2016-03", "2016-04"),
                   {"april", "budget", "ceasefires", "garden"}},
        FilterCase{"since_day", filtered("", {}, {}, {}, "2016-04-01"), {"april", "garden", "lavrov"}},
        FilterCase{"until_last_second_of_day", filtered("", {}, {}, {}, "", "2016-02-15"), {"heron", "river"}},
        FilterCase{"until_year", filtered("", {}, {}, {}, "", "2015"), {"river"}},
        FilterCase{"query_and_category", filtered("ceasefire", {}, {"topNews"}, {}), {"kerry"}},
        FilterCase{"query_and_author_and_dates",
                   filtered("ceasefire OR vote", {"Staff Writer"}, {}, {}, "2016-03-31", "2016-03-31"),
                   {"budget"}}),
    test::param_name);

struct BadQueryCase {
    const char* name;
    std::string query;
    std::string named;  // what the message must quote
};

// Test names and messages show the case's name, not its bytes.
void PrintTo(const BadQueryCase& c, std::ostream* os) {
    *os << c.name;
}

class MalformedQuery : public QueryBuilderTest, public ::testing::WithParamInterface<BadQueryCase> {};

TEST_P(MalformedQuery, ThrowsAUsageErrorNamingTheBadValue) {
    QueryBuilder builder(s_index->db(), english());
    try {
        builder.build(text(GetParam().query));
        FAIL() << "no error for " << GetParam().query;
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ExitCode::usage);
        EXPECT_NE(std::string(e.what()).find(GetParam().named), std::string::npos) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, MalformedQuery,
                         ::testing::Values(BadQueryCase{"year", "year:20x6", "year:20x6"},
                                           BadQueryCase{"month", "month:2016-13", "month:2016-13"},
                                           BadQueryCase{"date_range_side", "date:banana..", "date:banana.."},
                                           BadQueryCase{"date_range_empty", "date:..", "date:.."},
                                           BadQueryCase{"date_day", "date:2016-02-30", "date:2016-02-30"},
                                           BadQueryCase{"with_other_words", "kerry year:20x6 lavrov", "year:20x6"}),
                         test::param_name);

TEST_F(QueryBuilderTest, BadSinceOrUntilNamesTheValue) {
    QueryBuilder builder(s_index->db(), english());
    for (const auto& [since, until, bad] : std::vector<std::array<std::string, 3>>{
             {"banana", "", "banana"}, {"", "2016-13", "2016-13"}, {"2016-01", "20x6", "20x6"}}) {
        try {
            builder.build(filtered("", {}, {}, {}, since, until));
            FAIL() << "no error for " << since << ".." << until;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ExitCode::usage);
            EXPECT_NE(std::string(e.what()).find("'" + bad + "'"), std::string::npos) << e.what();
        }
    }
}

TEST_F(QueryBuilderTest, ABuilderStillWorksAfterAnError) {
    QueryBuilder builder(s_index->db(), english());
    EXPECT_THROW(builder.build(text("year:20x6")), Error);
    EXPECT_EQ(matching(builder.build(text("year:2015")).query), (Names{"river"}));
}

TEST_F(QueryBuilderTest, FiltersNeverChangeTheScoresOfMatches) {
    QueryBuilder builder(s_index->db(), english());
    const auto unfiltered = weights(builder.build(text("ceasefire kerry vote")).query);
    ASSERT_GE(unfiltered.size(), 4u);
    const std::vector<SearchRequest> with_filters = {
        filtered("ceasefire kerry vote", {}, {"topNews"}, {}),
        filtered("ceasefire kerry vote", {"Staff Writer"}, {}, {}),
        filtered("ceasefire kerry vote", {}, {}, {}, "2016-02-16"),
        filtered("ceasefire kerry vote", {"Staff Writer", "Priya Natarajan"}, {"topNews", "photography"}, {}, "2016",
                 "2016"),
        text("ceasefire kerry vote category:topNews"),
        text("ceasefire kerry vote date:2016-02-16.."),
    };
    for (const SearchRequest& request : with_filters) {
        const auto filtered_weights = weights(builder.build(request).query);
        EXPECT_FALSE(filtered_weights.empty()) << request.query;
        EXPECT_LT(filtered_weights.size(), unfiltered.size()) << request.query;
        for (const auto& [docid, weight] : filtered_weights) {
            ASSERT_EQ(unfiltered.count(docid), 1u) << "a filter added a match: " << docid;
            EXPECT_DOUBLE_EQ(weight, unfiltered.at(docid)) << request.query << " docid " << docid;
        }
    }
}

TEST_F(QueryBuilderTest, OnlyExcludedWordsMatchThePostsWithoutThem) {
    EXPECT_EQ(run(text("-lavrov")), (Names{"april", "budget", "ceasefires", "garden", "heron", "river", "undated"}));
    EXPECT_EQ(run(text("-lavrov -kerry")),
              (Names{"april", "budget", "ceasefires", "garden", "heron", "river", "undated"}));
}

TEST_F(QueryBuilderTest, NotAloneMatchesThePostsWithout) {
    EXPECT_EQ(run(text("NOT lavrov")), (Names{"april", "budget", "ceasefires", "garden", "heron", "river", "undated"}));
}

TEST_F(QueryBuilderTest, EmptyQueryMatchesEveryPost) {
    QueryBuilder builder(s_index->db(), english());
    const BuiltQuery built = builder.build(text(""));
    EXPECT_TRUE(built.match_all);
    EXPECT_TRUE(built.terms.empty());
    EXPECT_EQ(matching(built.query).size(), fixture_posts().size());
}

TEST_F(QueryBuilderTest, EmptyQueryWithAFilterMatchesTheFilteredPosts) {
    QueryBuilder builder(s_index->db(), english());
    const BuiltQuery built = builder.build(filtered("", {}, {"World"}, {}));
    EXPECT_TRUE(built.match_all);
    EXPECT_EQ(matching(built.query), (Names{"kerry", "lavrov"}));
}

TEST_F(QueryBuilderTest, TermsAreTheStemmedWordsThatCarryWeight) {
    QueryBuilder builder(s_index->db(), english());
    BuiltQuery built = builder.build(text("The Ceasefires Kerry title:heron author:\"Staff Writer\" year:2016"));
    std::sort(built.terms.begin(), built.terms.end());
    // Stop words, field filters and the title prefix are not words to mark in a snippet.
    EXPECT_EQ(built.terms, (std::vector<std::string>{"ceasefir", "heron", "kerri"}));
    EXPECT_FALSE(built.match_all);
}

TEST_F(QueryBuilderTest, AReversedRangeIsAnErrorNamingBothEnds) {
    QueryBuilder builder(s_index->db(), english());
    for (const SearchRequest& request : {text("kerry date:2020..2019"), text("date:2016-03-25..2016-03-20"),
                                         filtered("kerry", {}, {}, {}, "2016", "2015")}) {
        try {
            builder.build(request);
            ADD_FAILURE() << "accepted: " << request.query << " " << request.since << ".." << request.until;
        } catch (const Error& e) {
            const std::string message = e.what();
            EXPECT_EQ(e.code(), ExitCode::usage);
            EXPECT_NE(message.find("revers"), std::string::npos) << message;
        }
    }
}

TEST_F(QueryBuilderTest, TextWithoutWordsIsAnErrorNotEveryPost) {
    QueryBuilder builder(s_index->db(), english());
    EXPECT_THROW(builder.build(text("?!")), Error);
    EXPECT_TRUE(builder.build(text("  ")).match_all);
}

TEST_F(QueryBuilderTest, DateSortingAndsTheWordsUnlessAskedOtherwise) {
    QueryBuilder builder(s_index->db(), english());
    SearchRequest by_date = text("kerry budget");
    by_date.match.reset();
    by_date.sort = SortOrder::newest;
    EXPECT_TRUE(matching(builder.build(by_date).query).empty());
    by_date.match = MatchMode::any;
    EXPECT_EQ(matching(builder.build(by_date).query), (Names{"budget", "kerry", "lavrov"}));
    SearchRequest ranked = text("kerry budget");
    ranked.match.reset();
    EXPECT_EQ(matching(builder.build(ranked).query), (Names{"budget", "kerry", "lavrov"}));
}

// Feedback may reorder plain words only: every piece of syntax that says
// exactly what must match turns it off.
TEST_F(QueryBuilderTest, OnlyPlainWordsAreOpenToFeedback) {
    QueryBuilder builder(s_index->db(), english());
    EXPECT_TRUE(builder.build(text("kerry lavrov ceasefire vote budget")).plain_words);
    EXPECT_TRUE(builder.build(text("ceasef* high-speed kerry's")).plain_words);
    for (const char* query :
         {"kerry AND lavrov", "kerry OR lavrov", "\"kerry and lavrov\"", "+kerry lavrov", "kerry -lavrov",
          "(kerry lavrov)", "title:kerry lavrov", "kerry NEAR lavrov", "author:\"Staff Writer\" kerry"})
        EXPECT_FALSE(builder.build(text(query)).plain_words) << query;
    EXPECT_FALSE(builder.build(text("kerry lavrov", MatchMode::all)).plain_words);
    EXPECT_FALSE(builder.build(text("")).plain_words);
}

TEST_F(QueryBuilderTest, LimitsAreRefusedWithASentence) {
    QueryBuilder builder(s_index->db(), english());
    const auto refusal = [&](const SearchRequest& request) -> std::string {
        try {
            builder.build(request);
        } catch (const Error& e) {
            return e.what();
        }
        return "accepted";
    };
    EXPECT_NE(refusal(text(std::string(1025, 'a'))).find("1,024"), std::string::npos);
    std::string words;
    for (int i = 0; i < 65; ++i) words += "w" + std::to_string(i) + "x ";
    EXPECT_NE(refusal(text(words)).find("64"), std::string::npos);
    EXPECT_NE(refusal(text("a* b* c* d* e*")).find("wildcards"), std::string::npos);
    EXPECT_NE(refusal(text("(((((((((kerry)))))))))")).find("parentheses"), std::string::npos);
    SearchRequest paging = text("kerry");
    paging.offset = 4294967296u;
    EXPECT_NE(refusal(paging).find("4294967296"), std::string::npos);
    paging.offset = 0;
    paging.limit = 4294967296u;
    EXPECT_NE(refusal(paging).find("4294967296"), std::string::npos);
    EXPECT_EQ(refusal(text("(((((((( kerry ))))))))")), "accepted");
}

}  // namespace
}  // namespace idx::query
