#include "query/title_boost.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "common/schema.hpp"
#include "common/stop_words.hpp"
#include "tests/support/small_index.hpp"

namespace idx::query {
namespace {

using Strings = std::vector<std::string>;

class TitleBoostTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (const std::string& word : builtin_stop_words("english")) m_stopper.add(word);
        const std::vector<std::pair<std::string, std::string>> posts = {
            {"Ruby 3.4.0 preview1 Released", "Ruby 3.4.0 preview1 released. Ruby 3.4.0 released."},
            {"Ruby 3.4.0 Released", std::string("Ruby 3.4.0 is out.") + std::string(4000, ' ') + "Many changes."},
            {"Released: the Ruby guide", "Ruby released a guide."},
            {"The State of the Garden", "Beans."},
        };
        for (std::size_t i = 0; i < posts.size(); ++i) {
            Post post;
            post.path = "/p/" + std::to_string(i);
            post.title = posts[i].first;
            post.text = posts[i].second;
            m_index.add(post);
        }
        m_index.commit();
        m_db = std::make_unique<Xapian::Database>(m_index.path());
        m_boost = std::make_unique<TitleBoost>(m_stemmer, builtin_stop_words("english"));
    }

    Xapian::Query parse(const std::string& text) {
        Xapian::QueryParser parser;
        parser.set_stemmer(m_stemmer);
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
        parser.set_stopper(&m_stopper);
        parser.add_prefix("title", std::string(schema::prefix::title));
        parser.add_boolean_prefix("author", std::string(schema::prefix::author));
        return parser.parse_query(text);
    }

    // Titles in rank order (docid - 1 is the post's index) for `query`, boosted or not.
    std::vector<Xapian::docid> ranked(const std::string& text, bool boosted) {
        const Xapian::Query query = parse(text);
        Xapian::Enquire enquire(*m_db);
        enquire.set_query(boosted ? m_boost->apply(query, query) : query);
        std::vector<Xapian::docid> out;
        const Xapian::MSet mset = enquire.get_mset(0, 10);
        for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
        return out;
    }

    test::SmallIndex m_index{"idx-title-boost"};
    std::unique_ptr<Xapian::Database> m_db;
    Xapian::Stem m_stemmer{"english"};
    Xapian::SimpleStopper m_stopper;
    std::unique_ptr<TitleBoost> m_boost;
};

TEST_F(TitleBoostTest, WordsInOrderAreTheQueryStemsAsTyped) {
    EXPECT_EQ(m_boost->words_in_order(parse("Ruby 3.4.0 Released")), (Strings{"rubi", "3.4.0", "releas"}));
    EXPECT_EQ(m_boost->words_in_order(parse("released ruby")), (Strings{"releas", "rubi"}));
    EXPECT_EQ(m_boost->words_in_order(parse("the state of the garden")), (Strings{"state", "garden"}))
        << "stop words left out";
    EXPECT_EQ(m_boost->words_in_order(parse("title:ruby author:Ana released")), (Strings{"rubi", "releas"}))
        << "title: words count, other fields do not";
}

TEST_F(TitleBoostTest, AReadingThatDoesNotMatchGetsTheExactTitleBoostOnly) {
    // Other languages' readings that take no part in matching (query_builder.hpp)
    // boost an exact title by its one XT term, never by a phrase over titles.
    const Xapian::Query words = parse("Ruby 3.4.0 Released");
    const std::string both = m_boost->boost(m_boost->words_in_order(words)).get_description();
    const std::string exact = m_boost->boost(m_boost->words_in_order(words), false).get_description();
    EXPECT_NE(both.find("PHRASE"), std::string::npos) << both;
    EXPECT_EQ(exact.find("PHRASE"), std::string::npos) << exact;
    EXPECT_NE(exact.find(schema::title_key_term(m_boost->words_in_order(words))), std::string::npos) << exact;
    const Xapian::Query plain = parse("garden");
    EXPECT_TRUE(m_boost->apply(plain, std::vector<TitleBoost::Reading>{{parse("xyz"), false}}).get_description() !=
                plain.get_description());
}

TEST_F(TitleBoostTest, TheExactTitleComesFirst) {
    ASSERT_NE(ranked("Ruby 3.4.0 Released", false).front(), 2u) << "the fixture must need the boost";
    EXPECT_EQ(ranked("Ruby 3.4.0 Released", true).front(), 2u);
    EXPECT_EQ(ranked("The State of the Garden", true).front(), 4u);
    EXPECT_EQ(ranked("state garden", true).front(), 4u) << "stop words do not count";
}

TEST_F(TitleBoostTest, WordsInTheTitleInOrderComeBeforeWordsOutOfOrder) {
    const std::vector<Xapian::docid> order = ranked("ruby released", true);
    ASSERT_EQ(order.size(), 3u);
    EXPECT_EQ(order.back(), 3u) << "\"Released: the Ruby guide\" has the words the other way round";
}

TEST_F(TitleBoostTest, TheMatchesStayTheSame) {
    for (const std::string text : {"ruby released", "Ruby 3.4.0 Released", "garden", "ruby -preview1", "beans"}) {
        std::vector<Xapian::docid> plain = ranked(text, false);
        std::vector<Xapian::docid> boosted = ranked(text, true);
        std::sort(plain.begin(), plain.end());
        std::sort(boosted.begin(), boosted.end());
        EXPECT_EQ(plain, boosted) << text;
    }
}

TEST_F(TitleBoostTest, NoWordsNoBoost) {
    EXPECT_TRUE(m_boost->boost({}).empty());
    EXPECT_FALSE(m_boost->boost({"rubi"}).empty()) << "one word may still be the whole title";
}

}  // namespace
}  // namespace idx::query
