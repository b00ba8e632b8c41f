#include "query/spelling.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/stop_words.hpp"
#include "tests/support/param_name.hpp"
#include "tests/support/small_index.hpp"

namespace idx::query {
namespace {

struct DistanceCase {
    const char* a;
    const char* b;
    unsigned limit;
    unsigned expected;
};

// Test names and messages show the case's name, not its bytes.
void PrintTo(const DistanceCase& c, std::ostream* os) {
    *os << c.a << "/" << c.b;
}

class EditDistance : public ::testing::TestWithParam<DistanceCase> {};

TEST_P(EditDistance, CountsEditsUpToTheLimit) {
    const DistanceCase& c = GetParam();
    EXPECT_EQ(edit_distance(c.a, c.b, c.limit), c.expected) << c.a << " / " << c.b;
    EXPECT_EQ(edit_distance(c.b, c.a, c.limit), c.expected) << "not symmetric: " << c.b << " / " << c.a;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EditDistance,
    ::testing::Values(DistanceCase{"kerry", "kerry", 2, 0}, DistanceCase{"kery", "kerry", 2, 1},  // insertion
                      DistanceCase{"kery", "very", 2, 1},                                         // substitution
                      DistanceCase{"lavrof", "lavrov", 2, 1}, DistanceCase{"ceasefir", "ceasefire", 2, 1},
                      DistanceCase{"acb", "abc", 2, 1},  // a swap is one edit
                      DistanceCase{"form", "from", 1, 1}, DistanceCase{"kitten", "sitting", 5, 3},
                      DistanceCase{"kitten", "sitting", 2, 3},  // over the limit: limit + 1
                      DistanceCase{"kitten", "sitting", 1, 2}, DistanceCase{"", "abc", 5, 3},
                      DistanceCase{"", "", 0, 0}, DistanceCase{"a", "abcdef", 2, 3},  // length difference alone
                      DistanceCase{"abcdef", "badcfe", 5, 3},                         // three swaps
                      DistanceCase{"ca", "abc", 5, 3}));                              // OSA: no edit of a swapped pair

// Titles where "very" is a far more frequent word than "kerry", and "kerry"
// appears with "lavrov" and "ceasefire": frequency alone picks "very" for
// "Kery", the company of the other words picks "kerry".
class SpellingCorrectorTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_index = std::make_unique<test::SmallIndex>("idx-spelling");
        std::vector<std::pair<std::string, std::string>> posts = {
            {"Kerry meets Lavrov over ceasefire", "The two ministers spoke for an hour."},
            {"Lavrov and Kerry discuss ceasefire terms", "A provisional agreement was reached."},
            {"Markets rally on provision for banks", "Shares rose after the announcement."},
            {"Weather turns cold", "A provisional forecast for the weekend."},
            {"Harbour reopens", "The provisional timetable starts Monday."},
            {"Quiet week", "Jan K\xC3\xA4mpf wrote about Seigo and the mirror."},
        };
        for (int i = 0; i < 12; ++i)
            posts.push_back({"A very good day number " + std::to_string(i), "Nothing happened at all today."});
        int n = 0;
        for (const auto& [title, text] : posts) {
            Post post;
            post.path = "/posts/" + std::to_string(++n) + ".md";
            post.title = title;
            post.text = text;
            s_index->add(post);  // with its spelling words
        }
        s_index->commit();
    }
    static void TearDownTestSuite() { s_index.reset(); }

    void SetUp() override {
        m_db = std::make_unique<Xapian::Database>(s_index->path());
        for (const std::string& word : builtin_stop_words("english")) m_stopper.add(word);
        m_corrector = std::make_unique<SpellingCorrector>(*m_db, std::vector<Xapian::Stem>{m_stemmer}, m_stopper);
    }

    static inline std::unique_ptr<test::SmallIndex> s_index;
    std::unique_ptr<Xapian::Database> m_db;
    Xapian::Stem m_stemmer{"english"};
    Xapian::SimpleStopper m_stopper;
    std::unique_ptr<SpellingCorrector> m_corrector;
};

TEST_F(SpellingCorrectorTest, TheFixtureFoolsAFrequencyOnlySpeller) {
    // Xapian's own suggestion picks the frequent word: the case this corrector exists for.
    EXPECT_EQ(m_db->get_spelling_suggestion("kery"), "very");
}

TEST_F(SpellingCorrectorTest, PrefersTheWordThatOccursWithTheOtherQueryWords) {
    // "ceasefir" stems as "ceasefire" does: it finds the same posts, nothing to correct.
    EXPECT_EQ(m_corrector->correct("Kery Lavrof ceasefir"), std::optional<std::string>("kerry lavrov ceasefir"));
    EXPECT_EQ(m_corrector->correct("Kery Lavrof cesefire"), std::optional<std::string>("kerry lavrov ceasefire"));
}

TEST_F(SpellingCorrectorTest, LeavesCorrectlySpeltQueriesAlone) {
    for (const std::string query : {"kerry lavrov ceasefire", "Kerry Lavrov", "very good day", "", "the", "provisional",
                                    "ceasefire OR harbour"}) {
        EXPECT_EQ(m_corrector->correct(query), std::nullopt) << query;
    }
}

TEST_F(SpellingCorrectorTest, WordsOfTheIndexedTextAreNeverCorrected) {
    // "kampf" is the accent-free form of "Kämpf"; "mirror" is one letter
    // from no title word here, "seigo" two from nothing: body words all.
    for (const std::string query : {"Kampf", "kämpf", "seigo", "mirror", "timetable", "provisional lavrov"})
        EXPECT_EQ(m_corrector->correct(query), std::nullopt) << query;
}

TEST_F(SpellingCorrectorTest, ARareKnownWordDoesNotBlockACorrection) {
    EXPECT_EQ(m_corrector->correct("lavrof"), std::optional<std::string>("lavrov"));
    EXPECT_EQ(m_corrector->correct("lavrof weather"), std::optional<std::string>("lavrov weather"))
        << "lavrov and weather are in no post together, but lavrof is in none at all";
    EXPECT_EQ(m_corrector->correct("lavrof cesefire harbour"), std::optional<std::string>("lavrov ceasefire harbour"));
    EXPECT_EQ(m_corrector->correct("lavrof NOT ceasefire"), std::optional<std::string>("lavrov NOT ceasefire"))
        << "an excluded word does not count";
}

struct MoreCase {
    Xapian::doccount original;
    Xapian::doccount corrected;
    bool expected;
};

TEST(ClearlyMoreMatches, TwiceAsManyAndAtLeastOne) {
    for (const MoreCase c : {MoreCase{0, 0, false}, MoreCase{0, 1, true}, MoreCase{1, 1, false}, MoreCase{1, 2, true},
                             MoreCase{5, 9, false}, MoreCase{5, 10, true}, MoreCase{10, 3, false}})
        EXPECT_EQ(clearly_more_matches(c.original, c.corrected), c.expected) << c.original << " -> " << c.corrected;
}

TEST_F(SpellingCorrectorTest, GivesNothingWhenNoWordIsNearEnough) {
    EXPECT_EQ(m_corrector->correct("zqxwvy"), std::nullopt);
}

struct CorrectionCase {
    const char* name;
    std::string query;
    std::string expected;
};

// Test names and messages show the case's name, not its bytes.
void PrintTo(const CorrectionCase& c, std::ostream* os) {
    *os << c.name;
}

class SpellingInContext : public SpellingCorrectorTest, public ::testing::WithParamInterface<CorrectionCase> {};

TEST_P(SpellingInContext, CorrectsOnlyPlainWords) {
    EXPECT_EQ(m_corrector->correct(GetParam().query), std::optional<std::string>(GetParam().expected))
        << GetParam().query;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SpellingInContext,
    ::testing::Values(CorrectionCase{"quoted_field_value_kept", "category:\"Kery\" lavrof", "category:\"Kery\" lavrov"},
                      CorrectionCase{"quoted_two_word_field_value_kept", "author:\"Staff Kery\" lavrof",
                                     "author:\"Staff Kery\" lavrov"},
                      CorrectionCase{"operators_kept", "Kery AND Lavrof", "kerry AND lavrov"},
                      CorrectionCase{"operators_kept_or_not", "lavrof OR cesefire NOT harbour",
                                     "lavrov OR ceasefire NOT harbour"},
                      CorrectionCase{"phrase_quotes_kept", "\"kery lavrof\"", "\"kerry lavrov\""},
                      CorrectionCase{"wildcard_kept", "kery* lavrof", "kery* lavrov"},
                      CorrectionCase{"excluded_word_kept", "lavrof -kery", "lavrov -kery"},
                      CorrectionCase{"parentheses_kept", "(kery OR lavrof) ceasefire", "(kerry OR lavrov) ceasefire"},
                      CorrectionCase{"known_words_keep_their_case", "Kerry Lavrof", "Kerry lavrov"}),
    test::param_name);

TEST_F(SpellingCorrectorTest, WordsAfterAnUnquotedFieldValueAreStillCorrected) {
    EXPECT_EQ(m_corrector->correct("author:Kery lavrof"), std::optional<std::string>("author:Kery lavrov"));
    EXPECT_EQ(m_corrector->correct("year:2016 kery lavrof"), std::optional<std::string>("year:2016 kerry lavrov"));
}

}  // namespace
}  // namespace idx::query
