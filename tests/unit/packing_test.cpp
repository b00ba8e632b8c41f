#include "common/packing.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "tests/support/param_name.hpp"

namespace idx {
namespace {

using Strings = std::vector<std::string>;

struct NumberCase {
    std::uint64_t value;
    std::size_t encoded_bytes;  // a varint holds 7 bits a byte
};

class PackNumber : public ::testing::TestWithParam<NumberCase> {};

TEST_P(PackNumber, RoundTrips) {
    Packer out;
    out.number(GetParam().value);
    const std::string bytes = out.take();
    EXPECT_EQ(bytes.size(), GetParam().encoded_bytes);
    Unpacker in(bytes);
    std::uint64_t back = 1;
    ASSERT_TRUE(in.number(back));
    EXPECT_EQ(back, GetParam().value);
    EXPECT_FALSE(in.number(back)) << "nothing after it";
}

INSTANTIATE_TEST_SUITE_P(Values, PackNumber,
                         ::testing::Values(NumberCase{0, 1}, NumberCase{1, 1}, NumberCase{127, 1}, NumberCase{128, 2},
                                           NumberCase{300, 2}, NumberCase{16383, 2}, NumberCase{16384, 3},
                                           NumberCase{std::uint64_t{1} << 32, 5},
                                           NumberCase{std::uint64_t{1} << 63, 10},
                                           NumberCase{std::numeric_limits<std::uint64_t>::max(), 10}),
                         [](const ::testing::TestParamInfo<NumberCase>& p) {
                             return "n" + std::to_string(p.param.value);
                         });

// The layout is stored in databases, so it is LEB128 exactly: low 7 bits first.
TEST(Packer, NumberIsLittleEndianBase128) {
    Packer out;
    out.number(300);
    EXPECT_EQ(out.take(), std::string("\xAC\x02", 2));
}

TEST(Packer, TextIsLengthThenBytes) {
    Packer out;
    out.text("abc");
    EXPECT_EQ(out.take(), std::string("\x03"
                                      "abc",
                                      4));
}

TEST(Packer, ItemsRoundTripInOrder) {
    const std::string binary("nul\0inside\xFF", 11);
    const std::string long_text(100000, 'x');
    Packer out;
    out.number(42).text("").text(binary).list({}).list({"a", "", "ccc"}).text(long_text).number(7);
    const std::string bytes = out.take();

    Unpacker in(bytes);
    std::uint64_t n = 0;
    std::string_view text;
    Strings list{"stale"};
    ASSERT_TRUE(in.number(n));
    EXPECT_EQ(n, 42u);
    ASSERT_TRUE(in.text(text));
    EXPECT_EQ(text, "");
    ASSERT_TRUE(in.text(text));
    EXPECT_EQ(text, binary);
    ASSERT_TRUE(in.list(list));
    EXPECT_TRUE(list.empty());
    ASSERT_TRUE(in.list(list));
    EXPECT_EQ(list, (Strings{"a", "", "ccc"}));
    ASSERT_TRUE(in.text(text));
    EXPECT_EQ(text, long_text);
    ASSERT_TRUE(in.number(n));
    EXPECT_EQ(n, 7u);
    EXPECT_FALSE(in.number(n)) << "read past the end";
}

TEST(Unpacker, EachInListVisitsEveryItem) {
    Packer out;
    out.list({"x", "yy", "zzz"});
    const std::string bytes = out.take();
    Unpacker in(bytes);
    Strings seen;
    EXPECT_TRUE(in.each_in_list([&](std::string_view item) { seen.emplace_back(item); }));
    EXPECT_EQ(seen, (Strings{"x", "yy", "zzz"}));
}

struct MalformedCase {
    const char* name;
    std::string bytes;
};

class UnpackMalformed : public ::testing::TestWithParam<MalformedCase> {};

// Each read fails cleanly instead of reading past the input.
TEST_P(UnpackMalformed, ReadsFail) {
    const std::string& bytes = GetParam().bytes;
    Unpacker as_text(bytes);
    std::string_view text;
    EXPECT_FALSE(as_text.text(text));
    Unpacker as_list(bytes);
    Strings list;
    EXPECT_FALSE(as_list.list(list));
}

INSTANTIATE_TEST_SUITE_P(Inputs, UnpackMalformed,
                         ::testing::Values(MalformedCase{"empty", ""}, MalformedCase{"unfinished_varint", "\x80"},
                                           MalformedCase{"length_past_end", std::string("\x05"
                                                                                        "abc",
                                                                                        4)},
                                           // 2^63: a length that would wrap a careless `pos + len` check.
                                           MalformedCase{"huge_length",
                                                         std::string("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01"
                                                                     "ab",
                                                                     12)},
                                           MalformedCase{"varint_too_long", std::string(11, '\x80') + "\x01"},
                                           MalformedCase{"all_ff", std::string(32, '\xFF')}),
                         test::param_name);

TEST(Unpacker, UnfinishedNumberFails) {
    std::uint64_t n = 0;
    Unpacker empty("");
    EXPECT_FALSE(empty.number(n));
    Unpacker cut(std::string_view("\xAC", 1));  // 300 without its second byte
    EXPECT_FALSE(cut.number(n));
    const std::string eleven_bytes(11, '\x80');  // a uint64 needs at most 10
    Unpacker too_long(eleven_bytes);
    EXPECT_FALSE(too_long.number(n));
}

// A list that promises more items than the input holds stops at the end.
TEST(Unpacker, ListCountPastTheInputFails) {
    Packer out;
    out.number(1000000).text("only one");
    const std::string bytes = out.take();
    Unpacker in(bytes);
    std::size_t visited = 0;
    EXPECT_FALSE(in.each_in_list([&](std::string_view) { ++visited; }));
    EXPECT_EQ(visited, 1u);
}

// Every cut of a valid record fails at the item it cuts, never later and never with garbage.
TEST(Unpacker, EveryPrefixOfARecordFailsCleanly) {
    Packer out;
    out.number(123456).text("caf\xC3\xA9").list({"one", "two"});
    const std::string bytes = out.take();
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
        Unpacker in(std::string_view(bytes).substr(0, cut));
        std::uint64_t n = 0;
        std::string_view text;
        Strings list;
        const bool all = in.number(n) && in.text(text) && in.list(list);
        EXPECT_FALSE(all) << "prefix of " << cut << " bytes decoded whole";
    }
}

}  // namespace
}  // namespace idx
