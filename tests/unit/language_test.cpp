#include "common/language.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

namespace idx {
namespace {

struct ResolveCase {
    const char* name;
    std::optional<Language> expected;
};

class ResolveLanguage : public ::testing::TestWithParam<ResolveCase> {};

TEST_P(ResolveLanguage, GivesCodeAndStemmer) {
    EXPECT_EQ(resolve_language(GetParam().name), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Names, ResolveLanguage,
    ::testing::Values(ResolveCase{"en", Language{"en", "english"}}, ResolveCase{"EN", Language{"en", "english"}},
                      ResolveCase{"english", Language{"en", "english"}}, ResolveCase{"de", Language{"de", "german"}},
                      ResolveCase{"german2", Language{"de", "german2"}}, ResolveCase{"fr", Language{"fr", "french"}},
                      ResolveCase{"ru", Language{"ru", "russian"}},
                      ResolveCase{"pt-BR", Language{"pt_br", "portuguese"}},
                      ResolveCase{"zh_cn", Language{"zh_cn", ""}}, ResolveCase{"zh_TW", Language{"zh_tw", ""}},
                      ResolveCase{"ja", Language{"ja", ""}}, ResolveCase{"uk", Language{"uk", ""}},
                      ResolveCase{"vi", Language{"vi", ""}}, ResolveCase{" tr ", Language{"tr", "turkish"}},
                      ResolveCase{"none", Language{}}, ResolveCase{"", std::nullopt},
                      ResolveCase{"English (US)", std::nullopt}, ResolveCase{"e", std::nullopt},
                      ResolveCase{"englsh", std::nullopt}, ResolveCase{"en_", std::nullopt},
                      ResolveCase{"en-x", std::nullopt}));

// Every stemmer the table names is one this Xapian has.
TEST(Language, EveryStemmerNamedExistsInXapian) {
    for (const char* code : {"ar", "hy", "eu", "ca", "da", "nl", "en", "fi", "fr", "de", "hu", "id",
                             "ga", "it", "lt", "ne", "nb", "pt", "ro", "ru", "es", "sv", "ta", "tr"}) {
        const std::optional<Language> language = resolve_language(code);
        ASSERT_TRUE(language.has_value()) << code;
        ASSERT_FALSE(language->stemmer.empty()) << code;
        EXPECT_NO_THROW(Xapian::Stem(language->stemmer)) << code;
    }
}

TEST(Language, APostInTheDefaultsLanguageUsesTheDefaultsStemmer) {
    const Language german2{"de", "german2"};
    EXPECT_EQ(language_for_post(Language{"de", "german"}, german2), german2);
    EXPECT_EQ(language_for_post(Language{"fr", "french"}, german2), (Language{"fr", "french"}));
}

struct ScriptCase {
    const char* query;
    std::optional<std::string> code;
};

class ScriptGuess : public ::testing::TestWithParam<ScriptCase> {};

TEST_P(ScriptGuess, NamesTheLanguageOfTheLetters) {
    EXPECT_EQ(language_code_from_script(GetParam().query), GetParam().code) << GetParam().query;
}

INSTANTIATE_TEST_SUITE_P(Queries, ScriptGuess,
                         ::testing::Values(ScriptCase{"Ruby 3.4.0 released", std::nullopt},
                                           ScriptCase{"", std::nullopt}, ScriptCase{"2016", std::nullopt},
                                           ScriptCase{"уязвимости", "ru"}, ScriptCase{"Ruby вразливість", "uk"},
                                           ScriptCase{"脆弱性", std::nullopt}, ScriptCase{"リリース", "ja"},
                                           ScriptCase{"Rubyの脆弱性", "ja"}, ScriptCase{"보안 취약점", "ko"},
                                           ScriptCase{"αναβάθμιση", "el"}, ScriptCase{"Ruby release в", std::nullopt},
                                           ScriptCase{"\xFF\xFE broken bytes", std::nullopt}));

struct QuoteCase {
    const char* query;
    const char* expected;
};

class QuoteCjkRuns : public ::testing::TestWithParam<QuoteCase> {};

TEST_P(QuoteCjkRuns, MakesEachRunAPhrase) {
    EXPECT_EQ(quote_cjk_runs(GetParam().query), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Queries, QuoteCjkRuns,
    ::testing::Values(QuoteCase{"脆弱性", "\"脆弱性\""}, QuoteCase{"脆", "脆"},
                      QuoteCase{"ruby release", "ruby release"}, QuoteCase{"脆弱性 修正", "\"脆弱性\" \"修正\""},
                      QuoteCase{"title:脆弱性", "title:\"脆弱性\""}, QuoteCase{"\"脆弱性 修正\"", "\"脆弱性 修正\""},
                      QuoteCase{"Rubyの脆弱性", "Ruby \"の脆弱性\""},
                      QuoteCase{"脆弱性、修正", "\"脆弱性\" 、 \"修正\""}, QuoteCase{"(脆弱性)", "(\"脆弱性\")"},
                      QuoteCase{"-脆弱性", "-\"脆弱性\""}, QuoteCase{"脆弱性ruby", "\"脆弱性\" ruby"},
                      QuoteCase{"한국어 lang:ko", "\"한국어\" lang:ko"}, QuoteCase{"2 月 23", "2 \"月\" 23"},
                      QuoteCase{"月 23", "\"月\" 23"}, QuoteCase{"2 月", "2 月"}));

}  // namespace
}  // namespace idx
