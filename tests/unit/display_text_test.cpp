#include "common/display_text.hpp"

#include <gtest/gtest.h>

#include "tests/support/param_name.hpp"

namespace idx {
namespace {

struct Case {
    const char* name;
    std::string in;
    std::string want;
};

void PrintTo(const Case& c, std::ostream* out) {
    *out << c.name;
}

class TerminalSafe : public ::testing::TestWithParam<Case> {};

TEST_P(TerminalSafe, EscapesWhatDrivesATerminal) {
    EXPECT_EQ(terminal_safe(GetParam().in), GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TerminalSafe,
    ::testing::Values(Case{"plain", "Kerry and Lavrov", "Kerry and Lavrov"},
                      Case{"utf8_kept", "Caf\xC3\xA9 \xE2\x80\x93 \xE6\x97\xA5\xE6\x9C\xAC",
                           "Caf\xC3\xA9 \xE2\x80\x93 \xE6\x97\xA5\xE6\x9C\xAC"},
                      Case{"osc_title",
                           "a\x1b]0;pwned\x07"
                           "b.md",
                           "a\\x1b]0;pwned\\x07b.md"},
                      Case{"clear_screen", "\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"},
                      Case{"newline_forges_a_line", "two\nposts/x.md: error", "two\\x0aposts/x.md: error"},
                      Case{"carriage_return_tab_nul", std::string("a\rb\tc\0d", 7), "a\\x0db\\x09c\\x00d"},
                      Case{"del",
                           "a\x7f"
                           "b",
                           "a\\x7fb"},
                      Case{"c1_csi",
                           "a\xC2\x9B"
                           "2J",
                           "a\\u009b2J"},
                      Case{"c1_bounds", "\xC2\x80\xC2\x9F\xC2\xA0", "\\u0080\\u009f\xC2\xA0"},
                      Case{"bidi_override",
                           "txt.\xE2\x80\xAE"
                           "dm",
                           "txt.\\u202edm"},
                      Case{"bidi_isolates", "\xE2\x81\xA6x\xE2\x81\xA9", "\\u2066x\\u2069"},
                      Case{"bidi_neighbours_kept", "\xE2\x80\xA9\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA",
                           "\xE2\x80\xA9\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA"},
                      Case{"invalid_utf8_bytes", "caf\xE9 \xC0\xAF \xED\xA0\x80",
                           "caf\\xe9 \\xc0\\xaf \\xed\\xa0\\x80"},
                      Case{"truncated_sequence", "end\xE2\x80", "end\\xe2\\x80"}, Case{"empty", "", ""}),
    test::param_name);

class NeutraliseDisplayHazards : public ::testing::TestWithParam<Case> {};

TEST_P(NeutraliseDisplayHazards, LeavesNothingThatShowsDifferently) {
    EXPECT_EQ(neutralise_display_hazards(GetParam().in), GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, NeutraliseDisplayHazards,
    ::testing::Values(Case{"plain", "Kerry and Lavrov", "Kerry and Lavrov"},
                      Case{"c1_controls",
                           "a\xC2\x9B"
                           "b\xC2\x85"
                           "c",
                           "a b c"},
                      Case{"bidi_override",
                           "gnp.\xE2\x80\xAE"
                           "exe",
                           "gnp. exe"},
                      Case{"tab_and_newline_kept", "a\tb\nc", "a\tb\nc"}, Case{"escape", "a\x1b[31mb", "a [31mb"},
                      Case{"arabic_kept", "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85", "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85"}),
    test::param_name);

TEST(IsDisplayHazard, Boundaries) {
    EXPECT_TRUE(is_display_hazard(0x00));
    EXPECT_TRUE(is_display_hazard(0x1F));
    EXPECT_FALSE(is_display_hazard(0x20));
    EXPECT_FALSE(is_display_hazard(0x7E));
    EXPECT_TRUE(is_display_hazard(0x7F));
    EXPECT_TRUE(is_display_hazard(0x9F));
    EXPECT_FALSE(is_display_hazard(0xA0));
    EXPECT_FALSE(is_display_hazard(0x2029));
    EXPECT_TRUE(is_display_hazard(0x202A));
    EXPECT_TRUE(is_display_hazard(0x202E));
    EXPECT_FALSE(is_display_hazard(0x202F));
    EXPECT_FALSE(is_display_hazard(0x2065));
    EXPECT_TRUE(is_display_hazard(0x2066));
    EXPECT_TRUE(is_display_hazard(0x2069));
    EXPECT_FALSE(is_display_hazard(0x206A));
}

}  // namespace
}  // namespace idx
