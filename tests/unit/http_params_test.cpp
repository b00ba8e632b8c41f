#include "cli/http_params.hpp"

#include <gtest/gtest.h>

#include "cli/web_server.hpp"
#include "common/error.hpp"
#include "tests/support/param_name.hpp"

namespace idx::cli {
namespace {

TEST(RequestFromParams, ReadsEveryFieldAsABatchLineWould) {
    const query::SearchRequest r = request_from_params({{"q", "kerry lavrov"},
                                                        {"limit", "5"},
                                                        {"offset", "10"},
                                                        {"sort", "oldest"},
                                                        {"match", "all"},
                                                        {"author", "Ann Lee"},
                                                        {"author", "Bo Li"},
                                                        {"category", "World"},
                                                        {"tag", "un"},
                                                        {"lang", "ja"},
                                                        {"since", "2016-02"},
                                                        {"until", "2016-03-31"},
                                                        {"facet_limit", "7"},
                                                        {"partial", "1"}});
    EXPECT_EQ(r.query, "kerry lavrov");
    EXPECT_EQ(r.limit, 5u);
    EXPECT_EQ(r.offset, 10u);
    EXPECT_EQ(r.sort, query::SortOrder::oldest);
    EXPECT_EQ(r.match, query::MatchMode::all);
    EXPECT_EQ(r.authors, (std::vector<std::string>{"Ann Lee", "Bo Li"}));
    EXPECT_EQ(r.categories, std::vector<std::string>{"World"});
    EXPECT_EQ(r.tags, std::vector<std::string>{"un"});
    EXPECT_EQ(r.langs, std::vector<std::string>{"ja"});
    EXPECT_EQ(r.since, "2016-02");
    EXPECT_EQ(r.until, "2016-03-31");
    EXPECT_EQ(r.facet_limit, 7u);
    EXPECT_TRUE(r.partial);
}

TEST(RequestFromParams, LeavesUnsetFieldsAtTheSearchDefaults) {
    const query::SearchRequest r = request_from_params({});
    EXPECT_EQ(r.query, "");
    EXPECT_EQ(r.limit, 10u);
    EXPECT_EQ(r.facet_limit, 20u);
    EXPECT_FALSE(r.sort.has_value());
    EXPECT_FALSE(r.partial);
}

struct BadParams {
    std::string name;
    QueryParams params;
    std::string says;
};

class RequestFromParamsRefuses : public ::testing::TestWithParam<BadParams> {};

TEST_P(RequestFromParamsRefuses, WithASentenceNamingTheParameter) {
    try {
        (void)request_from_params(GetParam().params);
        FAIL() << "accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(GetParam().says), std::string::npos) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Params, RequestFromParamsRefuses,
    ::testing::Values(BadParams{"Unknown", {{"colour", "red"}}, "unknown parameter 'colour'"},
                      BadParams{"NegativeLimit", {{"limit", "-1"}}, "limit should be a whole number"},
                      BadParams{"LimitWithUnit", {{"limit", "5x"}}, "limit should be a whole number"},
                      BadParams{"EmptyOffset", {{"offset", ""}}, "offset should be a whole number"},
                      BadParams{"LimitPastTheApi", {{"limit", "101"}}, "at most 100"},
                      BadParams{"AllFacetValues", {{"facet_limit", "0"}}, "from 1 to 1000"},
                      BadParams{"QueryTwice", {{"q", "a"}, {"q", "b"}}, "q is given more than once"},
                      BadParams{"BlankSince", {{"since", " "}}, "needs a date"},
                      BadParams{"PartialWord", {{"partial", "yes"}}, "partial should be 1 or 0"},
                      BadParams{"MatchSome", {{"match", "some"}}, "--match takes any or all"}),
    test::param_name);

TEST(NormaliseBasePath, GivesOneLeadingSlashAndNoTrailingOne) {
    EXPECT_EQ(normalise_base_path(""), "");
    EXPECT_EQ(normalise_base_path("/"), "");
    EXPECT_EQ(normalise_base_path("search"), "/search");
    EXPECT_EQ(normalise_base_path("/search/"), "/search");
    EXPECT_EQ(normalise_base_path("//blog//search//"), "/blog/search");
}

TEST(NormaliseBasePath, RefusesWhatWouldNeedEscapingOrLeadUpwards) {
    for (const std::string bad : {"/se arch", "/a\"b", "/<x>", "/a/../b", "/..", "/a?b", "/./x", "/a/."})
        EXPECT_THROW((void)normalise_base_path(bad), Error) << bad;
}

}  // namespace
}  // namespace idx::cli
