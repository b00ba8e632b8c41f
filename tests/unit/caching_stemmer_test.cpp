#include "indexer/caching_stemmer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace idx::indexer {
namespace {

// Every answer, cached or not, is the Snowball stemmer's own.
void expect_same_stems(Xapian::Stem& cached, const Xapian::Stem& plain, const std::vector<std::string>& words) {
    for (const std::string& word : words) EXPECT_EQ(cached(word), plain(word)) << word;
}

TEST(CachingStemmer, GivesTheSnowballStemFirstAndAgain) {
    Xapian::Stem cached = make_caching_stemmer("english");
    const Xapian::Stem plain("english");
    const std::vector<std::string> words = {
        "running",
        "runs",
        "ceasefire",
        "ceasefires",
        "a",
        "internationalization",
        "antidisestablishmentarianism",  // word and stem too long to sit in the table's slot
        std::string(300, 'x'),           // longer than the table keeps: stemmed each time
        "naïve",
        "café",
        "nationalities",
        "national",
        "nation"};
    expect_same_stems(cached, plain, words);  // first: computed and cached
    expect_same_stems(cached, plain, words);  // again: from the cache
    EXPECT_NE(cached.get_description().find("caching"), std::string::npos) << cached.get_description();
}

TEST(CachingStemmer, StaysRightPastItsSizeLimitAndGrowth) {
    Xapian::Stem cached = make_caching_stemmer("english");
    const Xapian::Stem plain("english");
    std::vector<std::string> words;
    for (int i = 0; i < 210000; ++i) words.push_back("walking" + std::to_string(i) + (i % 3 ? "ness" : "s"));
    for (const std::string& word : words) ASSERT_EQ(cached(word), plain(word)) << word;
    // After the table started afresh (200,000 stems), old and new words still stem right.
    for (std::size_t i = 0; i < words.size(); i += 997) ASSERT_EQ(cached(words[i]), plain(words[i])) << words[i];
}

TEST(CachingStemmer, NoneGivesNoStemming) {
    EXPECT_TRUE(make_caching_stemmer("none").is_none());
    EXPECT_TRUE(make_caching_stemmer("").is_none());
}

}  // namespace
}  // namespace idx::indexer
