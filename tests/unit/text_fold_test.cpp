#include "common/text_fold.hpp"

#include <gtest/gtest.h>

#include "tests/support/param_name.hpp"

namespace idx {
namespace {

struct FoldCase {
    const char* name;
    std::string text;
    std::string folded;
};

void PrintTo(const FoldCase& c, std::ostream* os) {
    *os << c.name;
}

class FoldAccents : public ::testing::TestWithParam<FoldCase> {};

TEST_P(FoldAccents, RemovesTheAccentsOfLatinLettersOnly) {
    EXPECT_EQ(fold_accents(GetParam().text), GetParam().folded);
    // has_accents() is the cheap pre-check: never false when folding changes the text.
    if (GetParam().text != GetParam().folded) {
        EXPECT_TRUE(has_accents(GetParam().text));
    }
}

TEST(HasAccents, FalseForTextWithoutLatinLetters) {
    for (const std::string text : {"plain ascii 2016", "\xD0\xB9\xD0\xBE\xD0\xB4", "\xE3\x81\x8C",
                                   "curly \xE2\x80\x99 quote \xE2\x80\x94 dash", ""})
        EXPECT_FALSE(has_accents(text)) << text;
}

INSTANTIATE_TEST_SUITE_P(Cases, FoldAccents,
                         ::testing::Values(FoldCase{"ascii", "Nurnberg 2016", "Nurnberg 2016"},
                                           FoldCase{"umlaut", "N\xC3\xBCrnberg", "Nurnberg"},
                                           FoldCase{"acute_extended_a", "Latinovi\xC4\x87", "Latinovic"},
                                           FoldCase{"capitals_keep_case",
                                                    "\xC3\x89"
                                                    "COLE",
                                                    "ECOLE"},
                                           FoldCase{"sharp_s",
                                                    "Stra\xC3\x9F"
                                                    "e",
                                                    "Strasse"},
                                           FoldCase{"stroke",
                                                    "\xC5\x81\xC3\xB3"
                                                    "d\xC5\xBA",
                                                    "Lodz"},
                                           FoldCase{"comma_below", "Bra\xC8\x99ov", "Brasov"},
                                           FoldCase{"vietnamese", "Vi\xE1\xBB\x87t", "Viet"},
                                           FoldCase{"cyrillic_kept", "\xD0\xB9\xD0\xBE\xD0\xB4",
                                                    "\xD0\xB9\xD0\xBE\xD0\xB4"},
                                           FoldCase{"kana_kept", "\xE3\x81\x8C", "\xE3\x81\x8C"},
                                           FoldCase{"curly_quote_kept", "\xE2\x80\x99", "\xE2\x80\x99"},
                                           FoldCase{"multiplication_sign_kept",
                                                    "2\xC3\x97"
                                                    "3",
                                                    "2\xC3\x97"
                                                    "3"},
                                           FoldCase{"cut_sequence_kept", "a\xC3", "a\xC3"}, FoldCase{"empty", "", ""}),
                         test::param_name);

TEST(LabelKey, IgnoresCaseAccentsAndExtraBlanks) {
    EXPECT_EQ(label_key("openSUSE"), "opensuse");
    EXPECT_EQ(label_key("Guillaume  GARDET "), "guillaume gardet");
    EXPECT_EQ(label_key(" Ivana Latinovi\xC4\x87"), "ivana latinovic");
    EXPECT_EQ(label_key("\xC3\x89v\xC3\xA9nements"), "evenements");
    EXPECT_EQ(label_key("\xD0\x9D\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8"),
              "\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8")
        << "other scripts are lower-cased too";
    EXPECT_EQ(label_key(""), "");
}

}  // namespace
}  // namespace idx
