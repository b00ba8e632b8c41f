// The real idx on the whenitson corpus (4,374 WordPress posts in ../shared),
// when it is there: counts known from the corpus, incremental runs, ranking
// of the example query, facets and spelling. The index is built once for the
// whole suite (this program runs as one CTest test).

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <map>

#include "tests/cli/json_schema.hpp"
#include "tests/support/cli_test.hpp"

namespace idx::test {
namespace {

using nlohmann::json;

constexpr int kDocuments = 4374;

fs::path corpus() {
    return fs::path(IDX_SHARED_DIR) / "corpus" / "whenitson" / "_posts";
}

class Whenitson : public ::testing::Test {
protected:
    // The corpus is copied first, so the incremental test can edit files
    // without touching ../shared.
    static void SetUpTestSuite() {
        if (!fs::is_directory(corpus())) {
            std::cout << "the whenitson corpus is absent (" << corpus() << "): skipping\n";
            return;
        }
        s_dir = new CliFolder;
        copy_tree(corpus(), posts());
        s_first_add = new Exit(idx({"add", "--db", db(), "--json", posts().string()}));
    }
    static void TearDownTestSuite() {
        delete s_first_add;
        delete s_dir;
        s_first_add = nullptr;
        s_dir = nullptr;
    }

    void SetUp() override {
        if (s_dir == nullptr) GTEST_SKIP() << "the whenitson corpus is absent: " << corpus();
        ASSERT_EQ(s_first_add->code, 0) << s_first_add->err;
    }

    static fs::path dir() { return s_dir->dir(); }
    static fs::path posts() { return s_dir->posts(); }
    static std::string db() { return s_dir->db(); }

    static Exit idx(std::vector<std::string> args) { return s_dir->idx(std::move(args)); }

    static json search(std::vector<std::string> args) {
        args.insert(args.begin(), {"search", "--db", db(), "--json"});
        const Exit r = idx(args);
        EXPECT_EQ(r.code, 0) << r.err;
        const json result = json::parse(r.out);
        EXPECT_EQ(json_schema_v1().problems(result, "search"), std::vector<std::string>{});
        return result;
    }

    static std::map<std::string, int> counts(const json& values) {
        std::map<std::string, int> out;
        for (const json& v : values) out[v["value"]] = v["count"];
        return out;
    }

    static CliFolder* s_dir;
    static Exit* s_first_add;
};

CliFolder* Whenitson::s_dir = nullptr;
Exit* Whenitson::s_first_add = nullptr;

TEST_F(Whenitson, FirstRunIndexesEveryPost) {
    const json summary = json::parse(s_first_add->out);
    EXPECT_EQ(json_schema_v1().problems(summary, "add"), std::vector<std::string>{});
    EXPECT_EQ(summary["files"], kDocuments);
    EXPECT_EQ(summary["added"], kDocuments);
    EXPECT_EQ(summary["errors"], json::array());
    EXPECT_EQ(summary["documents"], kDocuments);
    EXPECT_EQ(s_first_add->err, "");
}

TEST_F(Whenitson, IncrementalRunsCountExactly) {
    // A copy of the index, so the other tests keep the full one.
    const std::string copy = (dir() / "db-incremental").string();
    fs::copy(db(), copy, fs::copy_options::recursive);
    const auto add = [&] {
        const Exit r = idx({"add", "--db", copy, "--json", posts().string()});
        EXPECT_EQ(r.code, 0) << r.err;
        return json::parse(r.out);
    };
    const json rerun = add();
    EXPECT_EQ(rerun["added"], 0);
    EXPECT_EQ(rerun["updated"], 0);
    EXPECT_EQ(rerun["removed"], 0);
    EXPECT_EQ(rerun["unchanged"], kDocuments);

    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(posts())) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    ASSERT_GE(files.size(), 3u);
    write_file(files[0], read_file(files[0]) + "\n<p>An added paragraph about a xylophonist.</p>\n");
    fs::remove(files[1]);
    fs::remove(files[2]);
    write_post(posts() / "2016-07-30-a-new-post.md", "post_title: A new post\npost_date: 2016-07-30 10:00:00",
               "<p>Fresh text.</p>\n");

    const json changed = add();
    EXPECT_EQ(changed["added"], 1);
    EXPECT_EQ(changed["updated"], 1);
    EXPECT_EQ(changed["removed"], 2);
    EXPECT_EQ(changed["documents"], kDocuments - 1);
    const Exit found = idx({"search", "--db", copy, "--json", "xylophonist"});
    EXPECT_EQ(json::parse(found.out)["total"], 1);
}

TEST_F(Whenitson, ExampleQueryRanksThePost1194First) {
    const json result = search({"Kerry Lavrov ceasefire"});
    ASSERT_FALSE(result["results"].empty());
    const json& first = result["results"][0];
    EXPECT_EQ(first["id"], "1194");
    EXPECT_NE(first["title"].get<std::string>().find("ceasefire \xE2\x80\x93 Reuters"), std::string::npos)
        << first["title"];
    EXPECT_NE(first["snippet"].get<std::string>().find("<mark>"), std::string::npos) << first["snippet"];
    EXPECT_TRUE(result["corrected_query"].is_null());
}

TEST_F(Whenitson, EmptyQueryCountsEveryPostByMonthAndCategory) {
    const json result = search({""});
    EXPECT_EQ(result["total"], kDocuments);
    EXPECT_EQ(result["total_exact"], true);
    const std::map<std::string, int> months = counts(result["facets"]["month"]);
    EXPECT_EQ(months, (std::map<std::string, int>{{"2016-01", 463},
                                                  {"2016-02", 664},
                                                  {"2016-03", 728},
                                                  {"2016-04", 685},
                                                  {"2016-05", 727},
                                                  {"2016-06", 701},
                                                  {"2016-07", 406}}));
    const std::map<std::string, int> categories = counts(result["facets"]["category"]);
    EXPECT_EQ(categories.at("domesticNews"), 889);
    EXPECT_EQ(categories.at("topNews"), 878);
    EXPECT_EQ(categories.at("Top Stories"), 862);
    EXPECT_EQ(counts(result["facets"]["author"]), (std::map<std::string, int>{{"Staff Writer", kDocuments}}));
}

TEST_F(Whenitson, DateRangeCoversTheWholeMonth) {
    EXPECT_EQ(search({"--no-facets", "date:2016-03-01..2016-03-31"})["total"], 728);
    EXPECT_EQ(search({"--no-facets", "month:2016-03"})["total"], 728);
    EXPECT_EQ(search({"--no-facets", "--since", "2016-03", "--until", "2016-03", ""})["total"], 728);
}

TEST_F(Whenitson, CategoryFilterReturnsOnlyThatCategory) {
    const json result = search({"--category", "technologyNews", "--limit", "1000", "apple"});
    ASSERT_GT(result["total"].get<int>(), 0);
    EXPECT_EQ(result["results"].size(), result["total"].get<std::size_t>());
    for (const json& hit : result["results"]) {
        const std::vector<std::string> categories = hit["categories"];
        EXPECT_NE(std::find(categories.begin(), categories.end(), "technologyNews"), categories.end()) << hit["path"];
    }
    EXPECT_LT(result["total"].get<int>(), search({"--no-facets", "apple"})["total"].get<int>());
}

TEST_F(Whenitson, SortByDateIsNewestFirst) {
    const json result = search({"--sort", "date", "--limit", "50", "ceasefire"});
    std::vector<std::string> dates;
    for (const json& hit : result["results"]) dates.push_back(hit["date"]);
    ASSERT_EQ(dates.size(), 50u);
    EXPECT_TRUE(std::is_sorted(dates.rbegin(), dates.rend()));
    const json oldest = search({"--sort", "oldest", "--limit", "1", "ceasefire"});
    EXPECT_LE(oldest["results"][0]["date"].get<std::string>(), dates.back());
}

TEST_F(Whenitson, MisspeltQueryIsCorrected) {
    EXPECT_EQ(search({"Kerry Lavrof cesefire"})["corrected_query"], "Kerry lavrov ceasefire");
    // "Kery" is in three posts and "ceasefir" stems as "ceasefire" does: words of the index, kept.
    EXPECT_EQ(search({"Kery Lavrof ceasefir"})["corrected_query"], "Kery lavrov ceasefir");
}

}  // namespace
}  // namespace idx::test
