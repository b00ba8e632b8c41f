#include "common/records.hpp"
#include "common/schema.hpp"
#include "common/stored_text.hpp"
#include "tests/support/param_name.hpp"
#include "tests/support/post_dates.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <utility>

namespace idx {
namespace {

using test::make_date;

using Strings = std::vector<std::string>;
using FacetValues = std::vector<std::pair<FacetField, std::string>>;

Post full_post() {
    Post post;
    post.path = "/srv/blog/_posts/2016-02-21-ceasefire.md";
    post.url = "https://news.example.org/ceasefire/";
    post.title = "Ceasefire talks resume \xE2\x80\x93 envoys' \"last chance\"";
    post.authors = {"Staff Writer", "Ana P\xC3\xA9rez"};
    post.categories = {"World", "Top Stories"};
    post.tags = {"geneva", "diplomacy", "talks"};
    post.date = make_date(2016, 2, 21, 18, 12, 10, 60);
    post.id = "101";
    post.lang = "pt_br";
    post.text = "Envoys returned to Geneva.\nAid convoys reached three towns & villages.";
    return post;
}

// Everything the document data keeps: all of Post but `draft`, which only
// decides whether a post is indexed at all.
void expect_same_post(const Post& actual, const Post& expected) {
    EXPECT_EQ(actual.path, expected.path);
    EXPECT_EQ(actual.url, expected.url);
    EXPECT_EQ(actual.title, expected.title);
    EXPECT_EQ(actual.authors, expected.authors);
    EXPECT_EQ(actual.categories, expected.categories);
    EXPECT_EQ(actual.tags, expected.tags);
    EXPECT_EQ(actual.date, expected.date);
    EXPECT_EQ(actual.id, expected.id);
    EXPECT_EQ(actual.lang, expected.lang);
    EXPECT_EQ(actual.text, expected.text);
}

struct PostCase {
    const char* name;
    Post post;
};

Post with(Post post, void (*change)(Post&)) {
    change(post);
    return post;
}

class DocumentData : public ::testing::TestWithParam<PostCase> {};

TEST_P(DocumentData, RoundTrips) {
    const Post& post = GetParam().post;
    const std::optional<Post> back = decode_post(encode_document_data(post), encode_stored_text(post.text));
    ASSERT_TRUE(back.has_value());
    expect_same_post(*back, post);
}

// The text lives in its own value slot, so the document data stays small.
TEST_P(DocumentData, DataAloneCarriesNoText) {
    const std::optional<Post> back = decode_document_data(encode_document_data(GetParam().post));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->text, "");
    EXPECT_EQ(back->title, GetParam().post.title);
}

// A record cut anywhere is refused, never half-read.
TEST_P(DocumentData, EveryTruncationIsRefused) {
    const std::string bytes = encode_document_data(GetParam().post);
    for (std::size_t cut = 0; cut < bytes.size(); ++cut)
        EXPECT_FALSE(decode_document_data(std::string_view(bytes).substr(0, cut)).has_value()) << "cut at " << cut;
}

TEST_P(DocumentData, FacetsVisitInFieldOrder) {
    const Post& post = GetParam().post;
    FacetValues seen;
    const bool ok = visit_facets(encode_facets(post),
                                 [&](FacetField field, std::string_view value) { seen.emplace_back(field, value); });
    EXPECT_TRUE(ok);
    FacetValues expected;
    for (const std::string& v : post.authors) expected.emplace_back(FacetField::author, v);
    for (const std::string& v : post.categories) expected.emplace_back(FacetField::category, v);
    for (const std::string& v : post.tags) expected.emplace_back(FacetField::tag, v);
    if (post.date) expected.emplace_back(FacetField::month, to_year_month(*post.date));
    if (!post.lang.empty()) expected.emplace_back(FacetField::lang, post.lang);
    EXPECT_EQ(seen, expected);
}

TEST_P(DocumentData, EachFieldsRecordHoldsThatFieldsValuesOnly) {
    const Post& post = GetParam().post;
    FacetValues whole;
    ASSERT_TRUE(visit_facets(encode_facets(post), [&](FacetField f, std::string_view v) { whole.emplace_back(f, v); }));
    FacetValues joined;
    for (int i = 0; i < kFacetFieldCount; ++i) {
        const auto field = static_cast<FacetField>(i);
        EXPECT_EQ(field_facets_slot(field), schema::slot::first_field_facets + static_cast<Xapian::valueno>(i));
        ASSERT_TRUE(visit_facets(encode_field_facets(post, field), [&](FacetField f, std::string_view v) {
            EXPECT_EQ(f, field);
            joined.emplace_back(f, v);
        }));
    }
    // Field by field, the same values as the whole record, in the same order.
    EXPECT_EQ(joined, whole);
}

TEST_P(DocumentData, FacetTruncationIsReported) {
    const std::string bytes = encode_facets(GetParam().post);
    FacetValues whole;
    ASSERT_TRUE(visit_facets(bytes, [&](FacetField f, std::string_view v) { whole.emplace_back(f, v); }));
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
        FacetValues seen;
        EXPECT_FALSE(visit_facets(std::string_view(bytes).substr(0, cut),
                                  [&](FacetField f, std::string_view v) { seen.emplace_back(f, v); }))
            << "cut at " << cut;
        // What was visited before the cut is a true beginning of the values.
        ASSERT_LE(seen.size(), whole.size());
        EXPECT_TRUE(std::equal(seen.begin(), seen.end(), whole.begin())) << "cut at " << cut;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Posts, DocumentData,
    ::testing::Values(PostCase{"full", full_post()}, PostCase{"empty", Post{}},
                      PostCase{"no_date", with(full_post(), [](Post& p) { p.date.reset(); })},
                      PostCase{"date_without_offset",
                               with(full_post(), [](Post& p) { p.date = make_date(2016, 7, 4, 0, 0, 0, {}); })},
                      PostCase{"negative_offset",
                               with(full_post(), [](Post& p) { p.date = make_date(1999, 12, 31, 23, 59, 59, -570); })},
                      PostCase{"empty_lists", with(full_post(),
                                                   [](Post& p) {
                                                       p.authors.clear();
                                                       p.categories.clear();
                                                       p.tags.clear();
                                                   })},
                      PostCase{"long_text", with(full_post(), [](Post& p) { p.text = std::string(300000, 'w'); })},
                      PostCase{"binary_text",
                               with(full_post(), [](Post& p) { p.text = std::string("a\0b\xFF\n", 5); })}),
    test::param_name);

TEST(DocumentData, OtherFormatNumberIsRefused) {
    std::string bytes = encode_document_data(full_post());
    ASSERT_FALSE(bytes.empty());
    bytes[0] = static_cast<char>(bytes[0] + 1);
    EXPECT_FALSE(decode_document_data(bytes).has_value());
    FacetValues seen;
    std::string facets = encode_facets(full_post());
    facets[0] = static_cast<char>(facets[0] + 1);
    EXPECT_FALSE(visit_facets(facets, [&](FacetField f, std::string_view v) { seen.emplace_back(f, v); }));
    EXPECT_TRUE(seen.empty());
}

// Records from another version or a damaged database must not crash a search:
// random bytes decode to nothing or to something, but always return.
TEST(Records, GarbageNeverCrashes) {
    std::mt19937 random(20160221);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<std::size_t> length(0, 64);
    for (int round = 0; round < 5000; ++round) {
        std::string bytes(length(random), '\0');
        for (char& c : bytes) c = static_cast<char>(byte(random));
        if (round % 2 == 0 && !bytes.empty()) bytes[0] = '\x01';  // get past the format number half the time
        (void)decode_document_data(bytes);
        (void)decode_source(bytes);
        std::size_t visits = 0;
        (void)visit_facets(bytes, [&](FacetField, std::string_view value) {
            EXPECT_LE(value.size(), bytes.size());
            ++visits;
        });
        EXPECT_LE(visits, bytes.size());
    }
}

struct SourceCase {
    const char* name;
    SourceRecord source;
};

class Source : public ::testing::TestWithParam<SourceCase> {};

TEST_P(Source, RoundTrips) {
    const std::optional<SourceRecord> back = decode_source(encode_source(GetParam().source));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, GetParam().source);
}

TEST_P(Source, EveryTruncationIsRefused) {
    const std::string bytes = encode_source(GetParam().source);
    for (std::size_t cut = 0; cut < bytes.size(); ++cut)
        EXPECT_FALSE(decode_source(std::string_view(bytes).substr(0, cut)).has_value()) << "cut at " << cut;
}

const std::string kHash("\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xAA\xBB\xCC\xDD\xEE\xFF", 16);

INSTANTIATE_TEST_SUITE_P(
    Records, Source,
    ::testing::Values(SourceCase{"typical", {"/srv/blog/_posts/a.md", 1456078330123456789, 2048, kHash}},
                      SourceCase{"empty", {}},
                      // A file dated before 1970 (a restored backup) has a negative mtime.
                      SourceCase{"before_1970", {"/old.md", -86400000000000, 1, kHash}},
                      SourceCase{"extremes",
                                 {"/big.md", std::numeric_limits<std::int64_t>::max(),
                                  std::numeric_limits<std::uint64_t>::max(), kHash}},
                      SourceCase{"lowest_mtime", {"/x.md", std::numeric_limits<std::int64_t>::min(), 0, ""}}),
    test::param_name);

TEST(Source, OtherFormatNumberIsRefused) {
    std::string bytes = encode_source({"/a.md", 1, 2, kHash});
    bytes[0] = '\x7F';
    EXPECT_FALSE(decode_source(bytes).has_value());
}

}  // namespace
}  // namespace idx

namespace idx {
namespace {

TEST(SourceRecord, RoundTripsWithItsPublishingFlags) {
    SourceRecord source{"/srv/blog/_drafts/idea.md", 1700000000123456789, 4096, std::string(16, 'h'), true, false};
    EXPECT_EQ(decode_source(encode_source(source)), source);
    source.draft = false;
    source.future = true;
    EXPECT_EQ(decode_source(encode_source(source)), source);
    const std::string bytes = encode_source(source);
    for (std::size_t cut = 0; cut < bytes.size(); ++cut)
        EXPECT_FALSE(decode_source(std::string_view(bytes).substr(0, cut)).has_value()) << "cut at " << cut;
}

TEST(Roots, AnyByteInAFolderNameSurvives) {
    const std::vector<std::string> roots = {"/srv/blog/_posts", "/srv/odd\nname", "/srv/tab\there", "/"};
    EXPECT_EQ(decode_roots(encode_roots(roots)), roots);
    EXPECT_EQ(decode_roots(encode_roots({})), std::vector<std::string>{});
}

TEST(Roots, TheOneALineFormOfOlderVersionsIsRead) {
    EXPECT_EQ(decode_roots("/srv/a\n/srv/b\n"), (std::vector<std::string>{"/srv/a", "/srv/b"}));
    EXPECT_EQ(decode_roots(""), std::vector<std::string>{});
}

TEST(Failures, RoundTripAndDamageGivesNothing) {
    const std::vector<FailureRecord> failures = {
        {"/srv/blog/_posts/2016-03-02-broken.md", 1456900000000000000, 812, 5, "front matter is not valid YAML"},
        {"/srv/blog/_posts/odd\nname.md", 0, 0, 0, "cannot read: Permission denied"},
    };
    EXPECT_EQ(decode_failures(encode_failures(failures)), failures);
    const std::string bytes = encode_failures(failures);
    for (std::size_t cut = 0; cut < bytes.size(); ++cut)
        EXPECT_TRUE(decode_failures(std::string_view(bytes).substr(0, cut)).empty()) << "cut at " << cut;
}

}  // namespace
}  // namespace idx
