#include "query/tie_order.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace idx::query {
namespace {

using Keys = std::vector<std::string>;

Keys keys_in(const std::vector<ScoredHit>& hits, const std::vector<std::size_t>& order) {
    Keys out;
    for (const std::size_t i : order) out.push_back(hits[i].key);
    return out;
}

TEST(TieOrder, ScoresThatDifferInTheirLastBitsAreEqual) {
    EXPECT_TRUE(same_score(1010.074105043, 1010.074105043 + 1e-12));
    EXPECT_TRUE(same_score(3.0, 3.0));
    EXPECT_FALSE(same_score(3.0, 3.0 + 1e-6));
    EXPECT_FALSE(same_score(2.5, 2.4));
}

TEST(TieOrder, EqualScoresGoInKeyOrderAndRunsKeepTheirPlace) {
    // As Xapian gives them: by weight, the last bits deciding within a run.
    const std::vector<ScoredHit> hits = {
        {9.0, "z"}, {5.0 + 3e-12, "d"}, {5.0 + 2e-12, "b"}, {5.0, "c"}, {5.0 - 1e-12, "a"}, {1.0, "e"},
    };
    EXPECT_EQ(keys_in(hits, tie_order(hits)), (Keys{"z", "a", "b", "c", "d", "e"}));
}

TEST(TieOrder, EmptyAndSingleHits) {
    EXPECT_TRUE(tie_order({}).empty());
    EXPECT_EQ(tie_order({{1.0, "x"}}), (std::vector<std::size_t>{0}));
}

// An index whose posts weigh what their value says (ValueWeightPostingSource):
// weights that differ by less than the tolerance, keys in the other order.
class RankedPageTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_db = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
        for (int i = 0; i < 40; ++i) {
            Xapian::Document doc;
            // 40 posts: 30 of score 5 (plus noise that grows with i), 10 of score 2.
            const double weight = i < 30 ? 5.0 + i * 1e-12 : 2.0;
            doc.add_value(kWeightSlot, Xapian::sortable_serialise(weight));
            char key[8];
            std::snprintf(key, sizeof key, "k%02d", 10 + i);
            doc.add_value(kKeySlot, key);
            doc.add_term("all");
            m_db.add_document(doc);
        }
        m_source = std::make_unique<Xapian::ValueWeightPostingSource>(kWeightSlot);
    }

    Keys page(Xapian::doccount first, Xapian::doccount count) {
        Xapian::Enquire enquire(m_db);
        enquire.set_query(Xapian::Query(m_source.get()));
        enquire.set_sort_by_relevance_then_value(kKeySlot, false);
        const RankedPage ranked = ranked_page(enquire, first, count);
        Keys out;
        for (const Xapian::doccount item : ranked.items) out.push_back(ranked.mset[item].get_sort_key());
        return out;
    }

    static constexpr Xapian::valueno kWeightSlot = 0;
    static constexpr Xapian::valueno kKeySlot = 1;
    Xapian::WritableDatabase m_db;
    std::unique_ptr<Xapian::ValueWeightPostingSource> m_source;
};

TEST_F(RankedPageTest, APageCutFromARunOfEqualScoresFollowsTheKeys) {
    // Xapian's order is by the noise: i = 29, 28, ... (keys k39, k38, ...).
    // By key the run of score 5 is k10..k39; a page from its middle must
    // hold the keys that sorting the whole run gives.
    EXPECT_EQ(page(0, 3), (Keys{"k10", "k11", "k12"}));
    EXPECT_EQ(page(12, 4), (Keys{"k22", "k23", "k24", "k25"}));
    // Across the boundary between the runs: the last of score 5, then score 2 by key.
    EXPECT_EQ(page(28, 4), (Keys{"k38", "k39", "k40", "k41"}));
    EXPECT_EQ(page(38, 10), (Keys{"k48", "k49"}));
    EXPECT_TRUE(page(40, 5).empty());
}

}  // namespace
}  // namespace idx::query
