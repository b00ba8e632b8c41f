// idx search as scripts see it: every option, exit codes,
// text and JSON output (checked against docs/json-schema-v1.json), and the
// line-by-line batch mode driven over pipes.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "tests/cli/harbour_posts_test.hpp"
#include "tests/cli/json_schema.hpp"
#include "tests/support/cli_test.hpp"
#include "tests/support/param_name.hpp"
#include "tests/support/result_titles.hpp"

namespace idx::test {
namespace {

using nlohmann::json;

// Each test in a temporary folder (CliFolder gives dir(), posts(), db(), options() and idx()).
class IdxSearch : public HarbourPostsTest {
protected:
    // `idx search --json` with the options; the output, checked against the schema.
    json search(std::vector<std::string> args, int expected_status = 0) const {
        args.insert(args.begin(), {"search", "--db", db(), "--json"});
        const Exit r = idx(args);
        EXPECT_EQ(r.code, expected_status) << r.err;
        EXPECT_EQ(r.err, "");
        const json result = json::parse(r.out);
        EXPECT_EQ(json_schema_v1().problems(result, "search"), std::vector<std::string>{}) << r.out;
        EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << "not one line";
        return result;
    }

    static std::vector<std::string> dates(const json& result) {
        std::vector<std::string> out;
        for (const json& hit : result["results"]) out.push_back(hit["date"]);
        return out;
    }
};

TEST_F(IdxSearch, JsonResultHasEveryFieldOfAHit) {
    const json result = search({"ceasefire"});
    EXPECT_EQ(result["version"], 1);
    EXPECT_EQ(result["query"], "ceasefire");
    EXPECT_EQ(result["total"], 1);
    EXPECT_EQ(result["total_exact"], true);
    EXPECT_EQ(result["offset"], 0);
    EXPECT_EQ(result["limit"], 10);
    EXPECT_TRUE(result["corrected_query"].is_null());
    ASSERT_EQ(result["results"].size(), 1u);
    const json& hit = result["results"][0];
    EXPECT_EQ(hit["rank"], 1);
    EXPECT_GT(hit["score"].get<double>(), 0);
    EXPECT_TRUE(hit["id"].is_null());
    EXPECT_EQ(hit["path"], (posts() / "2016-02-21-talks.md").string());
    EXPECT_EQ(hit["url"], "https://example.org/talks/");
    EXPECT_EQ(hit["title"], "Talks resume \xE2\x80\x93 ceasefire holds");
    EXPECT_EQ(hit["author"], "Staff Writer");
    EXPECT_EQ(hit["categories"], json::array({"World"}));
    EXPECT_EQ(hit["tags"], json::array({"diplomacy"}));
    EXPECT_EQ(hit["date"], "2016-02-21T18:12:10");
    const std::string snippet = hit["snippet"];
    EXPECT_NE(snippet.find("<mark>ceasefire</mark>"), std::string::npos) << snippet;
    EXPECT_EQ(snippet.find("<script"), std::string::npos) << snippet;
    EXPECT_NE(snippet.find("&lt;script&gt;"), std::string::npos) << snippet;
    EXPECT_EQ(result["facets"]["category"], json::parse(R"([{"value":"World","count":1}])"));
}

TEST_F(IdxSearch, TextOutputForPeople) {
    const Exit r = idx({"search", "--db", db(), "--no-facets", "ceasefire"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out,
              "1. Talks resume \xE2\x80\x93 ceasefire holds\n"
              "   2016-02-21 18:12 \xC2\xB7 Staff Writer \xC2\xB7 World \xC2\xB7 tags: diplomacy\n"
              "   https://example.org/talks/\n"
              "   Envoys met in Geneva as the ceasefire held. <script>alert(1)</script>\n"
              "\n"
              "1 of 1 match\n");
}

TEST_F(IdxSearch, TextOutputListsFacetsAfterTheHits) {
    const Exit r = idx({"search", "--db", db(), "--limit", "1", "--sort", "oldest", "harbour"});
    EXPECT_EQ(r.code, 0) << r.err;
    const std::string out = mask(r.out, dir());
    EXPECT_EQ(out.rfind("1. Harbour opens\n", 0), 0u) << out;
    EXPECT_NE(out.find("\nAuthors: Maria Lopez (2), Smith, John (2), Staff Writer (2)\n"), std::string::npos) << out;
    EXPECT_NE(out.find("\nMonths: 2016-01 (1), 2016-02 (1), 2016-03 (1), 2016-04 (1), 2016-05 (1), 2016-06 (1)\n"),
              std::string::npos)
        << out;
    EXPECT_EQ(out.substr(out.size() - 15), "1 of 6 matches\n") << out;
}

TEST_F(IdxSearch, LimitAndOffsetPage) {
    const json all = search({"--limit", "100", "harbour"});
    ASSERT_EQ(all["results"].size(), static_cast<std::size_t>(kHarbourCount));
    const json first = search({"--limit", "2", "harbour"});
    EXPECT_EQ(first["results"].size(), 2u);
    EXPECT_EQ(first["total"], kHarbourCount);
    EXPECT_EQ(first["limit"], 2);
    const json page = search({"-n", "10", "--offset", "4", "harbour"});
    ASSERT_EQ(page["results"].size(), 2u);
    EXPECT_EQ(page["offset"], 4);
    EXPECT_EQ(page["results"][0]["rank"], 5);
    EXPECT_EQ(page["results"][1]["rank"], 6);
    EXPECT_EQ(page["results"][0]["path"], all["results"][4]["path"]);
    EXPECT_EQ(page["results"][1]["path"], all["results"][5]["path"]);
    const json beyond = search({"--offset", "50", "harbour"});
    EXPECT_TRUE(beyond["results"].empty());
    EXPECT_EQ(beyond["total"], kHarbourCount);
}

TEST_F(IdxSearch, SortOrders) {
    const json relevance = search({"--sort", "relevance", "harbour"});
    EXPECT_EQ(relevance["results"][0]["title"], "Harbour lights harbour");
    for (std::size_t i = 1; i < relevance["results"].size(); ++i)
        EXPECT_GE(relevance["results"][i - 1]["score"].get<double>(), relevance["results"][i]["score"].get<double>());

    const std::vector<std::string> newest = dates(search({"--sort", "date", "harbour"}));
    EXPECT_EQ(newest.front(), "2016-06-10T09:00:00");
    EXPECT_TRUE(std::is_sorted(newest.rbegin(), newest.rend()));
    const std::vector<std::string> oldest = dates(search({"--sort", "oldest", "harbour"}));
    EXPECT_EQ(oldest.front(), "2016-01-10T09:00:00");
    EXPECT_TRUE(std::is_sorted(oldest.begin(), oldest.end()));
    // Without words to rank by, newest first.
    const std::vector<std::string> everything = dates(search({"--limit", "100", ""}));
    EXPECT_EQ(everything.size(), static_cast<std::size_t>(kPostCount));
    EXPECT_TRUE(std::is_sorted(everything.rbegin(), everything.rend()));
}

struct FilterCase {
    const char* name;
    std::vector<std::string> args;
    Titles expected;  // sorted
};

// Test names and messages show the case's name, not its bytes.
void PrintTo(const FilterCase& c, std::ostream* os) {
    *os << c.name;
}

class IdxSearchFilters : public IdxSearch, public ::testing::WithParamInterface<FilterCase> {};

TEST_P(IdxSearchFilters, MatchExactlyTheExpectedPosts) {
    std::vector<std::string> args = GetParam().args;
    args.insert(args.begin(), {"--limit", "100"});
    const int status = GetParam().expected.empty() ? 1 : 0;
    EXPECT_EQ(sorted_titles(search(args, status)), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Options, IdxSearchFilters,
    ::testing::Values(
        FilterCase{"author_with_comma", {"--author", "Smith, John", "harbour"}, {"Harbour museum", "Harbour storm"}},
        FilterCase{"author_repeated",
                   {"--author", "Smith, John", "--author", "Maria Lopez", "harbour"},
                   {"Harbour fair", "Harbour lights harbour", "Harbour museum", "Harbour storm"}},
        FilterCase{"author_not_split", {"--author", "Smith", "harbour"}, {}},
        FilterCase{"category_repeated",
                   {"--category", "culture", "--category", "community", ""},
                   {"Harbour closes", "Harbour fair", "Harbour museum"}},
        FilterCase{
            "author_and_category", {"--author", "Staff Writer", "--category", "community", ""}, {"Harbour closes"}},
        FilterCase{"tag", {"--tag", "ships", ""}, {"Harbour opens", "Harbour storm"}},
        FilterCase{"tag_repeated",
                   {"--tag", "museum", "--tag", "diplomacy", ""},
                   {"Harbour museum", "Talks resume \xE2\x80\x93 ceasefire holds"}},
        FilterCase{"since_until",
                   {"--since", "2016-03", "--until", "2016-05", "harbour"},
                   {"Harbour closes", "Harbour fair", "Harbour museum"}},
        FilterCase{"until_whole_day",
                   {"--until", "2016-02-21", ""},
                   {"Harbour opens", "Harbour storm", "Talks resume \xE2\x80\x93 ceasefire holds"}},
        FilterCase{"match_all", {"--match", "all", "harbour storm"}, {"Harbour storm"}},
        FilterCase{"match_any", {"--match", "any", "storm garden"}, {"Garden notes", "Harbour storm"}},
        FilterCase{"query_syntax", {"category:topNews harbour -fair"}, {"Harbour lights harbour", "Harbour opens"}},
        FilterCase{"date_range",
                   {"date:2016-02-01..2016-02-21"},
                   {"Harbour storm", "Talks resume \xE2\x80\x93 ceasefire holds"}},
        FilterCase{"words_as_separate_arguments", {"harbour", "storm", "--match", "all"}, {"Harbour storm"}}),
    test::param_name);

TEST_F(IdxSearch, AQueryStartingWithAMinusGoesAfterDoubleDash) {
    const json result = search({"--limit", "100", "--", "-fair harbour"});
    EXPECT_EQ(result["query"], "-fair harbour");
    EXPECT_EQ(sorted_titles(result),
              (Titles{"Harbour closes", "Harbour lights harbour", "Harbour museum", "Harbour opens", "Harbour storm"}));
}

TEST_F(IdxSearch, AQueryOfOnlyExcludedWordsFindsThePostsWithoutThem) {
    const json result = search({"--limit", "100", "--", "-harbour"});
    EXPECT_EQ(sorted_titles(result), (Titles{"Garden notes", "Talks resume \xE2\x80\x93 ceasefire holds"}));
}

TEST_F(IdxSearch, FacetLimitAndNoFacets) {
    const json limited = search({"--facet-limit", "1", ""});
    for (const char* field : {"author", "category", "tag", "year", "month"})
        EXPECT_EQ(limited["facets"][field].size(), 1u) << field;
    EXPECT_EQ(limited["facets"]["author"][0], json::parse(R"({"value":"Staff Writer","count":3})"));
    EXPECT_EQ(limited["facets"]["month"][0], json::parse(R"({"value":"2016-07","count":1})"));  // the latest

    const json all = search({"--facet-limit", "0", ""});
    EXPECT_EQ(all["facets"]["category"].size(), 5u);  // topNews, World, community, culture, garden
    EXPECT_EQ(all["facets"]["category"][0], json::parse(R"({"value":"topNews","count":3})"));

    const json none = search({"--no-facets", "harbour"});
    EXPECT_TRUE(none["facets"].is_null());
    EXPECT_EQ(none["total"], kHarbourCount);
}

TEST_F(IdxSearch, ExitCodes) {
    EXPECT_EQ(idx({"search", "--db", db(), "harbour"}).code, 0);
    const Exit none = idx({"search", "--db", db(), "zeppelin"});
    EXPECT_EQ(none.code, 1);
    EXPECT_EQ(none.out, "0 of 0 matches\n");
    EXPECT_EQ(none.err, "");
    const Exit bad = idx({"search", "--db", db(), "harbour year:20x6"});
    EXPECT_EQ(bad.code, 2);
    EXPECT_EQ(bad.out, "");
    EXPECT_NE(bad.err.find("year:20x6"), std::string::npos) << bad.err;
    const Exit bad_since = idx({"search", "--db", db(), "--since", "2016-13", "harbour"});
    EXPECT_EQ(bad_since.code, 2);
    EXPECT_NE(bad_since.err.find("2016-13"), std::string::npos) << bad_since.err;
    const Exit no_index = idx({"search", "--db", (dir() / "none").string(), "harbour"});
    EXPECT_EQ(no_index.code, 2);
    EXPECT_NE(no_index.err.find("idx add"), std::string::npos) << no_index.err;
}

TEST_F(IdxSearch, MisspeltQueryGetsASuggestion) {
    const json result = search({"harbur"}, 1);
    EXPECT_EQ(result["corrected_query"], "harbour");
    const Exit text = idx({"search", "--db", db(), "harbur"});
    EXPECT_NE(text.out.find("Did you mean: harbour?"), std::string::npos) << text.out;
}

TEST_F(IdxSearch, BatchAnswersEachLineBeforeTheNextIsWritten) {
    Child batch(piped({IDX_BINARY, "search", "--db", db(), "--queries-from", "-", "--limit", "3"}));
    const auto ask = [&](const std::string& line) {
        batch.write_stdin(line + "\n");
        const std::optional<std::string> answer = batch.read_line();
        EXPECT_TRUE(answer) << "no answer to " << line << "; stderr: " << batch.stderr_text();
        return answer ? json::parse(*answer) : json();
    };

    const json plain = ask("harbour");
    EXPECT_EQ(json_schema_v1().problems(plain, "search"), std::vector<std::string>{}) << plain.dump();
    EXPECT_EQ(plain["total"], kHarbourCount);
    EXPECT_EQ(plain["results"].size(), 3u);  // the command line's --limit is the default

    const json bad = ask("harbour year:20x6");
    EXPECT_EQ(json_schema_v1().problems(bad, "error"), std::vector<std::string>{}) << bad.dump();
    EXPECT_EQ(bad["query"], "harbour year:20x6");
    EXPECT_NE(bad["error"].get<std::string>().find("year:20x6"), std::string::npos);

    const json object = ask(R"({"query": "harbour", "limit": 1, "category": ["topNews"], "sort": "oldest"})");
    EXPECT_EQ(object["total"], 3);
    ASSERT_EQ(object["results"].size(), 1u);
    EXPECT_EQ(object["results"][0]["title"], "Harbour opens");

    const json malformed = ask(R"({"query": "harbour", "limit": )");
    EXPECT_EQ(json_schema_v1().problems(malformed, "error"), std::vector<std::string>{}) << malformed.dump();
    EXPECT_NE(malformed["error"].get<std::string>().find("JSON"), std::string::npos);

    const json wrong_type = ask(R"({"query": 5})");
    EXPECT_EQ(json_schema_v1().problems(wrong_type, "error"), std::vector<std::string>{}) << wrong_type.dump();

    const json after = ask("ceasefire");  // the batch goes on after bad lines
    EXPECT_EQ(after["total"], 1);
    const json none = ask("zeppelin");
    EXPECT_EQ(none["total"], 0);

    batch.close_stdin();
    EXPECT_EQ(batch.read_line(), std::nullopt);
    EXPECT_EQ(batch.wait().code, 2);  // some lines were bad
}

TEST_F(IdxSearch, BatchFromAFileWithGoodLinesExitsZero) {
    write_file(dir() / "queries.txt", "harbour\r\nceasefire\n{\"query\": \"\"}\n");
    const Exit r = idx({"search", "--db", db(), "--queries-from", (dir() / "queries.txt").string()});
    EXPECT_EQ(r.code, 0) << r.err;
    const std::vector<std::string> answers = lines(r.out);
    ASSERT_EQ(answers.size(), 3u);
    EXPECT_EQ(json::parse(answers[0])["total"], kHarbourCount);
    EXPECT_EQ(json::parse(answers[1])["total"], 1);
    EXPECT_EQ(json::parse(answers[2])["total"], kPostCount);  // the empty query, asked as such
    const Exit missing = idx({"search", "--db", db(), "--queries-from", (dir() / "nope.txt").string()});
    EXPECT_EQ(missing.code, 2);
}

// The schema checker must be able to fail, or the checks above prove nothing.
TEST_F(IdxSearch, SchemaCheckerRejectsWhatTheSchemaForbids) {
    const json good = search({"harbour"});
    json missing = good;
    missing.erase("total");
    EXPECT_FALSE(json_schema_v1().problems(missing, "search").empty());
    json wrong_type = good;
    wrong_type["total"] = "six";
    EXPECT_FALSE(json_schema_v1().problems(wrong_type, "search").empty());
    json extra = good;
    extra["surprise"] = true;
    EXPECT_FALSE(json_schema_v1().problems(extra, "search").empty());
    json bad_date = good;
    bad_date["results"][0]["date"] = "10 June 2016";
    EXPECT_FALSE(json_schema_v1().problems(bad_date, "search").empty());
    json bad_version = good;
    bad_version["version"] = 2;
    EXPECT_FALSE(json_schema_v1().problems(bad_version, "search").empty());
    // The whole schema (any of the documents) accepts a search result and refuses a stub.
    EXPECT_EQ(json_schema_v1().problems(good), std::vector<std::string>{});
    EXPECT_FALSE(json_schema_v1().problems(json::parse(R"({"version":1})")).empty());
}

}  // namespace
}  // namespace idx::test
