#include "query/facets.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/schema.hpp"

namespace idx::query {
namespace {

using Counts = std::vector<std::pair<std::string, Xapian::doccount>>;

Counts counts(const std::vector<FacetValue>& values) {
    Counts out;
    for (const FacetValue& v : values) out.emplace_back(v.value, v.count);
    return out;
}

const std::vector<FacetValue>& facet(const FacetTable& table, Facet f) {
    return table[static_cast<std::size_t>(f)];
}

// An in-memory index whose documents carry only what FacetSpy reads: the
// facet record the indexer writes (encode_facets) and a word to query.
class FacetSpyTest : public ::testing::Test {
protected:
    void add(std::vector<std::string> authors, std::vector<std::string> categories, std::vector<std::string> tags,
             std::optional<PostDate> date, const std::string& word = "post") {
        Post post;
        post.authors = std::move(authors);
        post.categories = std::move(categories);
        post.tags = std::move(tags);
        post.date = date;
        Xapian::Document doc;
        doc.add_term(word);
        doc.add_term("post");
        doc.add_value(schema::slot::facets, encode_facets(post));
        m_db.add_document(doc);
    }

    // Facets over everything `query` matches, while asking for `shown` hits only.
    FacetTable spy_on(const std::string& term, std::size_t limit, Xapian::doccount shown = 1) {
        Xapian::Enquire enquire(m_db);
        enquire.set_query(Xapian::Query(term));
        FacetSpy spy(m_cache);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, shown, m_db.get_doccount());
        m_seen = spy.documents_seen();
        return spy.table(limit);
    }

    static PostDate day(int year, int month) {
        PostDate d;
        d.year = year;
        d.month = month;
        d.day = 1;
        return d;
    }

    Xapian::WritableDatabase m_db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    FacetCache m_cache;  // shared by the searches of one test, as a Searcher shares it
    Xapian::doccount m_seen = 0;
};

TEST_F(FacetSpyTest, SpellingsThatDifferInCaseOrAccentsCountAsOneValue) {
    add({"Guillaume GARDET"}, {"Events"}, {"openSUSE"}, day(2016, 2));
    add({"Guillaume Gardet"}, {"events"}, {"openSUSE"}, day(2016, 2));
    add({"guillaume gardet"}, {"\xC3\x89vents"}, {"opensuse"}, day(2016, 2));
    add({"Ana"}, {}, {"OpenSUSE", "obs"}, day(2016, 2));
    const FacetTable table = spy_on("post", 0);
    EXPECT_EQ(counts(facet(table, Facet::author)), (Counts{{"Guillaume GARDET", 3}, {"Ana", 1}}))
        << "three spellings once each: the first in byte order";
    EXPECT_EQ(counts(facet(table, Facet::category)), (Counts{{"Events", 3}}));
    EXPECT_EQ(counts(facet(table, Facet::tag)), (Counts{{"openSUSE", 4}, {"obs", 1}})) << "the most frequent spelling";
}

TEST_F(FacetSpyTest, TheSpellingShownIsTheMostFrequentAmongTheMatches) {
    add({"A"}, {}, {"opensuse"}, std::nullopt, "first");
    add({"A"}, {}, {"opensuse"}, std::nullopt, "first");
    add({"A"}, {}, {"openSUSE"}, std::nullopt, "second");
    add({"A"}, {}, {"openSUSE"}, std::nullopt, "second");
    add({"A"}, {}, {"openSUSE"}, std::nullopt, "second");
    EXPECT_EQ(counts(facet(spy_on("post", 0), Facet::tag)), (Counts{{"openSUSE", 5}}));
    EXPECT_EQ(counts(facet(spy_on("first", 0), Facet::tag)), (Counts{{"opensuse", 2}}));
}

TEST_F(FacetSpyTest, CountsEveryValueOfMultiValuedFields) {
    add({"Staff Writer"}, {"topNews", "World", "Top Stories"}, {"syria", "diplomacy"}, day(2016, 2));
    add({"Staff Writer"}, {"World"}, {"syria"}, day(2016, 2));
    add({"Maria Lopez", "Staff Writer"}, {"Top Stories", "World"}, {}, day(2016, 3));
    const FacetTable table = spy_on("post", 0);
    EXPECT_EQ(m_seen, 3u);
    EXPECT_EQ(counts(facet(table, Facet::author)), (Counts{{"Staff Writer", 3}, {"Maria Lopez", 1}}));
    // A post with three categories counts once in each of the three.
    EXPECT_EQ(counts(facet(table, Facet::category)), (Counts{{"World", 3}, {"Top Stories", 2}, {"topNews", 1}}));
    EXPECT_EQ(counts(facet(table, Facet::tag)), (Counts{{"syria", 2}, {"diplomacy", 1}}));
    EXPECT_EQ(counts(facet(table, Facet::year)), (Counts{{"2016", 3}}));
    EXPECT_EQ(counts(facet(table, Facet::month)), (Counts{{"2016-02", 2}, {"2016-03", 1}}));
}

TEST_F(FacetSpyTest, TiesAreOrderedByValueAndTheLimitKeepsTheMostFrequent) {
    add({"b"}, {"delta", "alpha"}, {}, std::nullopt);
    add({"a"}, {"charlie", "alpha"}, {}, std::nullopt);
    add({"c"}, {"bravo", "delta"}, {}, std::nullopt);
    add({"a"}, {"echo"}, {}, std::nullopt);
    const FacetTable all = spy_on("post", 0);
    EXPECT_EQ(counts(facet(all, Facet::category)),
              (Counts{{"alpha", 2}, {"delta", 2}, {"bravo", 1}, {"charlie", 1}, {"echo", 1}}));
    EXPECT_EQ(counts(facet(all, Facet::author)), (Counts{{"a", 2}, {"b", 1}, {"c", 1}}));
    const FacetTable three = spy_on("post", 3);
    EXPECT_EQ(counts(facet(three, Facet::category)), (Counts{{"alpha", 2}, {"delta", 2}, {"bravo", 1}}));
    const FacetTable one = spy_on("post", 1);
    EXPECT_EQ(counts(facet(one, Facet::author)), (Counts{{"a", 2}}));
    // Undated posts give no year or month.
    EXPECT_TRUE(facet(all, Facet::year).empty());
    EXPECT_TRUE(facet(all, Facet::month).empty());
}

TEST_F(FacetSpyTest, YearsAndMonthsAreChronologicalAndTheLimitKeepsTheLatest) {
    // Month frequencies deliberately out of date order: the order must still be by date.
    const std::vector<std::pair<PostDate, int>> months = {
        {day(2015, 11), 1}, {day(2015, 12), 5}, {day(2016, 1), 2}, {day(2016, 2), 4}, {day(2016, 3), 3}};
    for (const auto& [date, n] : months)
        for (int i = 0; i < n; ++i) add({"x"}, {}, {}, date);
    const FacetTable all = spy_on("post", 0);
    EXPECT_EQ(counts(facet(all, Facet::month)),
              (Counts{{"2015-11", 1}, {"2015-12", 5}, {"2016-01", 2}, {"2016-02", 4}, {"2016-03", 3}}));
    EXPECT_EQ(counts(facet(all, Facet::year)), (Counts{{"2015", 6}, {"2016", 9}}));
    const FacetTable two = spy_on("post", 2);
    EXPECT_EQ(counts(facet(two, Facet::month)), (Counts{{"2016-02", 4}, {"2016-03", 3}}));
    const FacetTable one = spy_on("post", 1);
    EXPECT_EQ(counts(facet(one, Facet::year)), (Counts{{"2016", 9}}));
}

TEST_F(FacetSpyTest, CountsTheWholeMatchSetNotJustTheShownHits) {
    for (int i = 0; i < 60; ++i)
        add({"Staff Writer"}, {i % 3 == 0 ? "odd" : "even"}, {}, day(2016, 1 + i % 6), "common");
    for (int i = 0; i < 15; ++i) add({"Other"}, {"elsewhere"}, {}, day(2016, 7), "rare");
    const FacetTable table = spy_on("common", 0, 1);
    EXPECT_EQ(m_seen, 60u);
    EXPECT_EQ(counts(facet(table, Facet::author)), (Counts{{"Staff Writer", 60}}));
    EXPECT_EQ(counts(facet(table, Facet::category)), (Counts{{"even", 40}, {"odd", 20}}));
    Xapian::doccount months_total = 0;
    for (const FacetValue& v : facet(table, Facet::month)) months_total += v.count;
    EXPECT_EQ(months_total, 60u);
    EXPECT_EQ(facet(table, Facet::month).size(), 6u);  // July holds only the posts the query did not match
}

TEST_F(FacetSpyTest, ADocumentWithoutAFacetRecordIsCountedAsSeenButGivesNoValues) {
    add({"Staff Writer"}, {"World"}, {}, day(2016, 2));
    Xapian::Document bare;
    bare.add_term("post");
    m_db.add_document(bare);
    const FacetTable table = spy_on("post", 0);
    EXPECT_EQ(m_seen, 2u);
    EXPECT_EQ(counts(facet(table, Facet::category)), (Counts{{"World", 1}}));
}

TEST_F(FacetSpyTest, ACachedRecordCountsTheSameInEverySearch) {
    add({"Staff Writer"}, {"topNews", "World"}, {"syria"}, day(2016, 2), "kerry");
    add({"Maria Lopez"}, {"World"}, {}, day(2016, 3), "kerry");
    add({"Maria Lopez"}, {"topNews", "World"}, {"syria"}, day(2016, 3), "budget");  // the same record as the first
    const FacetTable first = spy_on("post", 0);
    const FacetTable narrowed = spy_on("kerry", 0);
    EXPECT_EQ(counts(facet(narrowed, Facet::category)), (Counts{{"World", 2}, {"topNews", 1}}));
    EXPECT_EQ(counts(facet(narrowed, Facet::author)), (Counts{{"Maria Lopez", 1}, {"Staff Writer", 1}}));
    const FacetTable again = spy_on("post", 0);
    for (int f = 0; f < kFacetCount; ++f)
        EXPECT_EQ(counts(again[static_cast<std::size_t>(f)]), counts(first[static_cast<std::size_t>(f)])) << f;
    EXPECT_EQ(counts(facet(again, Facet::category)), (Counts{{"World", 3}, {"topNews", 2}}));
    EXPECT_EQ(counts(facet(again, Facet::tag)), (Counts{{"syria", 2}}));
}

TEST_F(FacetSpyTest, AClearedCacheSeesChangedDocuments) {
    add({"Staff Writer"}, {"topNews"}, {}, day(2016, 2));
    add({"Staff Writer"}, {"World"}, {}, day(2016, 2));
    spy_on("post", 0);
    // The first post is reindexed with another category, as `idx add` would.
    Post changed;
    changed.authors = {"Staff Writer"};
    changed.categories = {"culture"};
    changed.date = day(2016, 4);
    Xapian::Document doc;
    doc.add_term("post");
    doc.add_value(schema::slot::facets, encode_facets(changed));
    m_db.replace_document(1, doc);
    m_cache.clear();
    const FacetTable table = spy_on("post", 0);
    EXPECT_EQ(counts(facet(table, Facet::category)), (Counts{{"World", 1}, {"culture", 1}}));
    EXPECT_EQ(counts(facet(table, Facet::month)), (Counts{{"2016-02", 1}, {"2016-04", 1}}));
}

}  // namespace
}  // namespace idx::query
