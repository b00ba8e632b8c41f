#include "common/schema.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <set>
#include <string>

#include "common/utf8.hpp"
#include "tests/support/param_name.hpp"
#include "tests/support/text.hpp"

namespace idx::schema {
namespace {

using test::repeat;

// The term Xapian's own QueryParser makes for `field:"value"` when `field` is
// a boolean prefix: the reference boolean_term must agree with, or a filter
// typed in a query would never match what the indexer wrote.
std::string query_parser_term(std::string_view prefix, std::string_view value) {
    Xapian::QueryParser parser;
    parser.add_boolean_prefix("field", std::string(prefix));
    const Xapian::Query query = parser.parse_query("field:\"" + std::string(value) + "\"");
    std::vector<std::string> terms(query.get_terms_begin(), query.get_terms_end());
    if (terms.size() != 1) return "<" + std::to_string(terms.size()) + " terms>";
    return terms.front();
}

struct TermCase {
    const char* name;
    std::string_view prefix;
    std::string value;
    std::string expected;  // written out by hand; the QueryParser check below confirms it
};

class BooleanTerm : public ::testing::TestWithParam<TermCase> {};

TEST_P(BooleanTerm, Spelling) {
    EXPECT_EQ(boolean_term(GetParam().prefix, GetParam().value), GetParam().expected);
}

TEST_P(BooleanTerm, MatchesXapianQueryParser) {
    EXPECT_EQ(boolean_term(GetParam().prefix, GetParam().value),
              query_parser_term(GetParam().prefix, GetParam().value));
}

INSTANTIATE_TEST_SUITE_P(Cases, BooleanTerm,
                         ::testing::Values(
                             // A one-character prefix never takes a colon: A is the author prefix.
                             TermCase{"single_char_capital", prefix::author, "Staff Writer", "AStaff Writer"},
                             TermCase{"single_char_lower", prefix::author, "staff", "Astaff"},
                             TermCase{"single_char_tag_capital", prefix::tag, "Spring Bulbs", "KSpring Bulbs"},
                             // A longer prefix takes one before a capital, so XC + "Top" is not read as prefix XCT.
                             TermCase{"multi_char_capital", prefix::category, "Top Stories", "XC:Top Stories"},
                             TermCase{"multi_char_lower", prefix::category, "culture", "XCculture"},
                             TermCase{"multi_char_digit", prefix::post_id, "101", "XID101"},
                             TermCase{"multi_char_capital_id", prefix::post_id, "P42", "XID:P42"},
                             TermCase{"multi_char_leading_colon", prefix::category, ":odd", "XC::odd"},
                             TermCase{"multi_char_symbol", prefix::category, "#hashtag", "XC#hashtag"},
                             // Only ASCII capitals count, in Xapian as here.
                             TermCase{"multi_char_non_ascii_capital", prefix::category,
                                      "\xC3\x89"
                                      "cole",
                                      "XC\xC3\x89"
                                      "cole"},
                             TermCase{"multi_char_non_ascii_lower", prefix::category,
                                      "\xC3\xA9"
                                      "cole",
                                      "XC\xC3\xA9"
                                      "cole"},
                             TermCase{"year", prefix::year, "2016", "Y2016"}),
                         test::param_name);

TEST(BooleanTerm, EmptyValueIsThePrefix) {
    EXPECT_EQ(boolean_term(prefix::category, ""), "XC");
    EXPECT_EQ(boolean_term(prefix::author, ""), "A");
}

// Xapian refuses terms over 245 bytes; a category or tag may be longer.
struct LongCase {
    const char* name;
    std::string_view prefix;
    std::string value;
};

class LongValue : public ::testing::TestWithParam<LongCase> {};

TEST_P(LongValue, StaysUnderXapiansLimit) {
    const std::string term = boolean_term(GetParam().prefix, GetParam().value);
    EXPECT_LT(term.size(), 245u);
    EXPECT_LE(term.size(), kMaxTermBytes);
    EXPECT_TRUE(is_clean_utf8(term)) << "cut inside a UTF-8 sequence";
    EXPECT_EQ(term.substr(0, GetParam().prefix.size()), GetParam().prefix);
}

TEST_P(LongValue, KeepsItsBeginningAndIsStable) {
    const std::string term = boolean_term(GetParam().prefix, GetParam().value);
    EXPECT_EQ(term, boolean_term(GetParam().prefix, GetParam().value));
    // The readable start of the value survives (after the prefix and any colon).
    std::string start = GetParam().value.substr(0, 40);
    EXPECT_NE(term.find(start), std::string::npos) << term;
}

INSTANTIATE_TEST_SUITE_P(
    Values, LongValue,
    ::testing::Values(LongCase{"ascii_300", prefix::category, repeat("long category ", 22)},
                      LongCase{"capital_300", prefix::category, "Top " + repeat("stories ", 40)},
                      // Two- and three-byte sequences put any cut inside a character unless it is careful.
                      LongCase{"two_byte_chars", prefix::tag, repeat("\xC3\xA9", 200)},
                      LongCase{"three_byte_chars", prefix::category, repeat("\xE2\x80\x93", 150)},
                      LongCase{"mixed_offsets", prefix::category, "a" + repeat("\xE2\x80\x93", 150)},
                      LongCase{"mixed_offsets_2", prefix::category, "ab" + repeat("\xE2\x80\x93", 150)},
                      LongCase{"four_byte_chars", prefix::author, repeat("\xF0\x9F\x98\x80", 100)},
                      LongCase{"exactly_over", prefix::category, std::string(239, 'x')}),
    test::param_name);

TEST(BooleanTerm, ValueAtTheLimitIsKeptWhole) {
    const std::string value(kMaxTermBytes - 2, 'x');  // XC + value is exactly the limit
    EXPECT_EQ(boolean_term(prefix::category, value), "XC" + value);
}

// Values that differ only after the cut must still give different terms, or
// one category filter would match the posts of another.
TEST(BooleanTerm, DistinctLongValuesStayDistinct) {
    const std::string common = repeat("a shared beginning ", 20);
    std::set<std::string> terms;
    const std::vector<std::string> values = {common + "one",  common + "two", common + "One",
                                             common + "one ", common,         common + repeat("x", 500)};
    for (const std::string& value : values) terms.insert(boolean_term(prefix::category, value));
    EXPECT_EQ(terms.size(), values.size());
}

TEST(UniqueIdTerm, IsQAndThePath) {
    EXPECT_EQ(unique_id_term("/srv/blog/_posts/2016-02-21-a.md"), "Q/srv/blog/_posts/2016-02-21-a.md");
    EXPECT_EQ(unique_id_term("/Users/Me/Posts/A.md"), "Q/Users/Me/Posts/A.md");
}

TEST(UniqueIdTerm, LongPathsStayUniqueAndShort) {
    const std::string folder = "/srv/" + repeat("very-long-folder-name/", 15);
    const std::string a = unique_id_term(folder + "first-post.md");
    const std::string b = unique_id_term(folder + "second-post.md");
    EXPECT_NE(a, b);
    EXPECT_LT(a.size(), 245u);
    EXPECT_LT(b.size(), 245u);
    EXPECT_EQ(a.front(), 'Q');
}

TEST(DateOrderKey, SortsByDateWithUndatedPostsLowestAndTiesByPath) {
    const std::string undated = date_order_key("", "/blog/_posts/z.md");
    const std::string a = date_order_key("20160301100000", "/blog/_posts/a.md");
    const std::string b = date_order_key("20160301100000", "/blog/_posts/b.md");
    const std::string later = date_order_key("20160301100001", "/blog/_posts/a.md");
    const std::string earliest = date_order_key("00010101000000", "/blog/_posts/y.md");
    EXPECT_EQ(a.size(), 22u);
    EXPECT_EQ(a.substr(0, 14), "20160301100000");
    EXPECT_EQ(undated.size(), 9u);
    EXPECT_LT(undated, earliest);
    EXPECT_LT(undated, a);
    EXPECT_NE(a, b);  // same date, another post: a tie broken by the path
    EXPECT_EQ(a, date_order_key("20160301100000", "/blog/_posts/a.md"));
    EXPECT_LT(std::max(a, b), later);
    // The key grows with the date only, never with the path.
    EXPECT_EQ(date_order_key("20160301100000", std::string(4000, 'p')).size(), 22u);
}

// The field table is what the query parser is built from: every boolean field
// must have a prefix, names must be unique, and prefixes must not collide.
TEST(Fields, TableIsConsistent) {
    std::set<std::string_view> names;
    std::set<std::string_view> prefixes;
    for (const Field& field : kFields) {
        EXPECT_TRUE(names.insert(field.name).second) << field.name;
        if (field.kind == FieldKind::date) {
            EXPECT_TRUE(field.prefix.empty()) << field.name;
            continue;
        }
        EXPECT_FALSE(field.prefix.empty()) << field.name;
        EXPECT_TRUE(prefixes.insert(field.prefix).second) << field.name;
        EXPECT_NE(field.prefix, prefix::unique_id) << field.name;
    }
}

}  // namespace
}  // namespace idx::schema
