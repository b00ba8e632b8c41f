#include "common/utf8.hpp"

#include <gtest/gtest.h>

#include "tests/support/param_name.hpp"

namespace idx {
namespace {

struct RepairCase {
    const char* name;
    std::string input;
    std::string expected;
};

class RepairUtf8 : public ::testing::TestWithParam<RepairCase> {};

TEST_P(RepairUtf8, RepairsOrKeeps) {
    EXPECT_EQ(repair_utf8(GetParam().input), GetParam().expected);
    EXPECT_TRUE(is_clean_utf8(repair_utf8(GetParam().input)));
}

INSTANTIATE_TEST_SUITE_P(Cases, RepairUtf8,
                         ::testing::Values(RepairCase{"ascii", "plain text", "plain text"},
                                           RepairCase{"valid_multibyte", "caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x98\x80",
                                                      "caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x98\x80"},
                                           RepairCase{"latin1_byte", "caf\xE9!", "caf\xEF\xBF\xBD!"},
                                           RepairCase{"stray_continuation", "a\x80z", "a\xEF\xBF\xBDz"},
                                           RepairCase{"truncated_at_end", "ab\xE2\x80", "ab\xEF\xBF\xBD\xEF\xBF\xBD"},
                                           RepairCase{"overlong_slash", "\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},
                                           RepairCase{"surrogate", "\xED\xA0\x80",
                                                      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
                                           RepairCase{"beyond_unicode", "\xF4\x90\x80\x80",
                                                      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
                                           RepairCase{"nul_and_del",
                                                      std::string("a\0b\x7F"
                                                                  "c",
                                                                  5),
                                                      "a b c"},
                                           RepairCase{"keeps_tab_newline_cr", "a\tb\nc\rd", "a\tb\nc\rd"}),
                         test::param_name);

TEST(TruncateUtf8, NeverSplitsASequence) {
    const std::string text =
        "ab\xE2\x80\x93"
        "cd";  // "ab–cd", the dash is 3 bytes
    EXPECT_EQ(truncate_utf8(text, 2), "ab");
    EXPECT_EQ(truncate_utf8(text, 3), "ab");
    EXPECT_EQ(truncate_utf8(text, 4), "ab");
    EXPECT_EQ(truncate_utf8(text, 5), "ab\xE2\x80\x93");
    EXPECT_EQ(truncate_utf8(text, 100), text);
}

}  // namespace
}  // namespace idx
