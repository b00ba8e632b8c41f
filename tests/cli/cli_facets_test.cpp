// idx facets as scripts and people see it: counts of the values of each
// field over the posts a query matches, in JSON (checked against the schema)
// and as text.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/cli/harbour_posts_test.hpp"
#include "tests/cli/json_schema.hpp"

namespace idx::test {
namespace {

using nlohmann::json;

class IdxFacets : public HarbourPostsTest {};

TEST_F(IdxFacets, CountsEachFieldOverTheMatchingPosts) {
    const Exit r = idx({"facets", "--db", db(), "--json"});
    EXPECT_EQ(r.code, 0) << r.err;
    const json facets = json::parse(r.out);
    EXPECT_EQ(json_schema_v1().problems(facets, "facets_result"), std::vector<std::string>{}) << r.out;
    EXPECT_EQ(facets["total"], kPostCount);
    EXPECT_EQ(facets["query"], "");
    EXPECT_EQ(facets["facets"]["year"], json::parse(R"([{"value":"2016","count":8}])"));
    EXPECT_EQ(facets["facets"]["tag"][0], json::parse(R"({"value":"ships","count":2})"));

    const Exit filtered = idx({"facets", "--db", db(), "--json", "--category", "topNews", "harbour"});
    EXPECT_EQ(filtered.code, 0);
    const json narrowed = json::parse(filtered.out);
    EXPECT_EQ(narrowed["total"], 3);
    EXPECT_EQ(narrowed["query"], "harbour");

    const Exit nothing = idx({"facets", "--db", db(), "--json", "zeppelin"});
    EXPECT_EQ(nothing.code, 1);
    EXPECT_EQ(json::parse(nothing.out)["total"], 0);

    const Exit text = idx({"facets", "--db", db()});
    EXPECT_NE(text.out.find("Categories: topNews (3), World (2), community (2), "), std::string::npos) << text.out;
    EXPECT_EQ(text.out.substr(text.out.size() - 10), "8 matches\n");
}

}  // namespace
}  // namespace idx::test
