#include "query/search.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/json_printer.hpp"
#include "common/error.hpp"
#include "indexer/sync.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx::query {
namespace {

namespace fs = std::filesystem;

constexpr int kHarbourPosts = 25;
constexpr int kPosts = kHarbourPosts + 2;

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string two_digits(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

SearchRequest request_for(const std::string& query) {
    SearchRequest r;
    r.query = query;
    return r;
}

// 25 "harbour" posts, one a day in January 2016, in two category sets; a post
// whose title holds HTML entities; an unrelated post in March. Indexed once
// with the real incremental indexer.
class SearcherTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = std::make_unique<test::TempDir>("idx-search");
        s_folder = s_dir->path();
        const fs::path posts = s_folder / "posts";
        fs::create_directories(posts);
        for (int day = 1; day <= kHarbourPosts; ++day) {
            const std::string date = "2016-01-" + two_digits(day);
            write_file(posts / (date + "-harbour-report.md"),
                       "---\ntitle: Harbour report " + std::to_string(day) + "\ndate: " + date +
                           " 08:00:00\nauthor: Staff Writer\ncategories: " +
                           (day % 2 == 0 ? "[World, topNews]" : "[topNews]") +
                           "\n---\n<p>The harbour was busy on day " + std::to_string(day) + ". " +
                           std::string(static_cast<std::size_t>(day), '!') + " Ships came and went.</p>\n");
        }
        write_file(posts / "2016-02-21-talks.md",
                   "---\npost_title: 'Talks resume &#8211; envoys&#039; &quot;last chance&quot;'\n"
                   "post_date: 2016-02-21 18:12:10\nauthor: Maria Lopez\noriginal_cats:\n  - World\n---\n"
                   "<p>Envoys met in Geneva as the ceasefire held.</p>\n");
        write_file(posts / "2016-03-05-garden.md",
                   "---\ntitle: Garden notes\ndate: 2016-03-05 10:00:00\nauthor: Sam Okafor\ncategories: [garden]\n"
                   "---\nBeans and tomatoes went in early.\n");
        indexer::SyncOptions options;
        options.db_path = (s_folder / "db").string();
        options.roots = {posts.string()};
        options.jobs = 1;
        const indexer::SyncReport report = indexer::sync(options);
        ASSERT_TRUE(report.errors.empty());
        ASSERT_EQ(report.documents, static_cast<std::uint64_t>(kPosts));
    }
    static void TearDownTestSuite() { s_dir.reset(); }

    static std::string db() { return (s_folder / "db").string(); }

    static SearchRequest request(const std::string& query, std::size_t limit = 10, std::size_t offset = 0) {
        SearchRequest r;
        r.query = query;
        r.limit = limit;
        r.offset = offset;
        return r;
    }

    static std::vector<std::string> paths(const SearchResult& result) {
        std::vector<std::string> out;
        for (const Hit& hit : result.hits) out.push_back(hit.post.path);
        return out;
    }

    static std::vector<std::string> sort_keys(const SearchResult& result) {
        std::vector<std::string> out;
        for (const Hit& hit : result.hits) out.push_back(hit.post.date ? to_sort_key(*hit.post.date) : "");
        return out;
    }

    static inline std::unique_ptr<test::TempDir> s_dir;
    static fs::path s_folder;
};

fs::path SearcherTest::s_folder;

TEST_F(SearcherTest, RanksCountFromTheOffset) {
    Searcher searcher(db());
    const SearchResult all = searcher.search(request("harbour", 100));
    ASSERT_EQ(all.hits.size(), static_cast<std::size_t>(kHarbourPosts));
    const SearchResult page = searcher.search(request("harbour", 5, 10));
    ASSERT_EQ(page.hits.size(), 5u);
    for (std::size_t i = 0; i < page.hits.size(); ++i) {
        EXPECT_EQ(page.hits[i].rank, 11 + i);
        EXPECT_EQ(page.hits[i].post.path, all.hits[10 + i].post.path);
        EXPECT_DOUBLE_EQ(page.hits[i].score, all.hits[10 + i].score);
    }
    EXPECT_EQ(page.offset, 10u);
    EXPECT_EQ(page.limit, 5u);
    EXPECT_EQ(page.total, static_cast<Xapian::doccount>(kHarbourPosts));
}

TEST_F(SearcherTest, RelevanceOrderHasFallingScores) {
    Searcher searcher(db());
    const SearchResult result = searcher.search(request("harbour", 100));
    for (std::size_t i = 1; i < result.hits.size(); ++i) EXPECT_GE(result.hits[i - 1].score, result.hits[i].score);
    EXPECT_EQ(result.hits.front().rank, 1u);
}

TEST_F(SearcherTest, TotalIsExactEvenForOneHit) {
    Searcher searcher(db());
    const SearchResult result = searcher.search(request("harbour", 1));
    EXPECT_EQ(result.hits.size(), 1u);
    EXPECT_EQ(result.total, static_cast<Xapian::doccount>(kHarbourPosts));
    EXPECT_TRUE(result.total_exact);
}

TEST_F(SearcherTest, PastTheLastPageThereAreNoHitsButTheTotalStays) {
    Searcher searcher(db());
    const SearchResult result = searcher.search(request("harbour", 10, 30));
    EXPECT_TRUE(result.hits.empty());
    EXPECT_EQ(result.total, static_cast<Xapian::doccount>(kHarbourPosts));
}

TEST_F(SearcherTest, SortsNewestAndOldestFirst) {
    Searcher searcher(db());
    SearchRequest newest = request("harbour", 100);
    newest.sort = SortOrder::newest;
    const std::vector<std::string> down = sort_keys(searcher.search(newest));
    ASSERT_EQ(down.size(), static_cast<std::size_t>(kHarbourPosts));
    EXPECT_TRUE(std::is_sorted(down.rbegin(), down.rend()));
    EXPECT_EQ(down.front(), "20160125080000");

    SearchRequest oldest = newest;
    oldest.sort = SortOrder::oldest;
    const std::vector<std::string> up = sort_keys(searcher.search(oldest));
    EXPECT_TRUE(std::is_sorted(up.begin(), up.end()));
    EXPECT_EQ(up.front(), "20160101080000");
}

TEST_F(SearcherTest, EmptyQueryListsEveryPostNewestFirst) {
    Searcher searcher(db());
    const SearchResult result = searcher.search(request("", 100));
    EXPECT_EQ(result.total, static_cast<Xapian::doccount>(kPosts));
    const std::vector<std::string> keys = sort_keys(result);
    EXPECT_TRUE(std::is_sorted(keys.rbegin(), keys.rend()));
    EXPECT_EQ(result.hits.front().post.title, "Garden notes");
    EXPECT_FALSE(result.corrected_query);
}

TEST_F(SearcherTest, HitsCarryDecodedTitlesAndSnippetsButNoText) {
    Searcher searcher(db());
    const SearchResult result = searcher.search(request("envoys"));
    ASSERT_EQ(result.hits.size(), 1u);
    const Hit& hit = result.hits.front();
    EXPECT_EQ(hit.post.title, "Talks resume \xE2\x80\x93 envoys' \"last chance\"");
    EXPECT_EQ(hit.post.authors, (std::vector<std::string>{"Maria Lopez"}));
    EXPECT_EQ(hit.post.categories, (std::vector<std::string>{"World"}));
    ASSERT_TRUE(hit.post.date);
    EXPECT_EQ(to_iso8601(*hit.post.date), "2016-02-21T18:12:10");
    EXPECT_TRUE(hit.post.text.empty());
    EXPECT_NE(cli::snippet_html(hit.snippet).find("<mark>Envoys</mark>"), std::string::npos)
        << cli::snippet_html(hit.snippet);
}

TEST_F(SearcherTest, FacetsCountTheWholeMatchSet) {
    Searcher searcher(db());
    const SearchResult result = searcher.search(request("harbour", 1));
    ASSERT_TRUE(result.facets);
    const auto& categories = (*result.facets)[static_cast<std::size_t>(Facet::category)];
    ASSERT_EQ(categories.size(), 2u);
    EXPECT_EQ(categories[0].value, "topNews");
    EXPECT_EQ(categories[0].count, static_cast<Xapian::doccount>(kHarbourPosts));
    EXPECT_EQ(categories[1].value, "World");
    EXPECT_EQ(categories[1].count, 12u);
    const auto& months = (*result.facets)[static_cast<std::size_t>(Facet::month)];
    ASSERT_EQ(months.size(), 1u);
    EXPECT_EQ(months[0].value, "2016-01");
}

TEST_F(SearcherTest, FacetsAndHitsCanBeLeftOut) {
    Searcher searcher(db());
    SearchRequest no_facets = request("harbour");
    no_facets.want_facets = false;
    const SearchResult without = searcher.search(no_facets);
    EXPECT_FALSE(without.facets);
    EXPECT_EQ(without.hits.size(), 10u);

    SearchRequest facets_only = request("harbour");
    facets_only.want_hits = false;
    const SearchResult counted = searcher.search(facets_only);
    EXPECT_TRUE(counted.hits.empty());
    EXPECT_EQ(counted.total, static_cast<Xapian::doccount>(kHarbourPosts));
    ASSERT_TRUE(counted.facets);
}

// Without facets the ranking pass stops at the best hits and a pass of its
// own counts: the total and the hits must be those of a search with facets.
TEST_F(SearcherTest, WithoutFacetsTheTotalAndHitsAreTheSame) {
    Searcher searcher(db());
    std::vector<SearchRequest> requests = {request("harbour", 3),        request("harbour talks"),
                                           request("\"harbour talks\""), request("harbour", 5, 20),
                                           request("zeppelin"),          request("")};
    SearchRequest filtered = request("harbour");
    filtered.categories = {"World"};
    requests.push_back(filtered);
    SearchRequest typed = request("h");
    typed.partial = true;
    requests.push_back(typed);
    SearchRequest newest = request("harbour");
    newest.sort = SortOrder::newest;
    requests.push_back(newest);
    for (SearchRequest without : requests) {
        const SearchResult with = searcher.search(without);
        without.want_facets = false;
        const SearchResult counted = searcher.search(without);
        SCOPED_TRACE(without.query);
        EXPECT_EQ(counted.total, with.total);
        EXPECT_TRUE(counted.total_exact);
        EXPECT_EQ(paths(counted), paths(with));
        ASSERT_EQ(counted.hits.size(), with.hits.size());
        for (std::size_t i = 0; i < counted.hits.size(); ++i) EXPECT_EQ(counted.hits[i].score, with.hits[i].score);
    }
    EXPECT_EQ(searcher.search(filtered).total, 12u);  // the filter is counted too
}

TEST_F(SearcherTest, FiltersApply) {
    Searcher searcher(db());
    SearchRequest world = request("", 100);
    world.categories = {"World"};
    EXPECT_EQ(searcher.search(world).total, 13u);  // 12 even days and the talks post
    world.since = "2016-02";
    EXPECT_EQ(searcher.search(world).total, 1u);
}

TEST_F(SearcherTest, NoMatchGivesAnEmptyResult) {
    Searcher searcher(db());
    const SearchResult result = searcher.search(request("zeppelin"));
    EXPECT_EQ(result.total, 0u);
    EXPECT_TRUE(result.hits.empty());
}

TEST_F(SearcherTest, MalformedQueryThrowsAUsageError) {
    Searcher searcher(db());
    try {
        searcher.search(request("harbour year:20x6"));
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ExitCode::usage);
        EXPECT_NE(std::string(e.what()).find("20x6"), std::string::npos);
    }
    // The searcher goes on answering.
    EXPECT_EQ(searcher.search(request("harbour")).total, static_cast<Xapian::doccount>(kHarbourPosts));
}

TEST_F(SearcherTest, SuggestsASpellingForAMisspeltQuery) {
    Searcher searcher(db());
    const SearchResult result = searcher.search(request("harbur"));
    EXPECT_EQ(result.corrected_query, std::optional<std::string>("harbour"));
    EXPECT_FALSE(searcher.search(request("harbour")).corrected_query);
}

// The spelling corrector once held a reference to its Searcher's database:
// a moved Searcher corrected through the old, destroyed one.
TEST_F(SearcherTest, AMovedSearcherStillSuggestsSpellings) {
    std::optional<Searcher> first(std::in_place, db());
    EXPECT_EQ(first->search(request("harbur")).corrected_query, std::optional<std::string>("harbour"));
    Searcher moved = std::move(*first);
    first.reset();
    EXPECT_EQ(moved.search(request("harbur")).corrected_query, std::optional<std::string>("harbour"));
}

TEST_F(SearcherTest, AReopenedIndexGivesTheSameAnswers) {
    const SearchResult first = Searcher(db()).search(request("harbour ships", 100));
    const SearchResult second = Searcher(db()).search(request("harbour ships", 100));
    EXPECT_EQ(paths(first), paths(second));
    ASSERT_EQ(first.hits.size(), second.hits.size());
    for (std::size_t i = 0; i < first.hits.size(); ++i) EXPECT_DOUBLE_EQ(first.hits[i].score, second.hits[i].score);
}

TEST_F(SearcherTest, FiltersNeverChangeScoresEvenForLongQueries) {
    // Five or more weighted words: the query gets pseudo-relevance feedback.
    Searcher searcher(db());
    const SearchResult all = searcher.search(request("harbour busy ships came went envoys", 100));
    std::map<std::string, double> unfiltered;
    for (const Hit& hit : all.hits) unfiltered[hit.post.path] = hit.score;
    SearchRequest world = request("harbour busy ships came went envoys", 100);
    world.categories = {"World"};
    world.until = "2016-01-20";
    const SearchResult filtered = searcher.search(world);
    ASSERT_FALSE(filtered.hits.empty());
    EXPECT_LT(filtered.hits.size(), all.hits.size());
    for (const Hit& hit : filtered.hits) {
        ASSERT_EQ(unfiltered.count(hit.post.path), 1u) << hit.post.path;
        EXPECT_DOUBLE_EQ(hit.score, unfiltered.at(hit.post.path)) << hit.post.path;
    }
}

TEST(SearcherReopen, ALongLivedSearcherSeesLaterCommits) {
    const test::TempDir dir("idx-search-reopen");
    const fs::path& folder = dir.path();
    const auto post = [&](const std::string& name, const std::string& title, const std::string& category) {
        write_file(folder / (name + ".md"),
                   "---\ntitle: " + title + "\ndate: 2016-03-01\ncategories: [" + category + "]\n---\nText.\n");
    };
    indexer::SyncOptions options;
    options.db_path = (folder / "db").string();
    options.roots = {folder.string()};
    options.jobs = 1;
    post("a", "Harbour opens", "news");
    post("b", "Harbour closes", "news");
    indexer::sync(options);

    Searcher searcher(options.db_path);  // kept open, as batch mode keeps it
    EXPECT_EQ(searcher.search(request_for("zeppelin")).total, 0u);
    const SearchResult before = searcher.search(request_for(""));
    ASSERT_TRUE(before.facets);
    EXPECT_EQ((*before.facets)[static_cast<std::size_t>(Facet::category)].size(), 1u);

    post("c", "Zeppelin over the harbour", "sky");
    indexer::sync(options);
    EXPECT_EQ(searcher.search(request_for("zeppelin")).total, 1u);
    const SearchResult after = searcher.search(request_for(""));
    EXPECT_EQ(after.total, 3u);
    ASSERT_TRUE(after.facets);
    const auto& categories = (*after.facets)[static_cast<std::size_t>(Facet::category)];
    ASSERT_EQ(categories.size(), 2u);
    EXPECT_EQ(categories[0].value, "news");
    EXPECT_EQ(categories[1].value, "sky");
    EXPECT_EQ(categories[1].count, 1u);
    // The spelling dictionary is re-read too.
    EXPECT_EQ(searcher.search(request_for("zepelin")).corrected_query, std::optional<std::string>("zeppelin"));
}

TEST(SearcherOpen, MissingIndexIsAnErrorSayingWhatToDo) {
    try {
        Searcher searcher("/nonexistent/idx-db");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("idx add"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace idx::query
