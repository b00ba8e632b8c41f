#include "common/stored_text.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/param_name.hpp"

namespace idx {
namespace {

struct TextCase {
    const char* name;
    std::string text;
};

class StoredText : public ::testing::TestWithParam<TextCase> {};

TEST_P(StoredText, RoundTrips) {
    const std::string stored = encode_stored_text(GetParam().text);
    const std::optional<std::string> back = decode_stored_text(stored);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, GetParam().text);
}

std::string words(std::size_t bytes) {
    std::string text;
    for (std::size_t i = 0; text.size() < bytes; ++i) text += "w\xC3\xB6rd" + std::to_string(i % 997) + " ";
    return text;
}

INSTANTIATE_TEST_SUITE_P(Cases, StoredText,
                         ::testing::Values(TextCase{"empty", ""}, TextCase{"one_word", "heron"},
                                           TextCase{"utf8", "caf\xC3\xA9 \xE2\x80\x93 cr\xC3\xA8me"},
                                           TextCase{"lines", "first block\nsecond block\nthird"},
                                           TextCase{"one_mebibyte", words(1024 * 1024)}),
                         test::param_name);

TEST(StoredTextFormat, EmptyTextStoresNothing) {
    EXPECT_EQ(encode_stored_text(""), "");
}

TEST(StoredTextFormat, CompressesText) {
    const std::string text = words(100000);
    EXPECT_LT(encode_stored_text(text).size(), text.size() / 3);
}

TEST(StoredTextFormat, UncompressedFormatIsRead) {
    EXPECT_EQ(decode_stored_text(std::string("\0plain", 6)), "plain");
}

TEST(StoredTextFormat, GarbageAndTruncationAreRefused) {
    EXPECT_FALSE(decode_stored_text("\x07whatever").has_value()) << "unknown format";
    EXPECT_FALSE(decode_stored_text("\x01not a zstd frame").has_value());
    const std::string stored = encode_stored_text(words(5000));
    for (std::size_t cut = 1; cut < stored.size(); cut += 7)
        EXPECT_FALSE(decode_stored_text(stored.substr(0, cut)).has_value()) << "cut at " << cut;
}

// A damaged or hostile value must not make a search allocate gigabytes.
TEST(StoredTextFormat, RefusesToExpandPastTheLimit) {
    const std::string huge(kMaxDecodedText + 1, 'a');
    EXPECT_FALSE(decode_stored_text(encode_stored_text(huge)).has_value());
}

}  // namespace
}  // namespace idx
