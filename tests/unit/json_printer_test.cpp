#include "cli/json_printer.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "common/html_escape.hpp"

namespace idx::cli {
namespace {

query::SearchResult one_hit_result() {
    query::SearchResult result;
    result.query = "kerry";
    result.total = 1;
    result.limit = 10;
    query::Hit hit;
    hit.rank = 1;
    hit.score = 2.5;
    hit.post.path = "/p/2016-02-21-post.md";
    hit.post.title = "Kerry & Lavrov";
    hit.post.authors = {"Ann Lee", "Bo Li"};
    hit.post.categories = {"world"};
    hit.post.date = PostDate{2016, 2, 21, 18, 12, 0, 60};
    hit.snippet.parts = {{"Talks with ", false}, {"Kerry", true}, {" <today>", false}};
    result.hits.push_back(hit);
    return result;
}

TEST(SearchJson, HoldsEachFieldOfAHitAndNullForWhatIsMissing) {
    const nlohmann::json out = search_json(one_hit_result());
    EXPECT_EQ(out["version"], kJsonVersion);
    EXPECT_EQ(out["query"], "kerry");
    EXPECT_TRUE(out["corrected_query"].is_null());
    EXPECT_TRUE(out["facets"].is_null());  // not asked for
    ASSERT_EQ(out["results"].size(), 1u);
    const nlohmann::json& hit = out["results"][0];
    EXPECT_EQ(hit["title"], "Kerry & Lavrov");  // JSON is exact: no HTML escaping outside the snippet
    EXPECT_EQ(hit["author"], "Ann Lee, Bo Li");
    EXPECT_EQ(hit["categories"], nlohmann::json({"world"}));
    EXPECT_EQ(hit["date"], "2016-02-21T18:12:00+01:00");
    EXPECT_TRUE(hit["url"].is_null());
    EXPECT_TRUE(hit["id"].is_null());
    EXPECT_EQ(hit["snippet"], "Talks with <mark>Kerry</mark> &lt;today&gt;");
}

TEST(FacetsJson, NamesEveryFacetAndCountsEachValue) {
    query::SearchResult result;
    result.query = "";
    result.total = 3;
    result.facets = query::FacetTable{};
    (*result.facets)[static_cast<std::size_t>(query::Facet::author)] = {{"Ann Lee", 2}, {"Bo Li", 1}};
    const nlohmann::json out = facets_json(result);
    EXPECT_EQ(out["total"], 3);
    EXPECT_FALSE(out.contains("results"));
    for (const char* name : query::kFacetNames) EXPECT_TRUE(out["facets"][name].is_array()) << name;
    EXPECT_EQ(out["facets"]["author"][0]["value"], "Ann Lee");
    EXPECT_EQ(out["facets"]["author"][0]["count"], 2);
}

TEST(StatsJson, LastRunIsNullWithoutARecordAndItsCountsWithOne) {
    query::IndexStats stats;
    stats.documents = 4;
    EXPECT_TRUE(stats_json(stats)["last_run"].is_null());
    stats.last_run = RunRecord{"2016-07-18T04:10:00Z", 1, 2, 3, 4, 5, 6, 1500};
    const nlohmann::json run = stats_json(stats)["last_run"];
    EXPECT_EQ(run["time"], "2016-07-18T04:10:00Z");
    EXPECT_EQ(run["added"], 1);
    EXPECT_EQ(run["skipped"], 5);
    EXPECT_EQ(run["errors"], 6);
    EXPECT_DOUBLE_EQ(run["seconds"].get<double>(), 1.5);
}

TEST(AddJson, WarningsHoldMissingFoldersFirstAndLinesAreNullWhenUnknown) {
    indexer::SyncReport report;
    report.missing_roots = {{"/gone", 0, "the folder is gone"}};
    report.warnings = {{"/p/a.md", 3, "unknown time zone"}};
    report.errors = {{"/p/b.md", 0, "not UTF-8"}};
    const nlohmann::json out = add_json(report);
    ASSERT_EQ(out["warnings"].size(), 2u);
    EXPECT_EQ(out["warnings"][0]["path"], "/gone");
    EXPECT_EQ(out["warnings"][1]["line"], 3);
    EXPECT_TRUE(out["errors"][0]["line"].is_null());
}

TEST(JsonLine, IsOneLineAndReplacesBytesThatAreNotUtf8) {
    std::ostringstream out;
    print_json_line(out, error_json("a\nb\xff", "bad"));
    const std::string line = out.str();
    EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
    EXPECT_NE(line.find("a\\nb\xEF\xBF\xBD"), std::string::npos) << line;  // U+FFFD
}

TEST(SnippetHtml, EscapesTextAndMarksMatches) {
    query::Snippet snippet;
    snippet.parts = {{"Tom & Jerry <b>say</b> \"hi\" it's ", false}, {"Kerry", true}, {" <end>", false}};
    EXPECT_EQ(snippet_html(snippet),
              "Tom &amp; Jerry &lt;b&gt;say&lt;/b&gt; &quot;hi&quot; it&#39;s <mark>Kerry</mark> &lt;end&gt;");
}

TEST(SnippetHtml, MatchedWordsAreEscapedToo) {
    query::Snippet snippet;
    snippet.parts = {{"a<b", true}};
    EXPECT_EQ(snippet_html(snippet), "<mark>a&lt;b</mark>");
}

TEST(EscapeHtml, EscapesTheFiveSpecialCharactersOnly) {
    EXPECT_EQ(escape_html("&<>\"'"), "&amp;&lt;&gt;&quot;&#39;");
    EXPECT_EQ(escape_html("caf\xC3\xA9 \xE2\x80\x93 plain"), "caf\xC3\xA9 \xE2\x80\x93 plain");
    EXPECT_EQ(escape_html("&amp;"), "&amp;amp;");  // text, not markup: escaped again
}

}  // namespace
}  // namespace idx::cli
